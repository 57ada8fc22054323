import { expect } from 'chai';
import { parsePolicyGrid } from '../../../server/web/forms/policy-form.js';
import { weekText } from '../../../server/services/sla/office-hours-text.js';
import { DEFAULT_WEEK } from '../../../server/services/sla/calendar.js';

const PAIRS = [{ class: 'khan', priority: 'urgent' }, { class: 'to_cao', priority: 'low' }];
const cell = (k: string, fr: [string, string], res: [string, string]) => ({
  [`${k}.fr_amount`]: fr[0], [`${k}.fr_unit`]: fr[1], [`${k}.res_amount`]: res[0], [`${k}.res_unit`]: res[1],
});

describe('parsePolicyGrid', () => {
  it('reads every cell of the grid as two periods', () => {
    const g = parsePolicyGrid({ ...cell('khan.urgent', ['4', 'working_hours'], ['1', 'working_days']), ...cell('to_cao.low', [' 7 ', 'working_days'], ['30', 'calendar_days']) }, PAIRS);
    expect(g.invalid.size).to.equal(0);
    expect(g.cells).to.deep.equal([
      { class: 'khan', priority: 'urgent', firstResponse: { amount: 4, unit: 'working_hours' }, resolution: { amount: 1, unit: 'working_days' } },
      { class: 'to_cao', priority: 'low', firstResponse: { amount: 7, unit: 'working_days' }, resolution: { amount: 30, unit: 'calendar_days' } },
    ]);
  });

  const bad: [string, [string, string]][] = [['zero', ['0', 'working_days']], ['a fraction', ['1.5', 'working_days']], ['a negative', ['-3', 'working_days']],
    ['too large', ['10000', 'working_days']], ['an unknown unit', ['3', 'weeks']], ['blank', ['', '']]];
  for (const [what, fr] of bad) {
    it(`marks ${what} first-response target invalid and keeps what was typed`, () => {
      const g = parsePolicyGrid({ ...cell('khan.urgent', fr, ['1', 'working_days']), ...cell('to_cao.low', ['7', 'working_days'], ['30', 'calendar_days']) }, PAIRS);
      expect([...g.invalid]).to.deep.equal(['khan:urgent.fr']);
      expect(g.typed.get('khan:urgent')!.fr).to.deep.equal({ amount: fr[0], unit: fr[1] });
      expect(g.cells.map((c) => c.class)).to.deep.equal(['to_cao']);
    });
  }
});

describe('weekText', () => {
  it('lists the default week Monday first, with the weekend closed', () => {
    expect(weekText(DEFAULT_WEEK)).to.deep.equal([
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: '07:30–11:30, 13:30–17:00' })),
      { weekday: 6, periods: '' }, { weekday: 0, periods: '' },
    ]);
  });
});
