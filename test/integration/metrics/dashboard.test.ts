// The leaders' dashboard on the figure-by-figure history (rollup-history.ts): breach and its reasons, referrals,
// the weekly and monthly trend (equal to the full recompute's), the backlog's age in working days, hotline
// health, mailbox coverage, and the actor's scope enforced by the service.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { buildTicket } from '../../support/ticket-factory.js';
import {
  dashboard, MetricsForbiddenError, parseBound, responseMetrics,
} from '../../../server/services/metrics/index.js';
import { SKETCH_RELATIVE_ERROR } from '../../../server/services/metrics/rollup/sketch.js';
import { localDate } from '../../../server/services/metrics/report-period.js';
import { seedRollupHistory } from './rollup-history.js';

const province = { role: 'admin' as const, agencyId: null };

forEachDb('metrics dashboard', (getDb) => {
  const aprilMay = { from: parseBound('2026-04-01', 'from'), to: parseBound('2026-05-31', 'to') };
  let snvId: number;
  let stpId: number;
  before(async () => {
    const db = getDb();
    const { snv, stp } = await seedRollupHistory(db);
    snvId = snv.id;
    stpId = stp.id;
    // received a minute ago, due far ahead: 0 working days old, outside April–May
    const now = new Date(Date.now() - 60_000);
    await buildTicket(db, { agency_id: snv.id, received: `${localDate(now)}T00:00`, due: '2099-01-01T17:00' });
    await db.models.HotlineInbox.create({
      agency_id: stp.id, address: 'tiepnhan@stp.example.vn', imap_host: '127.0.0.1', imap_port: 143, imap_user: 'stp', imap_secure: false, imap_folder: 'INBOX',
      password_enc: 'x', poll_interval_s: 60, uid_validity: null, last_uid: 0, history_cutoff: null, lease_owner: null, lease_until: null,
      last_ok_at: new Date(Date.now() - 3_600_000), consecutive_failures: 2, last_error: 'connection refused', active: true,
    } as never);
  });

  it('gives breach with its reasons and referrals within 5 working days for April–May, as worked out by hand', async () => {
    const d = await dashboard(getDb(), province, aprilMay);
    expect(d.source).to.equal('rollups');
    expect(d.percentile_error).to.deep.equal({ relative: SKETCH_RELATIVE_ERROR, absolute_hours: 1 / 3600 });
    // T3, T4 resolved late and T7 open past due, of 3 on time + 3 late; T3 and T7 answered late; T6 referred after 5 days
    expect(d.breach).to.deep.equal({ judged: 6, breached: 3, pct: 50, reasons: { resolved_late: 2, overdue_open: 1, first_response_late: 2, referred_late: 1 } });
    expect(d.referrals).to.deep.equal({ referred: 2, within_target: 1, within_target_pct: 50 });
    expect(d.agencies.map((a) => [a.agency, a.breach_pct])).to.deep.equal([['SNV', 60], ['STP', 0]]);
    expect(d.classes.map((c) => [c.class, c.received])).to.deep.equal([['khieu_nai', 2], ['phan_anh_kien_nghi', 7]]);
  });

  it('draws the weekly and monthly trend with the full recompute\'s counts, quiet weeks as zero', async () => {
    const d = await dashboard(getDb(), province, aprilMay);
    const exact = await responseMetrics(getDb(), { ...aprilMay, recompute: true, weeks: true });
    expect(d.trend.weeks.map((w) => [w.period, w.received, w.resolved, w.late])).to.deep.equal(exact.weeks.map((w) => [w.week, w.received, w.resolved, w.late]));
    expect(d.trend.weeks.slice(0, 7).map((w) => [w.period, w.received, w.resolved, w.late])).to.deep.equal([
      ['2026-03-30', 0, 0, 0], ['2026-04-06', 4, 2, 0], ['2026-04-13', 1, 1, 1], ['2026-04-20', 1, 1, 1], ['2026-04-27', 1, 1, 0], ['2026-05-04', 1, 0, 1], ['2026-05-11', 1, 0, 0],
    ]);
    expect(d.trend.months).to.deep.equal([{ period: '2026-04', received: 7, resolved: 5, late: 2 }, { period: '2026-05', received: 2, resolved: 0, late: 1 }]);
  });

  it('fails loudly rather than draw the weekly trend without the overdue open tickets, when the report was not summed from the rollups', async () => {
    // a query the dashboard does not offer (recompute), so the report has no overdue counts by day
    const recomputed = { ...aprilMay, recompute: true } as Parameters<typeof dashboard>[2];
    const err = await dashboard(getDb(), province, recomputed).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(Error).with.property('message').that.matches(/no overdue counts by day/);
  });

  it('ages the backlog in working days as of today: received up to the period\'s end, or all of it', async () => {
    const inPeriod = await dashboard(getDb(), province, aprilMay);
    expect(inPeriod.aging.buckets).to.deep.equal(['0-2', '3-5', '6-10', '>10']);
    expect(inPeriod.aging.agencies.map((a) => [a.agency, a['0-2'], a['>10'], a.open])).to.deep.equal([['SNV', 0, 1, 1], ['STP', 0, 1, 1]]);
    const all = await dashboard(getDb(), province);
    expect(all.aging.agencies.map((a) => [a.agency, a['0-2'], a['>10'], a.open])).to.deep.equal([['SNV', 1, 1, 2], ['STP', 0, 1, 1]]);
    expect(all.aging.total).to.deep.equal({ '0-2': 1, '3-5': 0, '6-10': 0, '>10': 2, open: 3 });
  });

  it('shows hotline health and mailbox coverage per agency in scope, without the error text', async () => {
    const d = await dashboard(getDb(), province, aprilMay);
    expect(d.hotlines.map((h) => [h.agency, h.state, h.consecutive_failures])).to.deep.equal([['SNV', 'none', 0], ['STP', 'failing', 2]]);
    expect(JSON.stringify(d.hotlines)).to.not.contain('connection refused');
    expect(d.coverage.agencies.map((a) => [a.agency, a.staff])).to.deep.equal([['SNV', 0], ['STP', 0]]);
  });

  it('gives a leader of one agency that agency only, and refuses another agency or a role without metrics', async () => {
    const leader = { role: 'leader' as const, agencyId: snvId };
    const d = await dashboard(getDb(), leader, aprilMay);
    expect(d.agencies.map((a) => a.agency)).to.deep.equal(['SNV']);
    expect(d.hotlines.map((h) => h.agency)).to.deep.equal(['SNV']);
    expect(d.coverage.agencies.map((a) => a.agency)).to.deep.equal(['SNV']);
    expect(d.aging.agencies.map((a) => a.agency)).to.deep.equal(['SNV']);
    expect(d.referrals.referred).to.equal(0); // the referrals were STP's
    const other = await dashboard(getDb(), leader, { ...aprilMay, agencyCode: 'STP' }).then(() => null, (e: Error) => e);
    expect(other).to.be.instanceOf(MetricsForbiddenError);
    const agent = await dashboard(getDb(), { role: 'agent', agencyId: stpId }, aprilMay).then(() => null, (e: Error) => e);
    expect(agent).to.be.instanceOf(MetricsForbiddenError);
  });

  it('prints the same dashboard through govmail metrics --dashboard --json', async () => {
    const run = await runGovmail(['metrics', '--dashboard', '--from', '2026-04-01', '--to', '2026-05-31', '--json'], { DATABASE_URL: getDb().url });
    expect(run.code, run.stderr).to.equal(0);
    const printed = run.json<Record<string, unknown>>();
    const { as_of: _a, ...want } = JSON.parse(JSON.stringify(await dashboard(getDb(), province, aprilMay))) as Record<string, unknown>;
    const { as_of: _b, ...got } = printed;
    expect(got).to.deep.equal(want);
  });
});
