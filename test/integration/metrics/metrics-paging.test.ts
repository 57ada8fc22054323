import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { createCalendar } from '../../../server/services/sla/index.js';
import { streamTicketFacts } from '../../../server/services/metrics/ticket-stream.js';
import { responseMetrics } from '../../../server/services/metrics/index.js';
import { buildAgency, buildTicket, reply, statusChange, vn } from '../../support/ticket-factory.js';

forEachDb('metrics paging', (getDb) => {
  const cal = createCalendar();
  before(async () => {
    const db = getDb();
    const agency = await buildAgency(db, { code: 'UBND' });
    for (let i = 0; i < 7; i++) {
      const t = await buildTicket(db, { agency_id: agency.id, received: `2026-04-0${i + 1}T08:00`, due: '2026-04-30T17:00' });
      await reply(db, t, `2026-04-0${i + 1}T09:00`);
      if (i % 2 === 0) await statusChange(db, t, `2026-04-0${i + 1}T10:00`, 'open', 'closed');
    }
  });

  it('reads every ticket exactly once across pages, each with its own events', async () => {
    const facts = [];
    for await (const f of streamTicketFacts(getDb(), {}, vn('2026-05-01T00:00'), async () => cal, 2)) facts.push(f);
    expect(facts).to.have.length(7);
    expect(new Set(facts.map((f) => f.ticket.id)).size).to.equal(7);
    expect(facts.filter((f) => f.outcome === 'on_time')).to.have.length(4);
    expect(facts.every((f) => f.firstResponseMinutes !== null)).to.equal(true);
  });

  it('gives the same report through the service as the hand count', async () => {
    const report = await responseMetrics(getDb(), { asOf: vn('2026-05-01T00:00'), calendar: cal });
    expect(report.total).to.include({ received: 7, on_time: 4, late: 3, open: 3, overdue_open: 3 });
  });
});
