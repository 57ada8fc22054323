// Random event sequences applied to random tickets, refreshed in random batch sizes between rounds:
// metrics:verify (the rollups against a full recompute) stays clean after every round.
import { expect } from 'chai';
import fc from 'fast-check';
import { forEachDb } from '../../support/databases.js';
import { addEvent, buildAgency, buildTicket } from '../../support/ticket-factory.js';
import { refreshRollups, verifyRollups } from '../../../server/services/metrics/index.js';
import type { AgencyAttrs } from '../../../server/db/models/foundation.js';

const KINDS = ['reply', 'first_response', 'resolved', 'referral', 'pause', 'resume', 'note', 'status_final', 'status_reopen'] as const;
const local = (day: number, minute: number) => {
  const d = new Date(Date.UTC(2026, 2, 1 + day, 0, minute));
  return d.toISOString().slice(0, 16);
};

const newTicket = fc.record({
  agency: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 0, max: 70 }),
  minute: fc.integer({ min: 0, max: 1439 }),
  dueDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  category: fc.constantFrom(null, 'y_te', 'giao_thong'),
  cls: fc.constantFrom('phan_anh_kien_nghi', 'khieu_nai'),
});
const newEvent = fc.record({
  ticket: fc.nat(),
  kind: fc.constantFrom(...KINDS),
  afterMinutes: fc.integer({ min: 0, max: 20 * 1440 }),
  onTime: fc.boolean(),
});
const round = fc.record({
  tickets: fc.array(newTicket, { maxLength: 4 }),
  events: fc.array(newEvent, { maxLength: 12 }),
  batch: fc.constantFrom(1, 3, 1000),
});

forEachDb('metrics rollups under random histories', (getDb) => {
  it('keep metrics:verify clean after every round of tickets and events', async function () {
    this.timeout(600_000);
    const db = getDb();
    const agencies: AgencyAttrs[] = [];
    for (const code of ['PA', 'PB', 'PC']) agencies.push(await buildAgency(db, { code }));
    const tickets: { id: number; received: string }[] = [];
    await fc.assert(fc.asyncProperty(fc.array(round, { minLength: 1, maxLength: 4 }), async (rounds) => {
      for (const r of rounds) {
        for (const t of r.tickets) {
          const received = local(t.day, t.minute);
          const due = t.dueDays === null ? null : local(t.day + t.dueDays, t.minute);
          const row = await buildTicket(db, { agency_id: agencies[t.agency]!.id, received, due, category: t.category, class: t.cls });
          tickets.push({ id: row.id, received });
        }
        for (const e of r.events) {
          if (tickets.length === 0) break;
          const t = tickets[e.ticket % tickets.length]!;
          const at = new Date(new Date(`${t.received}:00+07:00`).getTime() + e.afterMinutes * 60_000).toISOString().slice(0, 16);
          const atLocal = new Date(new Date(`${at}:00Z`).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
          if (e.kind === 'status_final') await addEvent(db, t.id, 'status', atLocal, { from: 'open', to: 'closed' });
          else if (e.kind === 'status_reopen') await addEvent(db, t.id, 'status', atLocal, { from: 'closed', to: 'open' });
          else await addEvent(db, t.id, e.kind, atLocal, e.kind === 'referral' || e.kind === 'resolved' ? { onTime: e.onTime } : null);
        }
        await refreshRollups(db, { batch: r.batch });
        const verdict = await verifyRollups(db, { limit: 3 });
        expect(verdict.differences, JSON.stringify(verdict.differences)).to.deep.equal([]);
        expect(verdict.checked.facts).to.equal(tickets.length);
      }
    }), { numRuns: 12 });
  });
});
