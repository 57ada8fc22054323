import { expect } from 'chai';
import { dayField, dayFromInput, isIsoDay, typedDays } from '../../../server/web/forms/day-input.js';

// Date fields are text boxes read day/month/year (the browser's <input type=date> showed mm/dd/yyyy).
describe('web/forms/day-input: a typed day, day first', () => {
  const READ: [string, string][] = [
    ['31/12/2026', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
    ['01.02.2026', '2026-02-01'],
    ['01-02-2026', '2026-02-01'],
    [' 02 / 09 / 2026 ', '2026-09-02'],
    ['29/02/2028', '2028-02-29'],
    ['2026-02-01', '2026-02-01'], // ISO, as the app's own links and saved views carry it
  ];
  for (const [typed, iso] of READ) it(`reads "${typed}" as ${iso}`, () => expect(dayFromInput(typed)).to.equal(iso));

  it('reads nothing typed as empty', () => {
    expect(dayFromInput('')).to.equal('');
    expect(dayFromInput('   ')).to.equal('');
    expect(dayFromInput(undefined)).to.equal('');
    expect(dayFromInput(['01/02/2026'])).to.equal('');
  });

  const REFUSED = ['31/02/2026', '29/02/2027', '12/13/2026', '00/01/2026', '2026-13-01', 'hôm qua', '12/2026', '1/2/26', '2026/02/01'];
  for (const typed of REFUSED) {
    it(`gives "${typed}" back as typed, which is no ISO day`, () => {
      expect(dayFromInput(typed)).to.equal(typed);
      expect(isIsoDay(dayFromInput(typed))).to.equal(false);
    });
  }
});

describe('web/forms/day-input: dayField', () => {
  it('gives the ISO day, empty for nothing typed, and refuses a date it cannot read', () => {
    expect(dayField.parse('02/09/2026')).to.equal('2026-09-02');
    expect(dayField.parse('')).to.equal('');
    expect(dayField.safeParse('31/02/2026').success).to.equal(false);
    expect(dayField.safeParse('2026-13-01').success).to.equal(false);
  });
});

describe('web/forms/day-input: typedDays, the date filters of a form', () => {
  it('gives the days it read in ISO, the ones it could not as typed, and the error next to those in the page\'s language', () => {
    const read = typedDays({ from: ' 31/02/2026 ', to: '1/3/2026', other: 'x' }, ['from', 'to'], 'vi');
    expect(read.days).to.deep.equal({ to: '2026-03-01' });
    expect(read.bad).to.deep.equal({ from: '31/02/2026' });
    expect(read.errors).to.deep.equal({ from: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/09/2026.' });
    expect(typedDays({ to: 'yesterday' }, ['from', 'to'], 'en').errors).to.deep.equal({ to: 'Enter the date as day/month/year, for example 02/09/2026.' });
  });

  it('leaves a field with nothing typed (or repeated, as ?from=a&from=b gives an array) out of all three', () => {
    expect(typedDays({ from: '  ', to: ['01/02/2026', '02/02/2026'] }, ['from', 'to'], 'vi')).to.deep.equal({ days: {}, bad: {}, errors: {} });
  });
});
