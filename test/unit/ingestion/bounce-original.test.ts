import { expect } from 'chai';
import { parseMail } from '../../../server/mail/parse.js';
import { bounceOriginalMessageId } from '../../../server/services/ingestion/bounce-original.js';
import { corpusFile, corpusIndex, CORPUS_COMPLETE } from './corpus.js';

async function originalOf(raw: Buffer): Promise<string | null> {
  return bounceOriginalMessageId(await parseMail(raw), raw);
}

describe('bounceOriginalMessageId', () => {
  const cases: [path: string, where: string, id: string][] = [
    ['postal-mime/bounce.eml', 'the message/rfc822 part', 'e85f1c9b-9b51-4028-8ec0-0a657155028e@app.fastmail.com'],
    ['mimekit/bounce.eml', 'the message/rfc822 part', '44565655.JitbitHelpdesk.13439.691a0afc-a0a0-457c-8208-f20b7c4a4cb1@jitbit.com'],
    ['sisimai/lhost-office365-04.eml', 'Exchange Online returned headers', 'SLXP216MB0381A8F03A83505296890D11A9950@slxp216mb0381.korp216.prod.outlook.com'],
    ['sisimai/lhost-qmail-01.eml', 'the original quoted inline by qmail', '000000000.9999999999999.JavaMail.postmaster@mailhub'],
    ['sisimai/lhost-exim-01.eml', 'the copy exim quotes inline', 'E1P1ce6-000Egt-GZ@e1.example.org'],
  ];
  for (const [path, where, id] of cases) {
    it(`finds the bounced mail's id in ${where} (${path})`, async () => {
      expect(await originalOf(corpusFile(path))).to.equal(id);
    });
  }

  it("never returns the bounce's own Message-ID when the returned part has a different one", async () => {
    const raw = corpusFile('postal-mime/bounce.eml');
    const mail = await parseMail(raw);
    expect(bounceOriginalMessageId(mail, raw)).to.not.equal(mail.messageId);
  });

  it('falls back to In-Reply-To when no returned part exists', async () => {
    const raw = Buffer.from(
      'From: MAILER-DAEMON@mx.example.vn\r\nIn-Reply-To: <ticket.STC-2026-000123.a1.0badc0de@stc.example.vn>\r\n' +
        'Subject: Undeliverable\r\n\r\nYour message could not be delivered.\r\n',
    );
    expect(await originalOf(raw)).to.equal('ticket.STC-2026-000123.a1.0badc0de@stc.example.vn');
  });

  // 51 of 60 in the full corpus; 44 of the 51 bounces in the permissive copy. The rest returned no headers.
  it('finds an original id for the corpus bounces that returned any headers', async () => {
    let found = 0;
    for (const entry of corpusIndex().filter((e) => e.category === 'bounce')) {
      if (await originalOf(corpusFile(entry.path))) found += 1;
    }
    expect(found).to.be.at.least(CORPUS_COMPLETE ? 51 : 44);
  });
});
