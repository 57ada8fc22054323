import { expect } from 'chai';
import { safeNext } from '../../../server/web/safe-next.js';

// Issue 11: `next` after sign-in goes to a same-site path only; everything else goes home.
const KEPT = [
  '/',
  '/tickets',
  '/tickets/42?tab=notes#reply',
  '/metrics?from=2026-01-01&to=2026-03-31',
  '/tickets?q=Nguy%E1%BB%85n%20V%C4%83n', // an encoded search, as requireLogin writes it
  '/hr/mailboxes/a.b%40hoabinh.gov.vn',
];
const REFUSED: [string, unknown][] = [
  ['protocol-relative', '//evil.example'],
  ['backslash after the slash', '/\\evil.example'],
  ['backslash later', '/tickets\\..\\\\evil.example'],
  ['encoded backslash', '/%5Cevil.example'],
  ['encoded backslash, lower case', '/%5cevil.example'],
  ['encoded second slash', '/%2Fevil.example'],
  ['absolute http URL', 'http://evil.example/'],
  ['absolute https URL', 'https://evil.example/login'],
  ['javascript URL', 'javascript:alert(1)'],
  ['relative path', 'tickets'],
  ['tab inside (browsers strip it: //)', '/\t/evil.example'],
  ['newline inside', '/\n/evil.example'],
  ['encoded newline', '/%0A/evil.example'],
  ['NUL', '/tickets\u0000'],
  ['leading space', ' /tickets'],
  ['DEL', '/\u007f/evil.example'],
  ['broken percent-encoding', '/tickets?q=%E0%A4%A'],
  ['empty', ''],
  ['missing', undefined],
  ['an array (?next=a&next=b)', ['/a', '/b']],
  ['too long', `/${'a'.repeat(3000)}`],
];

describe('web/safe-next', () => {
  for (const path of KEPT) it(`keeps the same-site path ${JSON.stringify(path)}`, () => expect(safeNext(path)).to.equal(path));
  for (const [why, value] of REFUSED) it(`sends home: ${why}`, () => expect(safeNext(value)).to.equal('/'));
});
