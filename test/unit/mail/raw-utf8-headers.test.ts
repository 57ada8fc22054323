import { expect } from 'chai';
import { parseMail } from '../../../server/mail/parse.js';
import { encodeRawUtf8Headers } from '../../../server/mail/raw-utf8-headers.js';

/** A mail as a client that does not MIME-encode writes it: raw UTF-8 in the header. */
function rawUtf8Mail(subjectLines: string[], from = 'Nguyễn Thị Hà <ha@example.vn>'): Buffer {
  return Buffer.from([
    `From: ${from}`, 'To: duongdaynong@snv.example.vn', `Subject: ${subjectLines.join('\r\n ')}`,
    'Message-ID: <raw-utf8@example.vn>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit', '', 'Khai thác cát trên sông Đà', '',
  ].join('\r\n'), 'utf8');
}

describe('raw UTF-8 header values', () => {
  // "à" is C3 A0; read as latin1, A0 is a no-break space that String.trim removed with the character's tail.
  for (const subject of ['Khai thác cát trái phép trên sông Đà', 'Đường vào nhà', 'Hỏi về thủ tục cấp sổ đỏ']) {
    it(`keeps "${subject}" whole`, async () => {
      const mail = await parseMail(rawUtf8Mail([subject]));
      expect(mail.subject).to.equal(subject);
      expect(mail.text.trim()).to.equal('Khai thác cát trên sông Đà');
    });
  }

  it('keeps a folded subject whose lines end in "à", and a long one across several encoded words', async () => {
    expect((await parseMail(rawUtf8Mail(['Sông Đà', 'chảy qua nhà']))).subject).to.equal('Sông Đà chảy qua nhà');
    const long = 'Phản ánh việc khai thác cát trái phép kéo dài nhiều tháng trên sông Đà, đoạn qua xã Hòa Bình và nhà';
    expect((await parseMail(rawUtf8Mail([long]))).subject).to.equal(long);
  });

  it('leaves structured headers, encoded subjects and plain ASCII alone', async () => {
    const mail = await parseMail(rawUtf8Mail(['Đường hỏng'], 'Nguyễn Thị Hà <ha@example.vn>'));
    expect(mail.from).to.deep.equal({ name: 'Nguyễn Thị Hà', address: 'ha@example.vn' });
    const ascii = rawUtf8Mail(['Duong hong']);
    expect(encodeRawUtf8Headers(ascii)).to.equal(ascii);
    const encoded = rawUtf8Mail(['=?UTF-8?B?U8O0bmcgxJDDoA==?=']);
    expect(encodeRawUtf8Headers(encoded)).to.equal(encoded);
    expect((await parseMail(encoded)).subject).to.equal('Sông Đà');
  });

  it('leaves a header that is not valid UTF-8 for the parser to read as before, and never touches the body', () => {
    const latin1 = Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9]), Buffer.from('\r\n\r\nSubject: Đà\r\n')]);
    expect(encodeRawUtf8Headers(latin1)).to.equal(latin1);
    const out = encodeRawUtf8Headers(rawUtf8Mail(['Sông Đà'])).toString('utf8');
    expect(out).to.include('Subject: =?UTF-8?B?');
    expect(out.endsWith('\r\n\r\nKhai thác cát trên sông Đà\r\n')).to.equal(true);
  });
});
