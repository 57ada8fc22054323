// A DKIM verifier for tests (RFC 6376, relaxed/relaxed with rsa-sha256, which is what nodemailer signs with),
// so the signature is checked against the public key instead of only asserting the header is there.
// mailauth would do this in production code; it is not a dependency, and the test needs no DNS.
import { createHash, createVerify, type KeyObject } from 'node:crypto';

export interface DkimCheck { ok: boolean; tags: Record<string, string>; reason?: string }

interface HeaderField { name: string; value: string }

function splitMessage(raw: Buffer): { headers: HeaderField[]; body: string } {
  const text = raw.toString('latin1'); // bytes in, bytes out: the hash is over the octets sent
  const at = text.indexOf('\r\n\r\n');
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? '' : text.slice(at + 4);
  const headers: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1].value += `\r\n${line}`;
    else { const i = line.indexOf(':'); headers.push({ name: line.slice(0, i), value: line.slice(i + 1) }); }
  }
  return { headers, body };
}

const relaxedHeader = (h: HeaderField) => `${h.name.trim().toLowerCase()}:${h.value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

export function verifyDkim(raw: Buffer, publicKey: KeyObject): DkimCheck {
  const { headers, body } = splitMessage(raw);
  const sig = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
  if (!sig) return { ok: false, tags: {}, reason: 'no DKIM-Signature header' };
  const tags = Object.fromEntries(sig.value.replace(/\r\n/g, '').split(';').map((p) => p.trim()).filter(Boolean)
    .map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).replace(/\s+/g, '')]));
  if (tags.a !== 'rsa-sha256' || tags.c !== 'relaxed/relaxed') return { ok: false, tags, reason: `unsupported a=${tags.a} c=${tags.c}` };
  if (createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64') !== tags.bh) return { ok: false, tags, reason: 'body hash differs' };
  // Each name in h= takes the next instance from the bottom of the header block (RFC 6376 §5.4.2).
  const used = new Set<HeaderField>();
  const signed = tags.h.split(':').map((name) => {
    const h = [...headers].reverse().find((x) => x.name.trim().toLowerCase() === name.toLowerCase() && !used.has(x) && x !== sig);
    if (h) used.add(h);
    return h ? `${relaxedHeader(h)}\r\n` : '';
  });
  const unsignedSig = relaxedHeader({ name: sig.name, value: sig.value.replace(/(^|;)(\s*b=)[^;]*/, '$1$2') });
  const ok = createVerify('RSA-SHA256').update(signed.join('') + unsignedSig, 'latin1').verify(publicKey, tags.b, 'base64');
  return ok ? { ok, tags } : { ok, tags, reason: 'signature does not verify' };
}
