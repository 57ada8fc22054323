// Operations (issue 17 item 3): the Prometheus scrape counts inbound mail by classification (mails ingested,
// quarantined) and the watchdog reads recent "reached nobody" reminder events. Without these indexes both would
// scan whole tables on every scrape or tick; with them each is an index range read.
import type { Migration } from './context.js';
import { schemaOnce } from './schema-once.js';

export const opsIndexes: Migration = {
  name: '0020-ops-indexes',
  async up({ queryInterface: q }) {
    const schema = schemaOnce(q);
    await schema.addIndex('messages', ['classification', 'direction'], { name: 'messages_class_idx' });
    await schema.addIndex('ticket_events', ['kind', 'at'], { name: 'ticket_events_kind_at_idx' });
  },
  async down({ queryInterface: q }) {
    await q.removeIndex('ticket_events', 'ticket_events_kind_at_idx');
    await q.removeIndex('messages', 'messages_class_idx');
  },
};
