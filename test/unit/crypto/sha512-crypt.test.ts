import { expect } from 'chai';
import { generateCryptSalt, sha512Crypt, sha512CryptHash } from '../../../server/services/crypto/sha512-crypt.js';

describe('sha512-crypt', () => {
  // Test vectors from Ulrich Drepper, "Unix crypt using SHA-256 and SHA-512", SHA-512 section
  // (https://www.akkadia.org/drepper/SHA-crypt.txt); glibc and PHP carry the same table.
  const drepper: Array<[string, string, string]> = [
    ['$6$saltstring', 'Hello world!',
      '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
    ['$6$rounds=10000$saltstringsaltstring', 'Hello world!',
      '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.'],
    ['$6$rounds=5000$toolongsaltstring', 'This is just a test',
      '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0'],
    ['$6$rounds=1400$anotherlongsaltstring',
      'a very much longer text to encrypt.  This one even stretches over morethan one line.',
      '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1'],
    ['$6$rounds=77777$short', 'we have a short salt string but not a short password',
      '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0'],
    ['$6$rounds=123456$asaltof16chars..', 'a short string',
      '$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1'],
    ['$6$rounds=10$roundstoolow', 'the minimum number is still observed',
      '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.'],
  ];
  for (const [setting, password, expected] of drepper) {
    it(`matches the Drepper spec vector for ${setting}`, () => {
      expect(sha512Crypt(password, setting)).to.equal(expected);
    });
  }

  // Produced with `openssl passwd -6 -salt SALT PASSWORD` (OpenSSL 3.0.19); the integration test re-runs
  // openssl itself on fresh random inputs.
  const openssl: Array<[string, string, string]> = [
    ['Kx8q.LmZ/0abcdEF', 'Kf7q-Xm2p-Rt9w-Hz4c',
      '$6$Kx8q.LmZ/0abcdEF$1tfv1CrV0hV8AZ.KQcrgtTIsNNPKGTTOeHBHztZXATM/zitoyNyQJK/Uoo/lYq3yT6opYnsEsnmQN8FNsk8Ub.'],
    ['short', 'password with spaces !',
      '$6$short$wfanrlickEFc3USLBpyJ2I2KEv2KX5abgXyvvt5urj57co2d9X2XCM1YHnFmx99sJFoXxH6vOmeD/oEl4SjUL/'],
    ['abcdefghijklmnopqrstu', 'x',
      '$6$abcdefghijklmnop$4MjOne1jVRKP4IuHRPFedC4vlQHNjvcBfQJVlfB8ciQ5YUzW2g81Pyw4sptw4femJ071/eApI0WDsBAOOCmTl0'],
  ];
  for (const [salt, password, expected] of openssl) {
    it(`matches openssl passwd -6 byte for byte with salt ${salt}`, () => {
      expect(sha512Crypt(password, `$6$${salt}`)).to.equal(expected);
    });
  }

  it('verifies by re-hashing with the stored hash as the setting', () => {
    const [, password, stored] = drepper[0]!;
    expect(sha512Crypt(password, stored)).to.equal(stored);
    expect(sha512Crypt('Hello world?', stored)).to.not.equal(stored);
  });

  it('writes a fresh 16-character salt and leaves the default 5000 rounds implicit', () => {
    const a = sha512CryptHash('secret');
    expect(a).to.match(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(sha512CryptHash('secret')).to.not.equal(a);
  });

  it('writes rounds= when asked for a non-default count', () => {
    expect(sha512CryptHash('secret', 10_000)).to.match(/^\$6\$rounds=10000\$[./0-9A-Za-z]{16}\$/);
  });

  it('generates salts only from the crypt alphabet', () => {
    expect(generateCryptSalt(200)).to.match(/^[./0-9A-Za-z]{200}$/);
  });

  it('refuses a setting that is not $6$', () => {
    expect(() => sha512Crypt('x', '$5$salt')).to.throw('$6$');
  });
});
