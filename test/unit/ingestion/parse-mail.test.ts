import { expect } from 'chai';
import { MailParseError, parseMail, type ParsedMail } from '../../../server/mail/parse.js';
import { corpusFile, corpusIndex, CORPUS_COMPLETE } from './corpus.js';

/** 365 with ../shared/corpus; 248 in the permissive copy under test/fixtures/corpus. */
const CORPUS_SIZE = CORPUS_COMPLETE ? 365 : 248;

/** windows-1258 writes Vietnamese as base letter + combining tone mark: "Trả lời tự động". */
const VI_1258 = Buffer.from([
  0x54, 0x72, 0x61, 0xd2, 0x20, 0x6c, 0xf5, 0xcc, 0x69, 0x20, 0x74, 0xfd, 0xf2, 0x20, 0xf0, 0xf4, 0xf2, 0x6e, 0x67,
]);

function vietnameseMail(): Buffer {
  const q = [...VI_1258].map((b) => (b === 0x20 ? '_' : b < 0x80 ? String.fromCharCode(b) : '=' + b.toString(16).toUpperCase()));
  const head = [
    'From: =?windows-1258?Q?Nguy=EA=DEn_V=E3n_An?= <an@example.vn>',
    'To: hotline@stc.example.vn',
    `Subject: =?windows-1258?Q?${q.join('')}?=`,
    'Content-Type: text/plain; charset=windows-1258',
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), VI_1258]);
}

describe('parseMail', () => {
  it(`accounts for all ${CORPUS_SIZE} corpus files: parsed or a typed MailParseError, never another throw`, async () => {
    const entries = corpusIndex();
    expect(entries).to.have.length(CORPUS_SIZE);
    let parsed = 0;
    for (const entry of entries) {
      try {
        const mail = await parseMail(corpusFile(entry.path));
        expect(mail.messageId, entry.path).to.be.a('string').and.not.equal('');
        parsed += 1;
      } catch (err) {
        expect(err, entry.path).to.be.instanceOf(MailParseError);
      }
    }
    // mailparser 3.14.2 parses the whole corpus; a drop here means a parser regression.
    expect(parsed).to.equal(CORPUS_SIZE);
  });

  // zammad files are AGPL and are read only in place from ../shared/corpus (CI); a bare clone lacks them.
  if (CORPUS_COMPLETE) it('decodes windows-1258 (zammad/mail072) into text and subject', async () => {
    const mail = await parseMail(corpusFile('zammad/mail072.eml'));
    expect(mail.subject).to.equal('Réclamation commande n° 018255977840');
    expect(mail.from).to.deep.equal({ address: 'me@example.com', name: 'Valérie Oury' });
    expect(mail.text).to.contain('Je vous contacte suite à ma commande du 14 août 2018');
  });

  it('composes windows-1258 Vietnamese tone marks to NFC in subject, text and names', async () => {
    const mail = await parseMail(vietnameseMail());
    expect(mail.subject).to.equal('Trả lời tự động'.normalize('NFC'));
    expect(mail.subject).to.have.length(15); // decomposed it would be 19 code points
    expect(mail.text.trim()).to.equal('Trả lời tự động'.normalize('NFC'));
    expect(mail.from?.name).to.equal('Nguyễn Văn An'.normalize('NFC'));
  });

  it('strips a leading mbox From line and still reads the headers beneath it', async () => {
    const body = 'From: a@example.org\r\nMessage-ID: <X1@Example.ORG>\r\nSubject: hi\r\n\r\nbody\r\n';
    const withLine = await parseMail(Buffer.from('From MAILER-DAEMON  Sat Oct  4 08:00:09 2025\n' + body));
    const without = await parseMail(Buffer.from(body));
    expect(withLine.from?.address).to.equal('a@example.org');
    expect(withLine.messageId).to.equal('X1@example.org');
    expect(withLine.subject).to.equal(without.subject);
  });

  it('exposes normalised ids, lower-cased header names, repeated headers as arrays, envelope recipients', async () => {
    const raw = [
      'Received: from a by b', 'Received: from c by d', 'Delivered-To: Hotline@STC.example.vn',
      'X-Original-To: hotline@stc.example.vn', 'From: "Bà Lan" <lan@example.vn>', 'To: hotline@stc.example.vn',
      'Cc: x@example.vn, y@example.vn', 'In-Reply-To: <A@Mail.Example.VN>',
      'References: <r1@one.example> <r2@TWO.example>', 'Message-ID: <m@Example.VN>', 'Subject: Hỏi',
      'Content-Type: text/plain; charset=utf-8', '', 'Nội dung', '',
    ].join('\r\n');
    const mail: ParsedMail = await parseMail(Buffer.from(raw));
    expect(mail.messageId).to.equal('m@example.vn');
    expect(mail.inReplyTo).to.equal('A@mail.example.vn');
    expect(mail.references).to.deep.equal(['r1@one.example', 'r2@two.example']);
    expect(mail.headers.get('received')).to.deep.equal(['from a by b', 'from c by d']);
    expect(mail.deliveredTo).to.deep.equal(['hotline@stc.example.vn']);
    expect(mail.cc.map((a) => a.address)).to.deep.equal(['x@example.vn', 'y@example.vn']);
    expect(mail.contentType).to.equal('text/plain; charset=utf-8');
  });

  it('lists attachment metadata with a sha256 and no content', async () => {
    const mail = await parseMail(corpusFile('mimekit/bounce.eml'));
    expect(mail.attachments.length).to.be.greaterThan(0);
    for (const a of mail.attachments) {
      expect(a.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(a).to.have.all.keys('filename', 'contentType', 'size', 'sha256');
    }
  });

  it("rejects bytes over maxBytes with reason 'too_large' before parsing", async () => {
    const err = await parseMail(Buffer.alloc(2048, 'a'), { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MailParseError).with.property('reason', 'too_large');
  });

  it("gives up on a slow parse with reason 'timeout'", async () => {
    const raw = corpusFile('mailparser/outofmemory.eml'); // ~1.1 MB of HTML, ~100 ms to parse
    const err = await parseMail(raw, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MailParseError).with.property('reason', 'timeout');
  });

  it("turns a parser failure (header over 1 MB, 1 000+ MIME parts, empty input) into 'unparseable'", async () => {
    const hugeHeader = Buffer.from('From: a@b.example\r\n' + `X-Pad: ${'a'.repeat(100)}\r\n`.repeat(15_000) + '\r\nbody');
    const parts = Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`).join('');
    const manyParts = Buffer.from(`From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`);
    for (const raw of [hugeHeader, manyParts, Buffer.from('\r\n\r\n')]) {
      const err = await parseMail(raw).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(MailParseError).with.property('reason', 'unparseable');
    }
  });
});
