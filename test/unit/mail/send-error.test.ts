import { expect } from 'chai';
import { SendError, toSendError } from '../../../server/mail/send-error.js';

const CASES: [string, unknown, { permanent: boolean; smtpCode: number | null }][] = [
  ['550 mailbox unavailable', { message: 'Message failed', code: 'EMESSAGE', responseCode: 550 }, { permanent: true, smtpCode: 550 }],
  ['554 at RCPT', { message: "Can't send mail", code: 'EENVELOPE', responseCode: 554 }, { permanent: true, smtpCode: 554 }],
  ['451 greylisting', { message: 'Message failed', code: 'EMESSAGE', responseCode: 451 }, { permanent: false, smtpCode: 451 }],
  ['421 service closing', { code: 'ECONNECTION', responseCode: 421 }, { permanent: false, smtpCode: 421 }],
  ['454 auth temporarily unavailable', { code: 'EAUTH', responseCode: 454 }, { permanent: false, smtpCode: 454 }],
  ['535 bad credentials', { code: 'EAUTH', responseCode: 535 }, { permanent: true, smtpCode: 535 }],
  ['connection refused', { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }, { permanent: false, smtpCode: null }],
  ['socket closed mid-transaction', { message: 'Connection closed unexpectedly', code: 'ECONNECTION' }, { permanent: false, smtpCode: null }],
  ['connection reset', { code: 'ECONNRESET' }, { permanent: false, smtpCode: null }],
  ['greeting timeout', { code: 'ETIMEDOUT' }, { permanent: false, smtpCode: null }],
  ['DNS temporarily failing', { code: 'EAI_AGAIN' }, { permanent: false, smtpCode: null }],
  ['no recipients (a bug, not the network)', { message: 'No recipients defined', code: 'EENVELOPE' }, { permanent: true, smtpCode: null }],
  ['an unknown error without a reply', new Error('boom'), { permanent: true, smtpCode: null }],
  ['a thrown string', 'weird', { permanent: true, smtpCode: null }],
];

describe('SMTP failure classification', () => {
  for (const [name, err, want] of CASES) {
    it(`${name} → ${want.permanent ? 'permanent' : 'temporary'}`, () => {
      const e = toSendError(err);
      expect(e).to.be.instanceOf(SendError);
      expect({ permanent: e.permanent, smtpCode: e.smtpCode }).to.deep.equal(want);
    });
  }

  it('keeps the server reply and error code for the outbox log', () => {
    const e = toSendError({ message: 'Message failed', code: 'EMESSAGE', responseCode: 451, response: '451 4.7.1 Try later' });
    expect(e).to.include({ code: 'EMESSAGE', response: '451 4.7.1 Try later', message: 'Message failed' });
  });

  it('returns a SendError unchanged', () => {
    const e = new SendError('x', false, 421, 'ECONNECTION');
    expect(toSendError(e)).to.equal(e);
  });
});
