import { expect } from 'chai';
import * as sla from '../../../server/services/sla/index.js';
import { createCalendar } from '../../../server/services/sla/index.js';
import { agingCutoffs, bucketOfAge, bucketOfDay, workingDayCounter } from '../../../server/services/metrics/backlog-aging.js';
import { hotlineState, STALE_MIN_MS } from '../../../server/services/metrics/hotline-health.js';
import { breachOf, pctOf } from '../../../server/services/metrics/dashboard.js';

describe('metrics dashboard parts (pure)', () => {
  const cal = createCalendar();

  it('counts working days waited on the calendar: weekends and 27/4, 30/4, 1/5/2026 are not', () => {
    const since = workingDayCounter(cal, '2026-05-04', sla); // a Monday
    expect(since('2026-05-04')).to.equal(0); // received today
    expect(since('2026-04-29')).to.equal(1); // Wed: 30/4, 1/5 off, the weekend, then Mon 4/5
    expect(since('2026-04-24')).to.equal(3); // Fri: 27/4 off; 28, 29 and 4/5
    expect(since('2026-04-17')).to.equal(8); // Fri: 20–24/4 (5), 28, 29 (2), 4/5 (1)
    expect(since('2026-05-10')).to.equal(0); // a day after "today" never counts negative
  });

  it('puts ages in the reporting buckets 0–2, 3–5, 6–10 and over 10 working days', () => {
    expect([0, 2, 3, 5, 6, 10, 11, 400].map(bucketOfAge)).to.deep.equal(['0-2', '0-2', '3-5', '3-5', '6-10', '6-10', '>10', '>10']);
  });

  it('gives each receipt day the bucket its working-day age gives, from the cut-offs the database counts with', () => {
    const withDayOff = createCalendar({ overrides: [{ date: '2026-05-05', kind: 'off', reason: 'nghỉ' }] });
    for (const c of [cal, withDayOff]) {
      for (const today of ['2026-05-04', '2026-05-06', '2026-02-23', '2026-09-05']) {
        const cutoffs = agingCutoffs(c, today, sla);
        const age = workingDayCounter(c, today, sla);
        const start = Date.parse(`${today}T00:00:00Z`);
        for (let k = -3; k < 120; k++) {
          const day = new Date(start - k * 86_400_000).toISOString().slice(0, 10);
          expect(bucketOfDay(cutoffs, day), `${today} ${day}`).to.equal(bucketOfAge(age(day)));
        }
      }
    }
    expect(agingCutoffs(cal, '2026-05-04', sla)).to.deep.equal(['2026-04-28', '2026-04-22', '2026-04-15']); // ages 2, 5 and 10 working days
  });

  it('calls a hotline failing, stale, off, not set up, or ok from its poll state', () => {
    const now = new Date('2026-05-04T03:00:00Z');
    const inbox = { active: true, last_ok_at: new Date(now.getTime() - 60_000), consecutive_failures: 0, poll_interval_s: 60 };
    expect(hotlineState(inbox, now)).to.equal('ok');
    expect(hotlineState({ ...inbox, consecutive_failures: 1 }, now)).to.equal('failing');
    expect(hotlineState({ ...inbox, last_ok_at: new Date(now.getTime() - STALE_MIN_MS - 1) }, now)).to.equal('stale');
    expect(hotlineState({ ...inbox, last_ok_at: null }, now)).to.equal('stale');
    // a slow poll interval waits three intervals before it is stale
    expect(hotlineState({ ...inbox, poll_interval_s: 3600, last_ok_at: new Date(now.getTime() - 2 * 3_600_000) }, now)).to.equal('ok');
    expect(hotlineState({ ...inbox, active: false, consecutive_failures: 3 }, now)).to.equal('off');
    expect(hotlineState(null, now)).to.equal('none');
  });

  it('gives the breach rate over judged tickets, with every reason counted', () => {
    const m = { received: 9, resolved: 5, on_time: 3, late: 3, open: 2, overdue_open: 1, referred: 2, resolved_late: 2, open_in_time: 1,
      referred_on_time: 1, first_response_late: 2, first_response_median_hours: null, first_response_p90_hours: null, resolution_median_hours: null, resolution_p90_hours: null };
    expect(breachOf(m)).to.deep.equal({ judged: 6, breached: 3, pct: 50, reasons: { resolved_late: 2, overdue_open: 1, first_response_late: 2, referred_late: 1 } });
    expect(pctOf(1, 3)).to.equal(33.3);
    expect(pctOf(0, 0)).to.equal(null);
  });
});
