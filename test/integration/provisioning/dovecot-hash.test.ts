/**
 * Our hashes against the real Dovecot (`doveadm pw -t`) and the real openssl, both directions.
 * `-O` skips the system dovecot.conf, so the test needs the binary only, not a configured server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import {
  generateInitialPassword,
  hashPassword,
  PASSWORD_SCHEMES,
  verifyPassword,
  type HashOptions,
  type PasswordScheme,
} from '../../../server/services/crypto/password-hash.js';
import { generateCryptSalt, sha512Crypt } from '../../../server/services/crypto/sha512-crypt.js';

const DOVEADM = process.env.DOVEADM_BIN ?? '/usr/bin/doveadm';

function doveadmVerifies(stored: string, password: string): { ok: boolean; output: string } {
  const run = spawnSync(DOVEADM, ['-O', 'pw', '-t', stored, '-p', password], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { ok: run.status === 0 && run.stdout.includes('(verified)'), output: `${run.stdout}${run.stderr}` };
}

function doveadmHash(scheme: PasswordScheme, password: string): string {
  return execFileSync(DOVEADM, ['-O', 'pw', '-s', scheme, '-p', password], { encoding: 'utf8' }).trim();
}

describe('provisioning hashes against doveadm and openssl', function () {
  this.timeout(60_000);

  before(() => {
    expect(existsSync(DOVEADM), `doveadm not found at ${DOVEADM}; install dovecot-core or set DOVEADM_BIN`).to
      .equal(true);
  });

  const variants: Array<[PasswordScheme, HashOptions]> = [
    ['SHA512-CRYPT', {}],
    ['SHA512-CRYPT', { rounds: 10_000 }],
    ['BLF-CRYPT', {}],
    ['BLF-CRYPT', { rounds: 12 }],
    ['PBKDF2', {}],
    ['PBKDF2', { rounds: 10_000 }],
  ];
  for (const [scheme, options] of variants) {
    const label = options.rounds === undefined ? 'default parameters' : `rounds ${options.rounds}`;
    it(`doveadm verifies our {${scheme}} hash (${label}) and refuses a wrong password`, async () => {
      const password = generateInitialPassword();
      const stored = await hashPassword(password, scheme, options);
      const right = doveadmVerifies(stored, password);
      expect(right.ok, right.output).to.equal(true);
      const wrong = doveadmVerifies(stored, `${password}x`);
      expect(wrong.ok, wrong.output).to.equal(false);
    });
  }

  it('doveadm verifies a password with spaces and punctuation', async () => {
    const password = `a b'c"d$e\\f!{g}`;
    for (const scheme of PASSWORD_SCHEMES) {
      const result = doveadmVerifies(await hashPassword(password, scheme), password);
      expect(result.ok, `${scheme}: ${result.output}`).to.equal(true);
    }
  });

  for (const scheme of PASSWORD_SCHEMES) {
    it(`verifyPassword accepts a {${scheme}} hash made by doveadm and refuses a wrong password`, async () => {
      const password = generateInitialPassword();
      const stored = doveadmHash(scheme, password);
      expect(stored.startsWith(`{${scheme}}`)).to.equal(true);
      expect(await verifyPassword(password, stored)).to.equal(true);
      expect(await verifyPassword(password.toLowerCase(), stored)).to.equal(false);
    });
  }

  it('sha512Crypt equals `openssl passwd -6 -salt SALT PASSWORD` for fresh random inputs', () => {
    for (let i = 0; i < 10; i++) {
      const salt = generateCryptSalt(1 + i * 2); // 1..19 chars: below, at and beyond the 16-char cut
      const password = i === 0 ? 'x' : generateInitialPassword({ groups: i, groupLength: 9 });
      const expected = execFileSync('openssl', ['passwd', '-6', '-salt', salt, password], { encoding: 'utf8' });
      expect(sha512Crypt(password, `$6$${salt}`)).to.equal(expected.trim());
    }
  });
});
