// transport.ts against a real SMTP peer: what arrives, and how each kind of failure is classified.
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { createMailTransport, SendError, type MailTransport } from '../../../server/mail/transport.js';
import { freePort } from '../../support/free-port.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';

const MESSAGE = {
  from: '"Sở Tư pháp Hòa Bình" <hotline@sotuphap.hoabinh.gov.vn>',
  to: 'congdan@example.vn',
  subject: 'Phản hồi hồ sơ STC-2026-000123',
  text: 'Kính gửi ông/bà,\nSở đã tiếp nhận kiến nghị.',
  html: '<p>Kính gửi ông/bà,</p>',
};

async function sendError(p: Promise<unknown>): Promise<SendError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).to.be.instanceOf(SendError);
  return err as SendError;
}

describe('mail transport over SMTP', function () {
  let smtp: SmtpCapture;
  let transport: MailTransport;

  before(async () => {
    smtp = await startSmtpCapture();
    transport = createMailTransport(smtp.url);
  });
  beforeEach(() => smtp.clear());
  after(async () => {
    transport.close();
    await smtp.stop();
  });

  it('delivers a message with its threading and custom headers and Vietnamese subject', async () => {
    const result = await transport.send({
      ...MESSAGE,
      messageId: '<stc-2026-000123.r1.abc@sotuphap.hoabinh.gov.vn>',
      inReplyTo: '<citizen-1@example.vn>',
      references: ['<citizen-0@example.vn>', '<citizen-1@example.vn>'],
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Govmail-Ticket': 'STC-2026-000123' },
    });
    expect(result.messageId).to.equal('<stc-2026-000123.r1.abc@sotuphap.hoabinh.gov.vn>');
    expect(result.response).to.match(/^250 /);
    const [got] = await smtp.waitFor(1);
    expect(got!.envelope).to.deep.equal({ from: 'hotline@sotuphap.hoabinh.gov.vn', to: ['congdan@example.vn'] });
    const parsed = await simpleParser(got!.raw);
    expect(parsed.subject).to.equal(MESSAGE.subject);
    expect(parsed.messageId).to.equal('<stc-2026-000123.r1.abc@sotuphap.hoabinh.gov.vn>');
    expect(parsed.inReplyTo).to.equal('<citizen-1@example.vn>');
    expect(parsed.references).to.deep.equal(['<citizen-0@example.vn>', '<citizen-1@example.vn>']);
    expect(parsed.headers.get('auto-submitted')).to.equal('auto-replied');
    expect(parsed.headers.get('x-govmail-ticket')).to.equal('STC-2026-000123');
    expect(parsed.text?.trim()).to.equal(MESSAGE.text);
  });

  it('signs with DKIM when a key is given', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const signed = createMailTransport(smtp.url, {
      dkim: { domainName: 'sotuphap.hoabinh.gov.vn', keySelector: 'govmail', privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() },
    });
    try {
      await signed.send(MESSAGE);
    } finally {
      signed.close();
    }
    const [got] = await smtp.waitFor(1);
    const header = /^DKIM-Signature:(.*(?:\r\n[ \t].*)*)/m.exec(got!.raw.toString('latin1'))?.[1] ?? '';
    expect(header).to.match(/\bd=sotuphap\.hoabinh\.gov\.vn;/).and.to.match(/\bs=govmail;/);
  });

  it('reports a 451 as a temporary SendError with its code', async () => {
    smtp.failNext(451);
    const err = await sendError(transport.send(MESSAGE));
    expect(err).to.include({ permanent: false, smtpCode: 451 });
    expect(smtp.messages).to.have.length(0);
  });

  it('reports a 550 as a permanent SendError with its code', async () => {
    smtp.failNext(550);
    const err = await sendError(transport.send(MESSAGE));
    expect(err).to.include({ permanent: true, smtpCode: 550 });
  });

  it('reports a connection dropped mid-transaction as temporary, and does not resend by itself', async () => {
    smtp.dropNext();
    const err = await sendError(transport.send(MESSAGE));
    expect(err.permanent).to.equal(false);
    expect(err.smtpCode).to.equal(null);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages).to.have.length(0);
  });

  it('reports a refused connection as temporary', async () => {
    const closed = createMailTransport(`smtp://127.0.0.1:${await freePort()}`);
    const err = await sendError(closed.send(MESSAGE));
    expect(err).to.include({ permanent: false, smtpCode: null });
    closed.close();
  });

  it('verifies a reachable server and rejects an unreachable one', async () => {
    await transport.verify();
    const closed = createMailTransport(`smtp://127.0.0.1:${await freePort()}`);
    const err = await sendError(closed.verify());
    expect(err.permanent).to.equal(false);
  });
});
