// Who viewed a ticket (issue 14 item 2). One row per (ticket, user): first view, last view and how many visits.
// An inspector asks "who read this petition, when first (from then the officer knew of it), when last, how often";
// a row per user answers all three and stays small however often a page is reloaded, where a log of every request
// would grow without bound and a bounded log would drop the first view, the one that matters. A visit counts once a
// minute (services/tickets/viewers.ts), so reloads and the page drawn again after a form do not inflate it.
import type { Migration } from './context.js';
import { ref, date, int } from './columns.js';
import { schemaOnce } from './schema-once.js';

export const ticketViewers: Migration = {
  name: '0023-ticket-viewers',
  async up({ queryInterface: q }) {
    const schema = schemaOnce(q);
    await schema.createTable('ticket_viewers', {
      ticket_id: { ...ref('tickets', false, 'CASCADE'), primaryKey: true },
      user_id: { ...ref('users', false, 'CASCADE'), primaryKey: true },
      first_at: date(false),
      last_at: date(false),
      view_count: int(1),
    });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('ticket_viewers');
  },
};
