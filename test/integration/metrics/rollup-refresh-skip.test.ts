// The catch-up's cheap check (refresh.ts hasNothingNew): a read with nothing written since the last refresh does
// no batch, but a new ticket, a new event, a hole still waiting to fill in, or a rebuild under way each send it
// through the full batch, which then sees the write.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { addEvent, buildAgency, buildTicket } from '../../support/ticket-factory.js';
import { refreshRollups, responseMetrics, verifyRollups } from '../../../server/services/metrics/index.js';
import { hasNothingNew } from '../../../server/services/metrics/rollup/refresh.js';

forEachDb('metrics catch-up skipped when nothing is new', (getDb) => {
  let ticketId = 0;

  before(async () => {
    const agency = await buildAgency(getDb(), { code: 'SKIP' });
    ticketId = (await buildTicket(getDb(), { agency_id: agency.id, received: '2026-03-02T09:00', due: '2026-03-16T09:00' })).id;
    await refreshRollups(getDb());
  });

  it('does no batch when nothing was written since the last refresh', async () => {
    expect(await hasNothingNew(getDb(), new Date())).to.equal(true);
    expect(await refreshRollups(getDb())).to.deep.equal({ tickets: 0, changed: 0, batches: 0, busy: false });
  });

  it('sees a new event and a new ticket at the next read', async () => {
    await addEvent(getDb(), ticketId, 'resolved', '2026-03-03T10:00', { onTime: true });
    expect(await hasNothingNew(getDb(), new Date())).to.equal(false);
    const report = await responseMetrics(getDb(), {});
    expect(report.total).to.include({ received: 1, on_time: 1, open: 0 });

    const agency = await getDb().models.Agency.findOne({ where: { code: 'SKIP' } });
    await buildTicket(getDb(), { agency_id: agency!.id, received: '2026-03-04T09:00', due: '2026-03-18T09:00' });
    expect(await hasNothingNew(getDb(), new Date())).to.equal(false);
    expect((await responseMetrics(getDb(), {})).total).to.include({ received: 2, on_time: 1, open: 1 });
    expect(await hasNothingNew(getDb(), new Date())).to.equal(true);
    expect((await verifyRollups(getDb())).ok).to.equal(true);
  });

  it('runs the batch while a hole in the ids waits, and reports a rebuild under way', async () => {
    const { MetricRollupState } = getDb().models;
    await MetricRollupState.update({ event_gap_since: new Date() }, { where: { id: 1 } });
    expect(await hasNothingNew(getDb(), new Date())).to.equal(false);
    expect((await refreshRollups(getDb())).batches).to.equal(1);

    await MetricRollupState.update({ event_gap_since: null, busy_until: new Date(Date.now() + 60_000) }, { where: { id: 1 } });
    expect(await hasNothingNew(getDb(), new Date())).to.equal(false);
    expect(await refreshRollups(getDb())).to.include({ busy: true, batches: 0 });
    await MetricRollupState.update({ busy_until: null }, { where: { id: 1 } });
    expect(await hasNothingNew(getDb(), new Date())).to.equal(true);
  });
});
