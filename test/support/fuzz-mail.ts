// Random hostile mail for the ingestion fuzz test (issue 13 item 11): MIME trees of any shape, declared charsets
// that do not match the bytes, huge and folded headers, NULs, broken base64 and quoted-printable, long lines,
// truncated multiparts and mails cut off anywhere. Generated as a structure (what fast-check prints and shrinks)
// and rendered to bytes by renderMail.
import fc from 'fast-check';

export type Cte = '7bit' | '8bit' | 'binary' | 'base64' | 'quoted-printable' | 'x-bogus' | null;
export type Content = { text: string } | { bytes: Uint8Array } | { repeat: string; times: number };
export interface Leaf { kind: 'leaf'; type: string; charset: string | null; cte: Cte; broken: boolean; body: Content[] }
export interface Multi { kind: 'multi'; subtype: string; boundary: string; children: Part[]; truncated: boolean; preamble: string }
export type Part = Leaf | Multi;
export interface FuzzMail {
  from: string; to: string | null; subject: string; messageId: string | null; extra: { name: string; value: string; fold: boolean }[];
  body: Part; lf: boolean; cutAt: number | null;
}

const vi = fc.constantFrom('Kính gửi Sở', 'đường liên xã', 'bị sạt lở', 'Nguyễn Văn Ánh', 'Trần Thị Ngọc Hường', 'ệ', 'ổ', 'Đ',
  '日本語', '😀', '\u0000', '\r', '\n', '\r\n.\r\n', '=', '=?', '?=', '--', '[#GM:', 'HS-2026-', ' ', '\t', '\u200b', '\ufeff', '\ud800');
const textish = fc.oneof(
  fc.array(vi, { maxLength: 12 }).map((a) => a.join(' ')),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);
const content: fc.Arbitrary<Content> = fc.oneof(
  { weight: 4, arbitrary: textish.map((text) => ({ text })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes })) },
  { weight: 1, arbitrary: fc.record({ repeat: fc.constantFrom('a', 'đ', '=', ' ', 'ab\u0000', '\r'), times: fc.integer({ min: 1000, max: 40_000 }) }) },
);
const charset = fc.constantFrom(null, 'utf-8', 'UTF-8', 'windows-1258', 'iso-8859-1', 'us-ascii', 'gb2312', 'koi8-r', 'utf-16', 'utf-7',
  'x-unknown-charset', '"utf-8"', '');
const cte = fc.constantFrom<Cte>(null, '7bit', '8bit', 'binary', 'base64', 'base64', 'quoted-printable', 'x-bogus');
const leafType = fc.constantFrom('text/plain', 'text/plain', 'text/html', 'application/octet-stream', 'image/png', 'message/rfc822',
  'message/delivery-status', 'text/calendar', 'application/pdf; name="tờ trình.pdf"', 'text', '', '/');
const boundary = fc.oneof(fc.constantFrom('b', '=_part', '----=_NextPart_000', 'a b', ''), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 80 }));

const leaf: fc.Arbitrary<Leaf> = fc.record({
  kind: fc.constant('leaf' as const), type: leafType, charset, cte, broken: fc.boolean(), body: fc.array(content, { maxLength: 4 }),
});
const { part } = fc.letrec<{ part: Part }>((tie) => ({
  part: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constant('multi' as const),
      subtype: fc.constantFrom('mixed', 'alternative', 'related', 'report; report-type=delivery-status', 'signed', 'digest', 'x-unknown'),
      boundary, children: fc.array(tie('part'), { maxLength: 4 }), truncated: fc.boolean(), preamble: fc.constantFrom('', 'This is a multi-part message in MIME format.'),
    })),
}));

const address = fc.oneof(
  fc.constantFrom('Nguyễn Văn A <congdan@example.vn>', 'x@example.vn', '', '<>', 'undisclosed-recipients:;', 'MAILER-DAEMON@mx.example.vn',
    '=?x-bogus?B?////?= <a@example.vn>', '=?utf-8?B?TmfhuqFu?= <b@example.vn>', '"\u0000" <nul@example.vn>', 'no-reply@hoabinh.gov.vn', '@@@', 'a@'),
  fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })).map(([l, n]) => `${n} <${l}@example.vn>`),
);
const encodedWord = fc.tuple(fc.constantFrom('utf-8', 'windows-1258', 'iso-8859-1', 'gb2312', 'x-bogus', ''), fc.constantFrom('B', 'Q', 'b', 'X'), fc.string({ unit: 'binary-ascii', maxLength: 40 }))
  .map(([cs, enc, t]) => `=?${cs}?${enc}?${enc.toUpperCase() === 'B' ? Buffer.from(t).toString('base64').slice(0, Math.max(0, t.length)) : t}?=`);
const headerValue = fc.oneof(
  textish,
  encodedWord,
  fc.array(encodedWord, { maxLength: 6 }).map((a) => a.join(' ')),
  fc.record({ c: fc.constantFrom('x', 'ư', ' ', '\u0000'), n: fc.integer({ min: 500, max: 30_000 }) }).map(({ c, n }) => c.repeat(n)),
);
const extraHeader = fc.record({
  name: fc.oneof(fc.constantFrom('X-Fuzz', 'In-Reply-To', 'References', 'Auto-Submitted', 'Precedence', 'List-Id', 'Content-Type', 'Date', 'Return-Path',
    'Reply-To', 'X-Auto-Response-Suppress', 'Received'), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 })),
  value: fc.oneof(headerValue, fc.constantFrom('auto-replied', 'bulk', '<x@mid.govmail.test>', '<a@b> <c@d>', 'Mon, 32 Foo 99999 25:61:00 +9999', 'text/plain; charset=')),
  fold: fc.boolean(),
});

export const fuzzMail = (hotline: string): fc.Arbitrary<FuzzMail> => fc.record({
  from: address,
  to: fc.oneof({ weight: 5, arbitrary: fc.constant(hotline) }, { weight: 1, arbitrary: fc.option(address, { nil: null }) }),
  subject: headerValue,
  messageId: fc.oneof(fc.constant(null), fc.constantFrom('<dup-1@citizen.example>', '<>', 'no-brackets', `<${'m'.repeat(2000)}@x>`),
    fc.uuid().map((u) => `<${u}@citizen.example>`)),
  extra: fc.array(extraHeader, { maxLength: 5 }),
  body: part,
  lf: fc.boolean(),
  cutAt: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
});

function contentBytes(c: Content, charsetName: string | null): Buffer {
  if ('bytes' in c) return Buffer.from(c.bytes);
  const text = 'text' in c ? c.text : c.repeat.repeat(c.times);
  return charsetName && /8859|1258|ascii/i.test(charsetName) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

function encodeBody(raw: Buffer, p: Leaf, nl: string): Buffer {
  if (p.cte === 'base64') {
    let b64 = raw.toString('base64').replace(/.{1,76}/g, (l) => `${l}${nl}`);
    // Broken base64: characters outside the alphabet, padding in the middle, a cut in the middle of a quantum.
    if (p.broken) b64 = `${b64.slice(0, Math.floor(b64.length / 2))}!!==*${nl}${b64.slice(Math.floor(b64.length / 2) + 1)}`;
    return Buffer.from(b64, 'latin1');
  }
  if (p.cte === 'quoted-printable') {
    let qp = [...raw].map((b) => (b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x0a && b !== 0x0d) ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
    if (p.broken) qp = `${qp}=Z9=\u00ff=`;
    return Buffer.from(qp, 'latin1');
  }
  return raw;
}

function renderPart(p: Part, nl: string): Buffer {
  if (p.kind === 'leaf') {
    const head = [
      `Content-Type: ${p.type}${p.charset === null ? '' : `; charset=${p.charset}`}`,
      ...(p.cte === null ? [] : [`Content-Transfer-Encoding: ${p.cte}`]),
    ].join(nl);
    const body = encodeBody(Buffer.concat(p.body.map((c) => contentBytes(c, p.charset))), p, nl);
    return Buffer.concat([Buffer.from(`${head}${nl}${nl}`, 'utf8'), body, Buffer.from(nl)]);
  }
  const pieces: Buffer[] = [Buffer.from(`Content-Type: multipart/${p.subtype}; boundary="${p.boundary}"${nl}${nl}${p.preamble}${nl}`, 'utf8')];
  p.children.forEach((child, i) => {
    pieces.push(Buffer.from(`--${p.boundary}${nl}`, 'utf8'));
    const bytes = renderPart(child, nl);
    // A truncated multipart: the last child cut in half and no closing boundary.
    pieces.push(p.truncated && i === p.children.length - 1 ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
  });
  if (!p.truncated) pieces.push(Buffer.from(`--${p.boundary}--${nl}`, 'utf8'));
  return Buffer.concat(pieces);
}

function fold(name: string, value: string, nl: string, doFold: boolean): string {
  if (!doFold || value.length < 60) return `${name}: ${value}`;
  return `${name}: ${value.replace(/(.{1,70})/g, `$1${nl} `).trimEnd()}`;
}

export function renderMail(m: FuzzMail): Buffer {
  const nl = m.lf ? '\n' : '\r\n';
  const head = [
    `From: ${m.from}`, ...(m.to === null ? [] : [`To: ${m.to}`]), fold('Subject', m.subject, nl, true),
    ...(m.messageId === null ? [] : [`Message-ID: ${m.messageId}`]), 'Date: Mon, 02 Mar 2026 09:15:00 +0700', 'MIME-Version: 1.0',
    ...m.extra.map((h) => fold(h.name, h.value, nl, h.fold)),
  ].join(nl);
  const raw = Buffer.concat([Buffer.from(`${head}${nl}`, 'utf8'), renderPart(m.body, nl)]);
  // A mail server stores no empty message (Dovecot refuses the APPEND), so a cut keeps at least one byte.
  return m.cutAt === null ? raw : raw.subarray(0, Math.max(1, Math.floor(raw.length * m.cutAt)));
}
