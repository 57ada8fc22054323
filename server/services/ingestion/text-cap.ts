// Stored text forms must fit the narrowest column they go to on either database: a MariaDB TEXT holds
// 65,535 BYTES. One byte over is "Data too long", the message's transaction rolls back, and every poll fails
// on the same UID again: one long mail would block the whole inbox. The raw mail keeps every byte.
export const TEXT_COLUMN_MAX_BYTES = 65_535;

/** Cuts `s` to at most `maxBytes` of UTF-8 without splitting a character. */
export function capUtf8Bytes(s: string, maxBytes = TEXT_COLUMN_MAX_BYTES): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes (astral pairs: 4 bytes for 2 units), so short strings need no count.
  if (s.length * 3 <= maxBytes || Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  const cut = Buffer.from(s, 'utf8').subarray(0, maxBytes).toString('utf8');
  // A split multi-byte sequence decodes to U+FFFD at the end; drop it.
  return cut.endsWith('\uFFFD') ? cut.slice(0, -1) : cut;
}

/** The same for sanitised HTML: a cut can end inside a tag, whose fragment is dropped rather than shown. */
export function capHtmlBytes(html: string, maxBytes = TEXT_COLUMN_MAX_BYTES): string {
  const capped = capUtf8Bytes(html, maxBytes);
  return capped === html ? html : capped.replace(/<[^>]*$/, '');
}
