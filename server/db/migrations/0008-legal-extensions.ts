// Legal extensions of a resolution clock (vietnam.md §1.3–§1.4): a complaint marked complex (Luật Khiếu nại
// Art. 28: 45 days instead of 30 from the same start) and up to two 30-day extensions of a denunciation
// (Luật Tố cáo Art. 30). `extensions` is also the claim counter: an extension is a conditional UPDATE on it,
// so two supervisors pressing the button at once give one extension, not two. `ladder_start` is where the
// reminder ladder of the current extension counts from (NULL: resolution_start).
import type { Migration } from './context.js';
import { date, flag, int } from './columns.js';

export const legalExtensions: Migration = {
  name: '0008-legal-extensions',
  async up({ queryInterface: q }) {
    await q.addColumn('ticket_sla', 'complex', flag(false));
    await q.addColumn('ticket_sla', 'extensions', int(0));
    await q.addColumn('ticket_sla', 'ladder_start', date());
  },
  async down({ queryInterface: q }) {
    await q.removeColumn('ticket_sla', 'ladder_start');
    await q.removeColumn('ticket_sla', 'extensions');
    await q.removeColumn('ticket_sla', 'complex');
  },
};
