// The hotline desk's reply tools (issue 14 items 4 and 5):
// - reply_templates: each agency's answer templates, with {{variables}} filled from the ticket (services/replies);
// - agency_reply_settings: the agency's letter head and signature, wrapped around every reply it sends; a table of its
//   own so the agencies table (the org chart, read everywhere) does not carry mail prose;
// - outbox.raw_sha256: the exact MIME bytes a mail went out as, kept in raw_messages beside the inbound raw mail,
//   so the legal record of an answer is what the citizen received, not a re-rendering;
// - ticket_presence: who has a ticket open, one row per (ticket, user) renewed by the page and read with an expiry,
//   in the database because web processes may be many.
import type { Migration } from './context.js';
import { id, ref, str, text, date, timestamps } from './columns.js';
import { schemaOnce } from './schema-once.js';

export const replyDesk: Migration = {
  name: '0022-reply-desk',
  async up({ queryInterface: q }) {
    const schema = schemaOnce(q);
    await schema.createTable('reply_templates', {
      id: id(),
      agency_id: ref('agencies', false, 'CASCADE'),
      name: str(120),
      body: text(false),
      updated_by: str(64, true),
      ...timestamps(),
    });
    await schema.addIndex('reply_templates', ['agency_id', 'name'], { unique: true, name: 'reply_templates_agency_name_uq' });
    await schema.createTable('agency_reply_settings', {
      agency_id: { ...ref('agencies', false, 'CASCADE'), primaryKey: true },
      header: text(),
      signature: text(),
      updated_by: str(64, true),
      ...timestamps(),
    });
    await schema.addColumn('outbox', 'raw_sha256', str(64, true));
    await schema.createTable('ticket_presence', {
      ticket_id: { ...ref('tickets', false, 'CASCADE'), primaryKey: true },
      user_id: { ...ref('users', false, 'CASCADE'), primaryKey: true },
      seen_at: date(false),
    });
    await schema.addIndex('ticket_presence', ['ticket_id', 'seen_at'], { name: 'ticket_presence_seen_idx' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('ticket_presence');
    await q.removeColumn('outbox', 'raw_sha256');
    await q.dropTable('agency_reply_settings');
    await q.dropTable('reply_templates');
  },
};
