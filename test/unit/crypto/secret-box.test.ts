import { expect } from 'chai';
import { openSecret, sealSecret } from '../../../server/services/crypto/secret-box.js';

const KEY = 'k'.repeat(40);

describe('secret box', () => {
  it('opens what it sealed, and never stores the secret in clear', () => {
    const sealed = sealSecret('mật-khẩu-IMAP', KEY);
    expect(sealed).not.to.contain('IMAP');
    expect(openSecret(sealed, KEY)).to.equal('mật-khẩu-IMAP');
  });
  it('seals the same secret differently each time (random IV)', () => {
    expect(sealSecret('x', KEY)).not.to.equal(sealSecret('x', KEY));
  });
  it('refuses a box sealed with another key or altered', () => {
    const sealed = sealSecret('a longer secret', KEY);
    expect(() => openSecret(sealed, 'z'.repeat(40))).to.throw();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = (body[0] === 'A' ? 'B' : 'A') + body.slice(1); // first char: 6 whole bits of the ciphertext
    expect(() => openSecret([v, iv, tag, flipped].join('.'), KEY)).to.throw();
  });
  it('issue 13 item 10 (GCM tag): refuses a box whose tag was cut short, though its first bytes are genuine', () => {
    const sealed = sealSecret('a longer secret', KEY);
    const [v, iv, tag, body] = sealed.split('.');
    expect(Buffer.from(tag, 'base64url')).to.have.length(16);
    for (const bytes of [4, 8, 12, 15]) {
      const cut = Buffer.from(tag, 'base64url').subarray(0, bytes).toString('base64url');
      expect(() => openSecret([v, iv, cut, body].join('.'), KEY), `${bytes}-byte tag`).to.throw();
    }
  });
  it('opens a hotline secret sealed before boxes had a purpose: the default purpose keeps the key it had', () => {
    expect(openSecret('v1.ccLdvkcDHiLgJmJ3.kLX3sDEI8pXq3McVCjb4LQ.nrVag-jchS81Oyl7zbtaG58', KEY)).to.equal('mật-khẩu-IMAP');
  });
  it('gives each purpose its own key: a box sealed for one use does not open as another', () => {
    const mark = sealSecret('000000000000042', KEY, 'bulk-mark');
    expect(openSecret(mark, KEY, 'bulk-mark')).to.equal('000000000000042');
    expect(() => openSecret(mark, KEY)).to.throw();
    expect(() => openSecret(sealSecret('mật-khẩu', KEY), KEY, 'bulk-mark')).to.throw();
  });
});
