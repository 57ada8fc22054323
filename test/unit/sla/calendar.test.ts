import { expect } from 'chai';
import { createCalendar, isWorkingDay, officePeriodsOn } from '../../../server/services/sla/index.js';
import { toLocalIso } from '../../../server/services/time/index.js';
import { holidaysFor, libraryPublicDays } from '../../../server/services/sla/holidays.js';
import { officeHours } from '../../../server/services/sla/calendar.js';
import { officeIntervals, nextOpening } from '../../../server/services/sla/office-time.js';

const dates = (year: number, overrides?: Parameters<typeof holidaysFor>[1]) => holidaysFor(year, overrides).map((h) => h.date);

describe('holidaysFor', () => {
  it('gives the 2026 days off of vietnam.md §2.2: 1/1, Tết 16–20/2, Hùng Vương + substitute, 30/4, 1/5, 1/9, 2/9', () => {
    expect(dates(2026)).to.deep.equal([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
    ]);
  });

  it('gives 2027 with Tết 5–9/2, its weekend days substituted on 10–11/2, 1/5 (Sat) on 3/5, and 2–3/9', () => {
    expect(dates(2027)).to.deep.equal([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-02-11', '2027-04-16', '2027-04-30', '2027-05-01', '2027-05-03', '2027-09-02', '2027-09-03',
    ]);
  });

  it('reproduces the 2023 substitutes the law describes: Hùng Vương Sat 29/4 → Tue 2/5, 30/4 Sun → Wed 3/5', () => {
    const subs = holidaysFor(2023).filter((h) => h.source === 'substitute-day').map((h) => h.date);
    expect(subs).to.include.members(['2023-05-02', '2023-05-03']);
  });

  it('puts the second Quốc khánh day on the side the 2023 and 2024 decisions chose', () => {
    expect(dates(2023)).to.include.members(['2023-09-01', '2023-09-02', '2023-09-04']); // Sat 2/9: Fri 1/9 + Mon 4/9
    expect(dates(2024)).to.include.members(['2024-09-02', '2024-09-03']); // Mon 2/9: Tue 3/9
  });

  it('applies the 2024 swap from the default overrides: 29/4 off, Saturday 4/5 not off', () => {
    expect(dates(2024)).to.include('2024-04-29').and.not.include('2024-05-04');
  });

  it('leaves out date-holidays observances such as Chiến thắng Ngọc Hồi – Đống Đa (21/2/2026)', () => {
    expect(libraryPublicDays(2026).map((h) => h.date)).to.not.include('2026-02-21');
    expect(dates(2026)).to.not.include('2026-02-21');
  });

  it('lets an override add a day off (24/11 once enacted) and remove a computed one', () => {
    const list = dates(2027, [
      { date: '2027-11-24', kind: 'off', reason: 'Ngày Văn hóa Việt Nam' },
      { date: '2027-02-11', kind: 'work', reason: 'decision moved the substitute day' },
    ]);
    expect(list).to.include('2027-11-24').and.not.include('2027-02-11');
  });

  it('names the source of every day', () => {
    const sources = new Set(holidaysFor(2026).map((h) => h.source));
    expect([...sources].sort()).to.deep.equal(['date-holidays', 'quoc-khanh-second-day', 'substitute-day']);
  });
});

describe('isWorkingDay and office periods', () => {
  const cal = createCalendar();

  it('treats weekends and holidays as days off and ordinary weekdays as working days', () => {
    expect(isWorkingDay('2026-03-07', cal)).to.equal(false);
    expect(isWorkingDay('2026-02-16', cal)).to.equal(false);
    expect(isWorkingDay('2026-02-23', cal)).to.equal(true);
    expect(isWorkingDay(new Date('2026-09-01T10:00+07:00'), cal)).to.equal(false);
  });

  it('uses the local UTC+7 date of an instant, not the UTC date', () => {
    // 2026-03-08T18:00Z is Monday 01:00 in Hà Nội.
    expect(isWorkingDay(new Date('2026-03-08T18:00:00Z'), cal)).to.equal(true);
    expect(isWorkingDay(new Date('2026-03-06T17:30:00Z'), cal)).to.equal(false);
  });

  it('gives a swapped working Saturday the weekday hours unless the override sets its own', () => {
    const swapped = createCalendar({
      overrides: [
        { date: '2026-03-14', kind: 'work', reason: 'làm bù' },
        { date: '2026-03-21', kind: 'work', reason: 'tiếp dân sáng thứ Bảy', hours: officeHours('07:30-11:30') },
      ],
    });
    expect(officePeriodsOn('2026-03-14', swapped)).to.deep.equal(officeHours('07:30-11:30', '13:30-17:00'));
    expect(officePeriodsOn('2026-03-21', swapped)).to.deep.equal(officeHours('07:30-11:30'));
  });

  it('finds the next opening: lunch → 13:30, evening → next morning, Friday night → Monday', () => {
    const open = (iso: string) => toLocalIso(nextOpening(new Date(iso), cal));
    expect(open('2026-03-09T11:45+07:00')).to.equal('2026-03-09T13:30:00+07:00');
    expect(open('2026-03-09T17:00+07:00')).to.equal('2026-03-10T07:30:00+07:00');
    expect(open('2026-03-13T20:00+07:00')).to.equal('2026-03-16T07:30:00+07:00');
    expect(open('2026-03-09T09:10+07:00')).to.equal('2026-03-09T09:10:00+07:00');
  });

  it('lists office intervals clipped to the range', () => {
    const spans = officeIntervals(new Date('2026-03-13T16:00+07:00'), new Date('2026-03-16T08:00+07:00'), cal)
      .map((i) => `${toLocalIso(i.start)}/${toLocalIso(i.end)}`);
    expect(spans).to.deep.equal([
      '2026-03-13T16:00:00+07:00/2026-03-13T17:00:00+07:00',
      '2026-03-16T07:30:00+07:00/2026-03-16T08:00:00+07:00',
    ]);
  });

  it('rejects overlapping office periods, bad seasons and bad override dates with a clear message', () => {
    expect(() => createCalendar({ week: Array(7).fill(officeHours('08:00-12:00', '11:00-17:00')) })).to.throw(/not overlapping/);
    expect(() => createCalendar({ seasons: [{ name: 'hè', from: '4-16', to: '10-15', week: Array(7).fill([]) }] })).to.throw(/MM-DD/);
    expect(() => createCalendar({ overrides: [{ date: '2026-02-30', kind: 'off', reason: 'x' }] })).to.throw(/no such day/);
    expect(() => officeHours('7:30')).to.throw(/HH:MM-HH:MM/);
  });

  it('fails instead of looping when a calendar has no office hours at all', () => {
    const never = createCalendar({ week: Array(7).fill([]), holidays: () => [] });
    expect(() => nextOpening(new Date('2026-03-09T09:00+07:00'), never)).to.throw(/no office hours/);
  });
});
