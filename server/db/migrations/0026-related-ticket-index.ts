// A ticket's page lists the tickets linked to it (related_ticket_id: the same mail to two agencies, "may relate
// to", merged into). MariaDB indexes a foreign key's column by itself (and would then refuse to drop a second
// index that took its place); SQLite does not, so there the lookup read every ticket.
import type { Migration } from './context.js';
import { schemaOnce } from './schema-once.js';

export const relatedTicketIndex: Migration = {
  name: '0026-related-ticket-index',
  async up({ queryInterface: q, sequelize }) {
    if (sequelize.getDialect() === 'sqlite') await schemaOnce(q).addIndex('tickets', ['related_ticket_id'], { name: 'tickets_related_idx' });
  },
  async down({ queryInterface: q, sequelize }) {
    if (sequelize.getDialect() === 'sqlite') await q.removeIndex('tickets', 'tickets_related_idx');
  },
};
