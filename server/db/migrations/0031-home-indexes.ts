// The agent's home and the queue's "mine" at scale (a hundred thousand tickets in one agency). The overdue count
// (worked statuses, deadline passed, in the scope) was answered from the deadline index and read every ticket row
// past its deadline to test the status; with the status in the index it is a covering range read per status, in
// an agency and province-wide. The assignee filter (services/tickets/assignee.ts) finds tickets without a clock
// from their 'assign' events: with (kind, ticket_id) it tests "no later 'assign' event" inside the index.
import type { Migration } from './context.js';
import { schemaOnce } from './schema-once.js';

export const homeIndexes: Migration = {
  name: '0031-home-indexes',
  async up({ queryInterface: q }) {
    const schema = schemaOnce(q);
    await schema.addIndex('tickets', ['agency_id', 'status', 'due_at'], { name: 'tickets_agency_status_due_idx' });
    await schema.addIndex('tickets', ['status', 'due_at'], { name: 'tickets_status_due_idx' });
    await schema.addIndex('ticket_events', ['kind', 'ticket_id'], { name: 'ticket_events_kind_ticket_idx' });
  },
  async down({ queryInterface: q }) {
    await q.removeIndex('ticket_events', 'ticket_events_kind_ticket_idx');
    await q.removeIndex('tickets', 'tickets_status_due_idx');
    await q.removeIndex('tickets', 'tickets_agency_status_due_idx');
  },
};
