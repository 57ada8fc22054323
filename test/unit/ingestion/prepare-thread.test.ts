// The prepare thread (server/services/ingestion/prepare-thread.ts): the same answers as preparing in this
// thread, a hard time cap that quarantines only the stuck mail, and a broken install that stops the poll.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { MailParseError } from '../../../server/mail/parse.js';
import { PrepareThread } from '../../../server/services/ingestion/prepare-thread.js';
import { parseAndClassify } from '../../../server/services/ingestion/prepared-message.js';

const input = { ownAddresses: ['hotline@sotnmt.hoabinh.gov.vn'], ownDomain: 'mid.govmail.test' };
const MISBEHAVING = new URL('../../support/misbehaving-prepare-worker.mjs', import.meta.url);
const SLOW_START = new URL('../../support/slow-start-prepare-worker.mjs', import.meta.url);

function mail(subject: string, extra: string[] = [], body = 'Kính gửi Sở, tôi xin phản ánh việc đất đai.'): Buffer {
  return Buffer.from([
    'From: Nguyễn Văn A <dan@example.vn>', 'To: hotline@sotnmt.hoabinh.gov.vn', `Subject: ${subject}`,
    `Message-ID: <${createHash('sha1').update(subject).digest('hex')}@example.vn>`, 'Date: Tue, 01 Dec 2026 09:00:00 +0700',
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', ...extra, '', body, ''].join('\r\n'));
}

const SAMPLES: Record<string, Buffer> = {
  citizen: mail('=?UTF-8?B?' + Buffer.from('Phản ánh đất đai').toString('base64') + '?='),
  autoReply: mail('Out of office', ['Auto-Submitted: auto-replied']),
  multipart: Buffer.from([
    'From: b@example.vn', 'To: hotline@sotnmt.hoabinh.gov.vn', 'Subject: ảnh', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/html; charset=utf-8', '',
    '<p>Ảnh <b>hiện trường</b></p><script>alert(1)</script>', '--b1', 'Content-Type: image/png; name="a.png"',
    'Content-Transfer-Encoding: base64', '', Buffer.from('not really a png').toString('base64'), '--b1--', ''].join('\r\n')),
  empty: Buffer.from('\r\n\r\n'),
};

/** What preparing in this thread gives, in the thread's reply form. */
async function inThisThread(raw: Buffer) {
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const parsed = await parseAndClassify(raw, input);
  return parsed.ok ? { sha256, ...parsed } : { sha256, ok: false, error: { reason: parsed.error.reason, message: parsed.error.message }, messageId: parsed.messageId };
}

describe('prepare thread', function () {
  this.timeout(60_000);

  it('prepares every sample exactly as this thread does, malformed ones included', async () => {
    const thread = new PrepareThread();
    try {
      for (const [name, raw] of Object.entries(SAMPLES)) {
        expect(await thread.prepare(raw, input), name).to.deep.equal(await inThisThread(raw));
      }
    } finally {
      await thread.close();
    }
  });

  it('stops a parser stuck on one mail: that mail alone times out, the mails around it are prepared', async () => {
    const thread = new PrepareThread({ entry: MISBEHAVING, limitMs: 2_000 });
    try {
      const results = await Promise.allSettled([
        thread.prepare(mail('before'), input), thread.prepare(mail('stuck', ['X-Test-Parser: hang']), input), thread.prepare(mail('after'), input),
      ]);
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
      const error = (results[1] as PromiseRejectedResult).reason;
      expect(error).to.be.instanceOf(MailParseError).with.property('reason', 'timeout');
      const after = (results[2] as PromiseFulfilledResult<{ ok: boolean; mail?: { subject: string } }>).value;
      expect(after.mail?.subject).to.equal('after');
    } finally {
      await thread.close();
    }
  });

  it('fails only the mail a thread died on, as unparseable, and goes on with a new thread', async () => {
    const thread = new PrepareThread({ entry: MISBEHAVING });
    try {
      const results = await Promise.allSettled([
        thread.prepare(mail('one'), input), thread.prepare(mail('fatal', ['X-Test-Parser: die']), input), thread.prepare(mail('two'), input),
      ]);
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(MailParseError).with.property('reason', 'unparseable');
    } finally {
      await thread.close();
    }
  });

  it('counts the per-mail limit from the moment the thread is ready, not while it loads', async () => {
    const thread = new PrepareThread({ entry: SLOW_START, limitMs: 500 });
    try {
      const results = await Promise.allSettled([thread.prepare(mail('one'), input), thread.prepare(mail('two'), input)]);
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'fulfilled']);
    } finally {
      await thread.close();
    }
  });

  it('fails every mail with a plain Error when the thread does not start within its start window', async () => {
    const thread = new PrepareThread({ entry: SLOW_START, startLimitMs: 200 });
    try {
      const error = await thread.prepare(SAMPLES.citizen!, input).then(() => null, (e: Error) => e);
      expect(error).to.be.instanceOf(Error).and.not.be.instanceOf(MailParseError);
      expect(error!.message).to.include('did not start within 200 ms');
    } finally {
      await thread.close();
    }
  });

  it('fails with a plain Error, not a quarantine, when the thread cannot start', async () => {
    const thread = new PrepareThread({ entry: new URL('../../support/no-such-entry.mjs', import.meta.url) });
    try {
      const error = await thread.prepare(SAMPLES.citizen!, input).then(() => null, (e: Error) => e);
      expect(error).to.be.instanceOf(Error).and.not.be.instanceOf(MailParseError);
      expect(error!.message).to.include('could not start').and.include('npm ci');
    } finally {
      await thread.close();
    }
  });
});
