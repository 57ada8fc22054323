import { expect } from 'chai';
import { REFERENCES_MAX, replySubject, replyText, replyThreadHeaders } from '../../../server/services/tickets/reply-mail.js';
import { searchPatterns } from '../../../server/services/tickets/list.js';
import { normaliseLookup } from '../../../server/services/tickets/lookup.js';

describe('reply mail composition', () => {
  const subjects: [string, string][] = [
    ['Phản ánh đường hỏng', 'Re: [STP-2026-000001] Phản ánh đường hỏng'],
    ['Re: RE: Fwd: Phản ánh', 'Re: [STP-2026-000001] Phản ánh'],
    ['TL: Trả lời: câu hỏi', 'Re: [STP-2026-000001] câu hỏi'],
    ['[STP-2026-000001] Đã tiếp nhận', 'Re: [STP-2026-000001] Đã tiếp nhận'],
    ['', 'Re: [STP-2026-000001]'],
  ];
  for (const [input, expected] of subjects) {
    it(`puts the case ref in the subject once: "${input}"`, () => {
      expect(replySubject('STP-2026-000001', input)).to.equal(expected);
    });
  }

  it("answers the citizen's latest mail and keeps the thread, first mail first", () => {
    const h = replyThreadHeaders(['a@citizen.vn', 'b@citizen.vn'], ['<ticket.x@mid>']);
    expect(h['In-Reply-To']).to.equal('<b@citizen.vn>');
    expect(h.References).to.equal('<a@citizen.vn> <ticket.x@mid> <b@citizen.vn>');
  });

  it('skips synthetic and hashed ids, and sends no threading headers when none is left', () => {
    expect(replyThreadHeaders(['sha256:abc', 'dup:1:2:x@y'], ['<ours@mid>'])).to.deep.equal({});
    expect(replyThreadHeaders(['real@x.vn', 'sha256:abc'], [])['In-Reply-To']).to.equal('<real@x.vn>');
  });

  it(`caps References at ${REFERENCES_MAX} ids, keeping the first and the newest`, () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}@x.vn`);
    const refs = replyThreadHeaders(ids, []).References.split(' ');
    expect(refs).to.have.length(REFERENCES_MAX);
    expect(refs[0]).to.equal('<m0@x.vn>');
    expect(refs.at(-1)).to.equal('<m29@x.vn>');
  });

  it('puts the body marker on its own line after the answer, NFC-normalised, with Unix line ends', () => {
    const text = replyText({ body: 'Kính gửi ông\r\nHoa\u0300  \n', agencyName: 'Sở Tư pháp', ref: 'STP-2026-000001', marker: '[#GM:STP-2026-000001:abcd1234]' });
    expect(text.startsWith('Kính gửi ông\nHoà\n')).to.equal(true);
    expect(text.split('\n')).to.include('[#GM:STP-2026-000001:abcd1234]');
    expect(text).not.to.contain('\r');
  });
});

describe('queue search patterns', () => {
  it('matches with and without tone marks, NFC or NFD, and drops % wildcards', () => {
    expect(searchPatterns('Sạt Lở').text).to.deep.equal(['%sạt lở%', '%sat lo%']);
    expect(searchPatterns('Sa\u0323t lơ\u0309').text).to.deep.equal(['%sạt lở%', '%sat lo%']);
    expect(searchPatterns('đất đai').text).to.include('%dat dai%');
    expect(searchPatterns('100%').text).to.deep.equal(['%100%']);
    expect(searchPatterns('stp-2026').ref).to.equal('%STP-2026%');
  });
});

describe('lookup input', () => {
  it('accepts the ref in any case and the code with spaces or dashes', () => {
    expect(normaliseLookup(' stp-2026-000001 ', '1234 5678')).to.deep.equal({ ref: 'STP-2026-000001', code: '12345678' });
    expect(normaliseLookup('x', '1234-5678').code).to.equal('12345678');
  });
});
