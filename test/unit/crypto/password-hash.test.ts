import { expect } from 'chai';
import {
  hashPassword,
  needsRehash,
  PASSWORD_SCHEMES,
  PasswordPolicyError,
  passwordScheme,
  verifyPassword,
  type PasswordScheme,
} from '../../../server/services/crypto/password-hash.js';

// Low costs keep the unit suite fast; defaults are exercised against doveadm in the integration test.
const FAST: Record<PasswordScheme, number> = { 'SHA512-CRYPT': 1000, 'BLF-CRYPT': 4, PBKDF2: 1000 };

describe('password-hash', () => {
  describe('hashPassword + verifyPassword', () => {
    for (const scheme of PASSWORD_SCHEMES) {
      it(`${scheme}: stores the {${scheme}} prefix, accepts the password and refuses a wrong one`, async () => {
        const stored = await hashPassword('Kf7q-Xm2p-Rt9w-Hz4c', scheme, { rounds: FAST[scheme] });
        expect(stored.startsWith(`{${scheme}}`)).to.equal(true);
        expect(await verifyPassword('Kf7q-Xm2p-Rt9w-Hz4c', stored)).to.equal(true);
        expect(await verifyPassword('Kf7q-Xm2p-Rt9w-Hz4C', stored)).to.equal(false);
        expect(await verifyPassword('', stored)).to.equal(false);
      });
    }

    it('writes SHA512-CRYPT with the implicit 5000 rounds that openssl and glibc write', async () => {
      expect(await hashPassword('secret', 'SHA512-CRYPT')).to.match(/^\{SHA512-CRYPT\}\$6\$[./0-9A-Za-z]{16}\$/);
    });

    it('writes PBKDF2 in Dovecot\'s $1$salt$rounds$hex format', async () => {
      expect(await hashPassword('secret', 'PBKDF2')).to.match(/^\{PBKDF2\}\$1\$[./0-9A-Za-z]{16}\$5000\$[0-9a-f]{40}$/);
    });

    it('writes BLF-CRYPT with cost 10 by default', async () => {
      expect(await hashPassword('secret', 'BLF-CRYPT')).to.match(/^\{BLF-CRYPT\}\$2b\$10\$/);
    });
  });

  describe('verifyPassword on hashes Dovecot made (`doveadm pw -s SCHEME -p test`, Dovecot 2.3.19.1)', () => {
    const fromDoveadm = [
      '{SHA512-CRYPT}$6$iEhA2hV1cc0DPUPH$8NajELjZC/o0DpfgSnuwqGh9DtXrGsU06QF4KfvN5Aot03oZudgUfxPG1TrXSQ0rjW/lJYddcHhSbDcOOsNO9/',
      '{BLF-CRYPT}$2y$05$oWs26guwL9GkgLfILbDOvONIC0H.4OJHBFFmjB8E5pcbpNq0yEHee',
      '{PBKDF2}$1$HcaAi3OtQ8jepCZL$5000$73e363b132c656c8b4f515ec46f5803e96bd1a09',
      '{CRYPT}$6$iEhA2hV1cc0DPUPH$8NajELjZC/o0DpfgSnuwqGh9DtXrGsU06QF4KfvN5Aot03oZudgUfxPG1TrXSQ0rjW/lJYddcHhSbDcOOsNO9/',
    ];
    for (const stored of fromDoveadm) {
      it(`accepts "test" and refuses "tesT" for ${stored.slice(0, 20)}…`, async () => {
        expect(await verifyPassword('test', stored)).to.equal(true);
        expect(await verifyPassword('tesT', stored)).to.equal(false);
      });
    }
  });

  describe('unreadable stored hashes', () => {
    const bad: Array<[string, string]> = [
      ['$6$salt$abc', 'no {SCHEME} prefix'],
      ['{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA', 'ARGON2ID'],
      ['{PBKDF2}$1$salt$5000$nothex', 'Malformed {PBKDF2}'],
      ['{CRYPT}$1$md5salt$hash', 'Unsupported crypt hash'],
    ];
    for (const [stored, message] of bad) {
      it(`throws rather than answering false for ${stored.slice(0, 16)}…`, async () => {
        let error: unknown;
        try {
          await verifyPassword('x', stored);
        } catch (err) {
          error = err;
        }
        expect(error).to.be.instanceOf(Error).with.property('message').that.contains(message);
      });
    }
  });

  describe('password policy at hashing time', () => {
    it('refuses a Vietnamese password in NFC and in NFD form alike', async () => {
      for (const password of ['Mật khẩu', 'Mật khẩu'.normalize('NFD')]) {
        let error: unknown;
        try {
          await hashPassword(password, 'SHA512-CRYPT');
        } catch (err) {
          error = err;
        }
        expect(error).to.be.instanceOf(PasswordPolicyError);
      }
    });

    it('refuses a BLF-CRYPT password longer than bcrypt\'s 72 bytes instead of truncating it', async () => {
      let error: unknown;
      try {
        await hashPassword('a'.repeat(73), 'BLF-CRYPT', { rounds: 4 });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(Error).with.property('message').that.contains('72 bytes');
    });
  });

  describe('passwordScheme and needsRehash', () => {
    it('reads the scheme prefix', () => {
      expect(passwordScheme('{BLF-CRYPT}$2b$10$x')).to.equal('BLF-CRYPT');
      expect(passwordScheme('$2b$10$x')).to.equal(null);
    });

    it('asks for a rehash when the scheme or its parameters differ from the wanted ones', async () => {
      const sha = await hashPassword('secret', 'SHA512-CRYPT');
      expect(needsRehash(sha, 'SHA512-CRYPT')).to.equal(false);
      expect(needsRehash(sha, 'SHA512-CRYPT', { rounds: 10_000 })).to.equal(true);
      expect(needsRehash(sha, 'BLF-CRYPT')).to.equal(true);
      const blf = await hashPassword('secret', 'BLF-CRYPT', { rounds: 4 });
      expect(needsRehash(blf, 'BLF-CRYPT', { rounds: 4 })).to.equal(false);
      expect(needsRehash(blf, 'BLF-CRYPT')).to.equal(true);
      const pbkdf2 = await hashPassword('secret', 'PBKDF2');
      expect(needsRehash(pbkdf2, 'PBKDF2')).to.equal(false);
      expect(needsRehash(pbkdf2, 'PBKDF2', { rounds: 20_000 })).to.equal(true);
    });
  });
});
