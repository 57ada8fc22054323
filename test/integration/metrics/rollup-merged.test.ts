// A ticket merged into another (services/tickets merge: closed, with 'merged_into', 'status' and 'resolved'
// events) is the same case as the one kept: it counts neither as received nor as a resolution, on time or late,
// through the rollups (caught up from the watermarks, then rebuilt) and through the full recompute.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { mergeTickets } from '../../../server/services/tickets/index.js';
import {
  exportMetrics, rebuildRollups, refreshRollups, responseMetrics, verifyRollups,
} from '../../../server/services/metrics/index.js';
import { addHotlineAgency, citizenMail, staff } from '../tickets/ticket-fixture.js';
import { Writable } from 'node:stream';

forEachDb('metrics: a merged ticket is no resolution', (getDb) => {
  it('leaves the merged ticket out of every figure, rollups and recompute alike', async function () {
    this.timeout(60_000);
    const db = getDb();
    const h = await addHotlineAgency(db, 'SGM');
    const first = await citizenMail(db, h, { from: 'Lò Văn Pản <pan.congdan@example.vn>', subject: 'Đường vào bản bị sạt', body: 'Sạt lở từ hôm qua.' });
    const second = await citizenMail(db, h, { from: 'Lò Văn Pản <pan.congdan@example.vn>', subject: 'Re: Đường vào bản bị sạt', body: 'Vẫn chưa ai đến.' });
    await refreshRollups(db);
    expect((await responseMetrics(db, {})).total).to.include({ received: 2, resolved: 0, open: 2 });

    const boss = await staff(db, 'supervisor', h.agencyId);
    await mergeTickets(db, { ticketRef: second.ref, otherRef: first.ref, actor: boss.user, reason: 'Cùng một vụ việc' });
    const kinds = (await db.models.TicketEvent.findAll({ where: { ticket_id: second.id }, attributes: ['kind'], raw: true })).map((e) => e.kind);
    expect(kinds, 'the merge closes the later ticket the way any close does').to.include.members(['merged_into', 'status', 'resolved']);

    // the kept ticket's mail is dated in the past, so it is open past due: open, not resolved
    const want = { received: 1, resolved: 0, on_time: 0, resolved_late: 0, open: 1 };
    const viaRollups = await responseMetrics(db, {});
    expect(viaRollups.source).to.equal('rollups');
    const viaRecompute = await responseMetrics(db, { recompute: true });
    expect(viaRecompute.source).to.equal('recompute');
    for (const report of [viaRollups, viaRecompute]) {
      expect(report.total, report.source).to.include(want);
      expect(report.agencies.map((a) => [a.agency, a.received, a.resolved]), report.source).to.deep.equal([['SGM', 1, 0]]);
      expect(report.total.resolution_median_hours, report.source).to.equal(null);
    }
    expect((await verifyRollups(db)).ok).to.equal(true);
    expect(await db.models.MetricFact.count({ where: { ticket_id: second.id } }), 'no facts row for the merged ticket').to.equal(0);

    await rebuildRollups(db);
    expect((await verifyRollups(db)).ok).to.equal(true);
    expect((await responseMetrics(db, {})).total).to.include(want);

    let csv = '';
    const sink = new Writable({ write(chunk, _enc, done) { csv += String(chunk); done(); } });
    const { rows } = await exportMetrics(db, {}, 'csv', sink);
    expect(rows, 'the export lists the tickets behind the figures: the kept one').to.equal(1);
    expect(csv).to.contain(first.ref).and.not.contain(second.ref);
  });
});
