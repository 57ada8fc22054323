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
});
