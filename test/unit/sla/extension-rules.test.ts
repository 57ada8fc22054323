import { expect } from 'chai';
import { createCalendar } from '../../../server/services/sla/index.js';
import { toLocalIso } from '../../../server/services/time/index.js';
import {
  complexComplaintDue, extendedDenunciationDue, extensionOptions, extensionRefusal, type ExtensionKind,
} from '../../../server/services/sla/extension-rules.js';
import { baseStepId, extendedStepId, slaSteps } from '../../../server/services/sla/sla-steps.js';

const cal = createCalendar();
const d = (iso: string) => new Date(iso);
const clock = (over: Record<string, unknown> = {}) => ({
  policy_class: 'to_cao', first_response_at: d('2027-03-03T10:00:00+07:00'), resolved_at: null, read_only: false,
  resolution_due: d('2027-04-02T17:00:00+07:00'), complex: false, extensions: 0, ...over,
});
const BEFORE_DUE = d('2027-03-20T09:00:00+07:00');

describe('extensionRefusal', () => {
  const cases: [string, ExtensionKind, Record<string, unknown>, Date, string, string | null][] = [
    ['a first denunciation extension', 'extend', {}, BEFORE_DUE, 'phức tạp', null],
    ['a second one', 'extend', { extensions: 1 }, BEFORE_DUE, 'đặc biệt phức tạp', null],
    ['a third one', 'extend', { extensions: 2 }, BEFORE_DUE, 'lần ba', 'max_extensions'],
    ['an extension without a reason', 'extend', {}, BEFORE_DUE, ' \n ', 'no_reason'],
    ['an extension before acceptance', 'extend', { first_response_at: null }, BEFORE_DUE, 'phức tạp', 'not_accepted'],
    ['an extension after the deadline', 'extend', {}, d('2027-04-02T17:00:01+07:00'), 'phức tạp', 'past_due'],
    ['an extension exactly at the deadline', 'extend', {}, d('2027-04-02T17:00:00+07:00'), 'phức tạp', null],
    ['extending a complaint', 'extend', { policy_class: 'khieu_nai' }, BEFORE_DUE, 'phức tạp', 'wrong_class'],
    ['marking a complaint complex', 'complex', { policy_class: 'khieu_nai' }, BEFORE_DUE, 'phức tạp', null],
    ['marking it twice', 'complex', { policy_class: 'khieu_nai', complex: true }, BEFORE_DUE, 'phức tạp', 'already_complex'],
    ['marking a denunciation complex', 'complex', {}, BEFORE_DUE, 'phức tạp', 'wrong_class'],
    ['marking feedback complex', 'complex', { policy_class: 'phan_anh_kien_nghi' }, BEFORE_DUE, 'phức tạp', 'wrong_class'],
  ];
  for (const [what, kind, over, at, reason, expected] of cases) {
    it(`${expected === null ? 'allows' : `refuses (${expected})`} ${what}`, () => {
      expect(extensionRefusal(kind, clock(over) as never, at, reason)).to.equal(expected);
    });
  }
});

describe('extended deadlines', () => {
  it('counts a complex complaint 45 days from the same start, moving off a weekend', () => {
    expect(toLocalIso(complexComplaintDue(d('2027-03-03T10:00:00+07:00'), cal))).to.equal('2027-04-19T17:00:00+07:00');
  });
  it('extends a denunciation 30 days from the current deadline, past the 1/5 substitute day', () => {
    expect(toLocalIso(extendedDenunciationDue(d('2027-04-02T17:00:00+07:00'), cal))).to.equal('2027-05-04T17:00:00+07:00');
  });
  it('tells the ticket page which button to show and whether it is allowed', () => {
    expect(extensionOptions(clock({ extensions: 2 }) as never, BEFORE_DUE)).to.deep.equal({ kind: 'extend', complex: false, extensions: 2, max: 2, allowed: false });
    expect(extensionOptions(clock({ policy_class: 'khieu_nai' }) as never, BEFORE_DUE)).to.include({ kind: 'complex', allowed: true });
    expect(extensionOptions(clock({ policy_class: 'khan' }) as never, BEFORE_DUE).kind).to.equal(null);
    expect(extensionOptions(null, BEFORE_DUE).kind).to.equal(null);
  });
});

describe('slaSteps after an extension', () => {
  it('names the resolution steps of extension n "<step>@x<n>" and counts them from ladder_start', () => {
    const steps = slaSteps({ resolution_start: d('2027-03-03T10:00:00+07:00'), resolution_due: d('2027-05-04T17:00:00+07:00'),
      first_response_due: d('2027-03-10T17:00:00+07:00'), first_response_at: d('2027-03-03T10:00:00+07:00'),
      extensions: 1, ladder_start: d('2027-04-02T17:00:00+07:00') }, cal);
    expect(steps.map((s) => s.id)).to.deep.equal(['reminder_50@x1', 'reminder_80@x1', 'due@x1', 'escalation@x1', 'overdue_1_working_day@x1']);
    expect(steps[0]!.at.getTime()).to.be.greaterThan(d('2027-04-02T17:00:00+07:00').getTime());
  });
  it('keeps the plain ids without an extension and maps extended ids back to their meaning', () => {
    expect(extendedStepId('due', 0)).to.equal('due');
    expect(extendedStepId('escalation', 2)).to.equal('escalation@x2');
    expect(baseStepId('overdue_1_working_day@x2')).to.equal('overdue_1_working_day');
    expect(baseStepId('reminder_50')).to.equal('reminder_50');
  });
});
