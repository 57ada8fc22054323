// DKIM from the environment to the wire: DKIM_* are read by the config, the transport signs, and the signature
// verifies against the public key of the generated pair (and stops verifying when the mail is altered).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { ConfigError, parseEnv } from '../../../server/config/env.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { verifyDkim } from '../../support/dkim-verify.js';

describe('DKIM signing of outgoing mail', () => {
  let smtp: SmtpCapture;
  let dir: string;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  before(async () => {
    smtp = await startSmtpCapture();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-dkim-'));
    fs.writeFileSync(path.join(dir, 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  });
  after(async () => {
    await smtp?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs a receipt with the configured key so that d=, s= and the signature verify against the public key', async () => {
    const env = parseEnv({ DKIM_DOMAIN: 'hoabinh.gov.vn', DKIM_SELECTOR: 'govmail2026', DKIM_PRIVATE_KEY_FILE: path.join(dir, 'dkim.pem') });
    expect(env.DKIM).to.include({ domainName: 'hoabinh.gov.vn', keySelector: 'govmail2026' });
    const transport = createMailTransport(smtp.url, { dkim: env.DKIM! });
    try {
      await transport.send({ from: 'stp@hoabinh.gov.vn', to: 'congdan@example.vn', subject: '[STP-2026-000001] Đã tiếp nhận / Received',
        text: 'Kính gửi công dân,\r\nSở Tư pháp đã tiếp nhận phản ánh của ông/bà.\r\n', headers: { 'Auto-Submitted': 'auto-replied' } });
    } finally {
      transport.close();
    }
    const raw = (await smtp.waitFor(1))[0].raw;
    const check = verifyDkim(raw, publicKey);
    expect(check.tags).to.include({ d: 'hoabinh.gov.vn', s: 'govmail2026' });
    expect(check.reason).to.equal(undefined);
    expect(check.ok).to.equal(true);
    const altered = Buffer.from(raw.toString('latin1').replace('Received', 'Rejected'), 'latin1');
    expect(verifyDkim(altered, publicKey).ok).to.equal(false);
  });

  it('sends unsigned mail when DKIM is not configured', () => {
    expect(parseEnv({}).DKIM).to.equal(null);
  });

  it('refuses to start with only part of the DKIM settings or an unreadable key, naming the problem', () => {
    expect(() => parseEnv({ DKIM_DOMAIN: 'hoabinh.gov.vn' })).to.throw(ConfigError, /missing: DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE/);
    expect(() => parseEnv({ DKIM_DOMAIN: 'hoabinh.gov.vn', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY_FILE: path.join(dir, 'missing.pem') }))
      .to.throw(ConfigError, /DKIM_PRIVATE_KEY_FILE must be a readable PEM private key/);
  });
});
