import { expect } from 'chai';
import { viTextProblems } from '../../support/vi-text-check.js';

describe('vi-text-check: dates as the province writes them (dd/mm/yyyy, 24 h)', () => {
  it('flags an ISO date and a 12-hour time', () => {
    expect(viTextProblems('Ngày nghỉ 2026-09-02 Thứ Tư\nGửi lúc 2:05 PM').filter((p) => p.kind === 'date').map((p) => p.text)).to.deep.equal(['2026-09-02', '2:05 PM']);
  });
  it('leaves dd/mm/yyyy, 24-hour times and ticket refs alone', () => {
    expect(viTextProblems('Hạn 17:00 03/03/2026 · TTHCC-2026-000001')).to.deep.equal([]);
  });
});
