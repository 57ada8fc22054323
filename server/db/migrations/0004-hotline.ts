// Hotline ingestion: inboxes with their IMAP cursor and lease, content-addressed raw mail, messages keyed
// twice for idempotency ((inbox, uid_validity, uid) and (inbox, message_id)), tickets, their events, and the
// outbox whose idempotency key makes every automatic mail go out at most once per purpose.
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { id, ref, str, text, flag, int, date, timestamps } from './columns.js';

export const hotline: Migration = {
  name: '0004-hotline',
  async up({ queryInterface: q, dialect }) {
    await q.createTable('hotline_inboxes', {
      id: id(),
      agency_id: ref('agencies', false),
      address: str(190, true),
      imap_host: str(190),
      imap_port: int(143),
      imap_user: str(190),
      imap_secure: flag(false),
      imap_folder: { ...str(190), defaultValue: 'INBOX' },
      password_enc: text(false),
      poll_interval_s: int(60),
      uid_validity: str(32, true),
      last_uid: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 }, // UIDs reach 2^32-1
      history_cutoff: date(),
      lease_owner: str(64, true),
      lease_until: date(),
      last_ok_at: date(),
      consecutive_failures: int(0),
      last_error: text(),
      active: flag(true),
      ...timestamps(),
    });
    await q.addIndex('hotline_inboxes', ['agency_id'], { unique: true, name: 'hotline_inboxes_agency_uq' });

    // LONGBLOB on MariaDB: a BLOB stops at 64 KiB and the cap is 25 MiB.
    await q.createTable('raw_messages', {
      sha256: { ...str(64), primaryKey: true },
      bytes: { type: dialect === 'mysql' ? DataTypes.BLOB('long') : DataTypes.BLOB, allowNull: false },
      size: int(0),
      created_at: date(false),
    });

    await q.createTable('tickets', {
      id: id(),
      ref: str(32),
      agency_id: ref('agencies', false),
      status: { ...str(16), defaultValue: 'new' },
      class: str(32),
      category: str(64, true),
      priority: { ...str(16), defaultValue: 'normal' },
      citizen_address: str(190),
      citizen_name: str(255, true),
      subject: str(500),
      lookup_code_hash: str(64, true),
      received_at: date(false),
      due_at: date(),
      first_response_due_at: date(),
      related_ticket_id: ref('tickets'),
      relation: str(32, true),
      history: flag(false),
      undeliverable: flag(false),
      ...timestamps(),
    });
    await q.addIndex('tickets', ['ref'], { unique: true, name: 'tickets_ref_uq' });
    await q.addIndex('tickets', ['agency_id', 'status'], { name: 'tickets_agency_status_idx' });

    await q.createTable('messages', {
      id: id(),
      inbox_id: ref('hotline_inboxes', true),
      uid_validity: str(32, true),
      uid: { type: DataTypes.BIGINT, allowNull: true },
      message_id: str(190),
      sha256: str(64),
      direction: { ...str(8), defaultValue: 'in' },
      classification: str(16),
      class_reason: str(190, true),
      ticket_id: ref('tickets'),
      from_address: str(190, true),
      subject: str(500, true),
      text_body: text(),
      html_sanitized: text(),
      search_text: text(),
      quarantine_reason: str(32, true),
      quarantine_detail: text(),
      ...timestamps(),
    });
    await q.addIndex('messages', ['inbox_id', 'uid_validity', 'uid'], { unique: true, name: 'messages_uid_uq' });
    await q.addIndex('messages', ['inbox_id', 'message_id'], { unique: true, name: 'messages_mid_uq' });
    await q.addIndex('messages', ['message_id'], { name: 'messages_mid_idx' });
    await q.addIndex('messages', ['ticket_id'], { name: 'messages_ticket_idx' });

    await q.createTable('ticket_events', {
      id: id(),
      ticket_id: ref('tickets', false, 'CASCADE'),
      kind: str(32),
      message_id: ref('messages'),
      details: text(),
      at: date(false),
    });
    await q.addIndex('ticket_events', ['ticket_id'], { name: 'ticket_events_ticket_idx' });

    await q.createTable('outbox', {
      id: id(),
      idempotency_key: str(190),
      kind: str(32),
      ticket_id: ref('tickets'),
      to_address: str(190),
      from_address: str(190),
      subject: str(500),
      text_body: text(false),
      html_body: text(),
      headers: text(),
      message_id: str(190, true),
      status: { ...str(16), defaultValue: 'queued' },
      attempts: int(0),
      next_attempt_at: date(false),
      sending_since: date(),
      last_error: text(),
      sent_at: date(),
      ...timestamps(),
    });
    await q.addIndex('outbox', ['idempotency_key'], { unique: true, name: 'outbox_key_uq' });
    await q.addIndex('outbox', ['status', 'next_attempt_at'], { name: 'outbox_due_idx' });
    await q.addIndex('outbox', ['to_address', 'created_at'], { name: 'outbox_to_idx' });
  },
  async down({ queryInterface: q }) {
    for (const t of ['outbox', 'ticket_events', 'messages', 'tickets', 'raw_messages', 'hotline_inboxes']) await q.dropTable(t);
  },
};
