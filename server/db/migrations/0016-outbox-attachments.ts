// Files carried by an outbox mail (issue 16: the periodic reports go to leaders as PDF and XLSX). A table of its
// own rather than a column of `outbox`: most mail has none, and the bytes stay out of every outbox scan. The bytes
// are stored, not re-rendered at send time, so the mail says exactly what was generated when it was queued.
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { id, ref, str, date } from './columns.js';

export const outboxAttachments: Migration = {
  name: '0016-outbox-attachments',
  async up({ queryInterface: q, dialect }) {
    await q.createTable('outbox_attachments', {
      id: id(),
      outbox_id: ref('outbox', false, 'CASCADE'),
      filename: str(190),
      content_type: str(190),
      // MariaDB's BLOB stops at 64 KB; a report with embedded font is larger
      content: { type: dialect === 'mysql' ? DataTypes.BLOB('long') : DataTypes.BLOB, allowNull: false },
      created_at: date(false),
    });
    await q.addIndex('outbox_attachments', ['outbox_id'], { name: 'outbox_attachments_outbox_idx' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('outbox_attachments');
  },
};
