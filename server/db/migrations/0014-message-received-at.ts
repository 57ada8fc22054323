// Each stored mail keeps when the mail server received it (IMAP INTERNALDATE), so the ticket page shows that
// time, not when the poller happened to fetch the mail (minutes later, or days after an outage). Rows stored
// before keep what is known: their ticket's received time for the mail that opened it (tickets.received_at was
// always the INTERNALDATE), the fetch time for the others.
import type { Migration } from './context.js';
import { date } from './columns.js';

export const messageReceivedAt: Migration = {
  name: '0014-message-received-at',
  async up({ queryInterface: q, sequelize, dialect }) {
    // MariaDB commits the ALTER on its own, so a rerun after a failed backfill must not add the column twice.
    if (!('received_at' in (await q.describeTable('messages')))) await q.addColumn('messages', 'received_at', date());
    await sequelize.query('UPDATE messages SET received_at = created_at WHERE received_at IS NULL');
    const opening = "SELECT MIN(id) AS id FROM messages WHERE direction = 'in' AND ticket_id IS NOT NULL GROUP BY ticket_id";
    await sequelize.query(dialect === 'sqlite'
      ? `UPDATE messages SET received_at = (SELECT t.received_at FROM tickets t WHERE t.id = messages.ticket_id) WHERE id IN (${opening})`
      // MariaDB cannot read the table it updates in a subquery; a derived table is read first.
      : `UPDATE messages m JOIN (${opening}) f ON f.id = m.id JOIN tickets t ON t.id = m.ticket_id SET m.received_at = t.received_at`);
  },
  async down({ queryInterface: q }) {
    await q.removeColumn('messages', 'received_at');
  },
};
