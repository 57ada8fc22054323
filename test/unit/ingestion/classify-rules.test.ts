import { expect } from 'chai';
import { parseMail } from '../../../server/mail/parse.js';
import { classifyMail, type MailKind } from '../../../server/services/ingestion/classify.js';

const CTX = { ownAddresses: ['hotline@stc.example.vn', 'no-reply@stc.example.vn'], ownMessageIdDomain: 'stc.example.vn' };

/** A plain citizen mail with extra or replacing header lines. */
async function mailWith(lines: string[], subject = 'Hỏi về thủ tục cấp phép'): Promise<ReturnType<typeof classifyMail>> {
  const names = new Set(lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  const base = [
    'From: Nguyễn Văn An <an@example.vn>',
    'To: hotline@stc.example.vn',
    `Subject: ${subject}`,
    'Message-ID: <c1@example.vn>',
    'Content-Type: text/plain; charset=utf-8',
  ].filter((l) => !names.has(l.slice(0, l.indexOf(':')).toLowerCase()));
  const raw = [...base, ...lines, '', 'Kính gửi...', ''].join('\r\n');
  return classifyMail(await parseMail(Buffer.from(raw)), CTX);
}

const TABLE: { name: string; lines: string[]; subject?: string; kind: MailKind }[] = [
  { name: 'an ordinary citizen mail', lines: [], kind: 'human' },
  { name: 'Auto-Submitted: no', lines: ['Auto-Submitted: no'], kind: 'human' },
  { name: 'X-Auto-Response-Suppress alone (Outlook stamps it on ordinary mail)', lines: ['X-Auto-Response-Suppress: All'], kind: 'human' },
  { name: 'Auto-Submitted: auto-replied', lines: ['Auto-Submitted: auto-replied'], kind: 'auto_reply' },
  { name: 'Auto-Submitted: vacation (Zimbra)', lines: ['Auto-Submitted: vacation'], kind: 'auto_reply' },
  { name: 'Auto-Submitted: auto-generated with a comment', lines: ['Auto-Submitted: auto-generated (reminder)'], kind: 'auto_reply' },
  {
    name: 'Exchange OOF: X-Auto-Response-Suppress with X-MS-Exchange-Inbox-Rules-Loop',
    lines: ['X-Auto-Response-Suppress: All', 'X-MS-Exchange-Inbox-Rules-Loop: an@example.vn'],
    kind: 'auto_reply',
  },
  { name: 'X-Autoreply: yes', lines: ['X-Autoreply: yes'], kind: 'auto_reply' },
  { name: 'X-Autorespond', lines: ['X-Autorespond: on'], kind: 'auto_reply' },
  { name: 'Precedence: auto_reply', lines: ['Precedence: auto_reply'], kind: 'auto_reply' },
  { name: 'Precedence: junk', lines: ['Precedence: junk'], kind: 'auto_reply' },
  { name: 'X-Precedence: bulk', lines: ['X-Precedence: bulk'], kind: 'auto_reply' },
  { name: 'X-Mailer: vacation', lines: ['X-Mailer: Vacation/1.2.7'], kind: 'auto_reply' },
  { name: 'Vietnamese subject "Trả lời tự động:"', lines: [], subject: 'Trả lời tự động: Hỏi về thủ tục', kind: 'auto_reply' },
  { name: 'Vietnamese subject without tone marks', lines: [], subject: 'Tra loi tu dong - Re: ho so', kind: 'auto_reply' },
  { name: 'Outlook "Automatic reply:"', lines: [], subject: 'Automatic reply: Hồ sơ', kind: 'auto_reply' },
  { name: 'German "Automatische Antwort:"', lines: [], subject: 'Automatische Antwort: Antrag', kind: 'auto_reply' },
  { name: '"Out of office:" with a colon', lines: [], subject: 'Out of office: back Monday', kind: 'auto_reply' },
  { name: 'a citizen subject opening with "Out of office hours"', lines: [], subject: 'Out of office hours noise on my street', kind: 'human' },
  { name: 'a citizen subject opening with "Vắng mặt" and no colon', lines: [], subject: 'Vắng mặt tại buổi tiếp dân', kind: 'human' },
  { name: 'List-Id', lines: ['List-Id: <news.example.org>'], kind: 'list' },
  { name: 'List-Unsubscribe with Precedence: bulk', lines: ['List-Unsubscribe: <mailto:u@x.org>', 'Precedence: bulk'], kind: 'list' },
  { name: 'Precedence: list', lines: ['Precedence: list'], kind: 'list' },
  { name: 'multipart/report delivery-status', lines: ['Content-Type: multipart/report; report-type=delivery-status; boundary=x'], kind: 'bounce' },
  { name: 'X-Failed-Recipients', lines: ['X-Failed-Recipients: gone@example.vn'], kind: 'bounce' },
  { name: 'a MAILER-DAEMON sender', lines: ['From: Mail Delivery System <MAILER-DAEMON@mx.example.vn>'], kind: 'bounce' },
  { name: 'a postmaster sender, even with Auto-Submitted', lines: ['From: postmaster@mx.example.vn', 'Auto-Submitted: auto-replied'], kind: 'bounce' },
  {
    name: 'a read receipt (report-type=disposition-notification)',
    lines: ['Content-Type: multipart/report; report-type=disposition-notification; boundary=x'],
    kind: 'auto_reply',
  },
  { name: 'mail From our own hotline address', lines: ['From: STC Hotline <Hotline@STC.example.vn>'], kind: 'loop' },
  { name: 'our own X-Govmail-Loop header', lines: ['X-Govmail-Loop: stc.example.vn'], kind: 'loop' },
  { name: 'our own Message-ID domain (our Sent copy coming back)', lines: ['Message-ID: <ticket.x@STC.example.vn>'], kind: 'loop' },
  { name: "another govmail installation's loop header", lines: ['X-Govmail-Loop: hcm.example.vn'], kind: 'auto_reply' },
  { name: 'X-Spam-Flag: YES', lines: ['X-Spam-Flag: YES'], kind: 'spam' },
  { name: 'X-Spam-Status: Yes, score=9', lines: ['X-Spam-Status: Yes, score=9.1 required=5.0'], kind: 'spam' },
  { name: 'X-Spam-Status: No', lines: ['X-Spam-Status: No, score=0.1 required=5.0'], kind: 'human' },
  { name: 'a loop that also looks like spam stays a loop', lines: ['From: hotline@stc.example.vn', 'X-Spam-Flag: YES'], kind: 'loop' },
];

describe('classifyMail rules', () => {
  for (const row of TABLE) {
    it(`classifies ${row.name} as ${row.kind}`, async () => {
      const verdict = await mailWith(row.lines, row.subject);
      expect(verdict.kind, verdict.reason).to.equal(row.kind);
      expect(verdict.reason).to.be.a('string').and.not.equal('');
    });
  }
});
