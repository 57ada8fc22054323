import { expect } from 'chai';
import { pastedMail } from '../../../server/services/triage/pasted-mail.js';

describe('issue 15 item 4: pastedMail (the rules tester reads a body alone)', () => {
  const cases: [string, string, boolean][] = [
    ['a whole mail', 'From: a@b.vn\nSubject: Đèn hỏng\n\nCột đèn hỏng.', false],
    ['a whole mail with a folded header', 'Received: from x\n\tby y\nFrom: a@b.vn\n\nNội dung', false],
    ['headers only', 'From: a@b.vn\nSubject: x', false],
    ['a body alone', 'Cột đèn chiếu sáng trước số 12 bị hỏng.\n\nXin cảm ơn.', true],
    ['a body opening with a Vietnamese "label:"', 'Kính gửi: Sở Xây dựng\nĐèn chiếu sáng bị hỏng.', true],
    ['a body opening with an ASCII "word:" but no mail field', 'Note: den chieu sang hong\n\nxin cam on', true],
    ['a header-like first line followed by text', 'Subject: đèn\nđèn chiếu sáng bị hỏng', true],
    ['an empty first line', '\nĐèn hỏng', true],
  ];
  for (const [what, text, bodyOnly] of cases) {
    it(`reads ${what} as ${bodyOnly ? 'a body alone' : 'a raw mail'}`, () => {
      const out = pastedMail(text);
      expect(out.bodyOnly).to.equal(bodyOnly);
      const raw = out.raw.toString('utf8');
      expect(raw).not.to.match(/[^\r]\n/);
      if (bodyOnly) expect(raw).to.match(/^MIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n/);
      expect(raw.endsWith(text.replace(/\n/g, '\r\n'))).to.equal(true);
    });
  }
});
