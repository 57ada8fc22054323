import { expect } from 'chai';
import { coverageChart } from '../../../server/web/presenters/coverage-chart.js';
import { CHART_WIDTH_PX } from '../../../server/web/presenters/chart-size.js';
import { importPercent } from '../../../server/web/presenters/import-progress.js';
import { searchMailboxes } from '../../../server/web/presenters/mailbox-page.js';
import type { MailboxListItem } from '../../../server/services/provisioning/mailbox-lifecycle.js';

const row = (agency: string, pct: number) => ({ agency, name: `Cơ quan ${agency}`, staff: 10, active_mailboxes: pct / 10, covered_pct: pct, never_logged_in: 0, suspended: 0 });

describe('coverage chart geometry', () => {
  it('draws one bar per agency, proportional to % covered, inside the track', () => {
    const c = coverageChart([row('A', 100), row('B', 50), row('C', 0)]);
    expect(c.bars.map((b) => b.width)).to.deep.equal([c.trackWidth, Math.round(c.trackWidth / 2), 0]);
    expect(c.barX + c.trackWidth).to.be.below(CHART_WIDTH_PX);
    expect(new Set(c.bars.map((b) => b.y)).size).to.equal(3);
    expect(c.height).to.be.above(c.bars[2]!.y + c.barHeight);
  });

  it('marks agencies below half covered and formats the percentage per locale', () => {
    const c = coverageChart([row('A', 49.5), row('B', 50)], 'vi');
    expect(c.bars.map((b) => b.low)).to.deep.equal([true, false]);
    expect(c.bars[0]!.pct).to.equal('49,5%');
    expect(coverageChart([row('A', 49.5)], 'en').bars[0]!.pct).to.equal('49.5%');
  });

  it('shows an agency without staff as "—", not as a low 0%', () => {
    const [bar] = coverageChart([{ ...row('A', 0), staff: 0 }]).bars;
    expect(bar).to.include({ pct: '—', low: false, empty: true, width: 0 });
  });

  it('clamps out-of-range values and keeps a non-zero height for no agencies', () => {
    expect(coverageChart([row('A', 130)]).bars[0]!.width).to.equal(coverageChart([row('A', 100)]).bars[0]!.width);
    expect(coverageChart([]).height).to.be.above(0);
  });
});

describe('import progress percentage', () => {
  const cases: [string, Parameters<typeof importPercent>[0], number][] = [
    ['queued', { status: 'queued', phase: null, done: 0, total: 0 }, 0],
    ['validating starts at 0', { status: 'running', phase: 'validate', done: 0, total: 100 }, 0],
    ['planning done', { status: 'running', phase: 'plan', done: 100, total: 100 }, 15],
    ['half the hashes', { status: 'running', phase: 'hash', done: 50, total: 100 }, 47],
    ['hashing done, writing', { status: 'running', phase: 'hash', done: 100, total: 100 }, 80],
    ['a phase with nothing to do counts as complete', { status: 'running', phase: 'plan', done: 0, total: 0 }, 15],
    ['done', { status: 'done', phase: 'done', done: 0, total: 0 }, 100],
    ['failed stays where it was', { status: 'failed', phase: 'hash', done: 10, total: 100 }, 21],
  ];
  for (const [name, p, want] of cases) it(`${name} → ${want}%`, () => expect(importPercent(p)).to.equal(want));
});

describe('mailbox search', () => {
  const item = (address: string, staff: string, code: string): MailboxListItem => ({ address, staff, employee_code: code, agency: 'SNV', active: true, suspended: false, left: false, quota_mb: 0, last_login_at: null });
  const items = [item('annv@snv.gov.vn', 'Nguyễn Văn An', 'NV1'), item('nguyetdta@snv.gov.vn', 'Đặng Thị Ánh Nguyệt', 'NV2')];
  it('finds by name without tone marks, by đ as d, by address and by code; blank finds all', () => {
    expect(searchMailboxes(items, 'nguyen van').map((m) => m.employee_code)).to.deep.equal(['NV1']);
    expect(searchMailboxes(items, 'dang  thi').map((m) => m.employee_code)).to.deep.equal(['NV2']);
    expect(searchMailboxes(items, 'ÁNH NGUYỆT'.normalize('NFD')).map((m) => m.employee_code)).to.deep.equal(['NV2']);
    expect(searchMailboxes(items, 'annv@').map((m) => m.employee_code)).to.deep.equal(['NV1']);
    expect(searchMailboxes(items, 'nv2').map((m) => m.employee_code)).to.deep.equal(['NV2']);
    expect(searchMailboxes(items, '  ')).to.have.length(2);
  });
});
