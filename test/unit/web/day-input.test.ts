import { expect } from 'chai';
import { dayField, dayFromInput, isIsoDay } from '../../../server/web/forms/day-input.js';

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
