/**
 * Where a sign-in may send the user next (`?next=`): a path on this site only, else `/`. An open redirect after
 * sign-in is a phishing tool (issue 11: `/\evil.example` passed the old check, since browsers read `\` as `/`
 * and `/\host` as `//host`). Refused: anything not starting with one `/`, a second `/` or `\` (also
 * percent-encoded, as `/%5Cx` or `/%2F/x`), any backslash, control character or whitespace, and whatever a
 * browser would resolve to another origin.
 */
const PROBE_ORIGIN = 'http://next.invalid';

// In the raw value: control characters, whitespace (browsers strip tabs and newlines inside URLs, which turns
// `/\t/x` into `//x`) and backslashes. A path this app builds (requireLogin's req.originalUrl) is percent-encoded.
// eslint-disable-next-line no-control-regex
const UNSAFE_RAW = /[\u0000-\u0020\u007f-\u009f\\]/;
// Once decoded, a space is an ordinary search term (`?q=Nguy%E1%BB%85n%20V%C4%83n`); control characters and
// backslashes are still refused.
// eslint-disable-next-line no-control-regex
const UNSAFE_DECODED = /[\u0000-\u001f\u007f-\u009f\\]/;

function decodedOnce(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

const isSafePath = (p: string, unsafe: RegExp): boolean => p.startsWith('/') && !p.startsWith('//') && !unsafe.test(p);

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  const decoded = decodedOnce(next);
  if (decoded === null || !isSafePath(next, UNSAFE_RAW) || !isSafePath(decoded, UNSAFE_DECODED)) return '/';
  try {
    if (new URL(next, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return '/';
  } catch {
    return '/';
  }
  return next;
}
