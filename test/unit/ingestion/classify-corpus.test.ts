import { expect } from 'chai';
import { parseMail } from '../../../server/mail/parse.js';
import { classifyMail, type MailKind } from '../../../server/services/ingestion/classify.js';
import { corpusFile, corpusIndex, CORPUS_COMPLETE, corpusHas } from './corpus.js';

const CTX = { ownAddresses: ['hotline@stc.example.vn'], ownMessageIdDomain: 'stc.example.vn' };

/** index.csv category → the kind our classifier must return. */
const EXPECTED: Record<string, MailKind> = {
  'auto-reply': 'auto_reply',
  bounce: 'bounce',
  list: 'list',
  plain: 'human',
  reply: 'human',
  charset: 'human',
};

/**
 * Files whose corpus category is wrong for a hotline's purposes. The corpus labels the shape of
 * the content; we label what must happen to the mail. Each exception says why.
 */
const EXCEPTIONS: Record<string, { kind: MailKind; why: string }> = {
  'sisimai/rb-issue-368-bug.eml': {
    kind: 'bounce',
    why: 'a "mailbox full" non-delivery notice from postmaster@ with Return-Path <>; the corpus files it as RFC 3834 because it also carries Auto-Submitted, but we must link it to the ticket and flag the address',
  },
  'spamassassin/002.eml': { kind: 'list', why: 'a reply posted to the SAtalk mailing list (List-Id)' },
  'spamassassin/base64.eml': { kind: 'list', why: 'a reply posted to a mailing list (List-Id)' },
  'spamassassin/iso-2022-jp.2.eml': { kind: 'list', why: 'a reply distributed by the ports-jp list (Precedence: list)' },
  'spamassassin/iso-2022-jp.1.eml': {
    kind: 'list',
    why: 'distributed by majordomo: Sender/Return-Path owner-mhonarc-users@, Precedence: bulk',
  },
  'thunderbird/bugmail19.eml': { kind: 'list', why: 'Bugzilla notification relayed through a list (List-Id)' },
  'mailgem/raw_email_bad_time.eml': { kind: 'spam', why: 'the receiving filter marked it X-Spam-Status: Yes' },
  'zammad/mail069.eml': { kind: 'spam', why: 'the receiving filter marked it X-Spam-Flag: YES (pharmacy spam)' },
};

describe('classifyMail on the real-world corpus', () => {
  const entries = corpusIndex().filter((entry) => entry.category in EXPECTED);

  // 173 in the full corpus (11 + 60 + 7 + 28 + 30 + 37); 125 in the permissive copy without zammad and rt.
  it('covers every auto-reply, bounce, list, plain, reply and charset file', () => {
    expect(entries).to.have.length(CORPUS_COMPLETE ? 173 : 125);
  });

  for (const entry of entries) {
    const exception = EXCEPTIONS[entry.path];
    const want = exception?.kind ?? EXPECTED[entry.category];
    const label = exception ? ` (corpus says ${entry.category}: ${exception.why})` : '';
    it(`classifies ${entry.path} as ${want}${label}`, async () => {
      const mail = await parseMail(corpusFile(entry.path));
      const verdict = classifyMail(mail, CTX);
      expect(verdict.kind, `${entry.path}: ${verdict.reason}`).to.equal(want);
    });
  }

  it('keeps the exception list honest: every exception names a checked corpus file', () => {
    const checked = new Set(entries.map((entry) => entry.path));
    for (const path of Object.keys(EXCEPTIONS).filter(corpusHas)) expect(checked.has(path), path).to.equal(true);
    expect(Object.keys(EXCEPTIONS).filter(corpusHas)).to.have.length(CORPUS_COMPLETE ? 8 : 7);
  });
});
