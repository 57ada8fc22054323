// Raw UTF-8 in an unstructured header (a Subject typed into a client that does not MIME-encode) is legal under
// RFC 6532, but mailparser reads header bytes as latin1 and trims the value: the last byte of "à" (C3 A0) is
// U+00A0 in latin1, a space to String.trim, so "sông Đà" came out as "sông Đ\uFFFD". Re-encoding such values as
// RFC 2047 encoded words before parsing gives the parser nothing to trim. Only the copy fed to the parser changes;
// the stored raw message stays as it arrived.

/** Headers whose value is free text (RFC 5322 §3.6.5 and common extensions): safe to wrap whole in encoded words. */
const UNSTRUCTURED = new Set(['subject', 'comments', 'keywords', 'thread-topic']);
/** Bytes per encoded word, so each stays within the 75-character limit of RFC 2047 §2 after base64. */
const WORD_BYTES = 45;

/** The message with raw UTF-8 unstructured header values turned into encoded words; the same buffer when none. */
export function encodeRawUtf8Headers(message: Buffer): Buffer {
  const headerEnd = endOfHeader(message);
  const fields = splitFields(message.subarray(0, headerEnd));
  let changed = false;
  const out = fields.map((field) => {
    const colon = field.indexOf(0x3a);
    if (colon < 0 || !UNSTRUCTURED.has(field.subarray(0, colon).toString('latin1').trim().toLowerCase())) return field;
    const value = unfold(field.subarray(colon + 1));
    if (!value.some((b) => b >= 0x80) || !isUtf8(value)) return field;
    changed = true;
    const text = value.toString('utf8').trim();
    return Buffer.from(`${field.subarray(0, colon).toString('latin1')}: ${encodedWords(text)}\r\n`, 'latin1');
  });
  return changed ? Buffer.concat([...out, message.subarray(headerEnd)]) : message;
}

/** Offset of the blank line that ends the header (the whole message when there is none). */
function endOfHeader(message: Buffer): number {
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== 0x0a) continue;
    if (message[i + 1] === 0x0a) return i + 1;
    if (message[i + 1] === 0x0d && message[i + 2] === 0x0a) return i + 1;
  }
  return message.length;
}

/** Header fields, each with its continuation lines and line endings. */
function splitFields(header: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    if (header[i] !== 0x0a) continue;
    const next = header[i + 1];
    if (next === 0x20 || next === 0x09) continue; // a folded line belongs to this field
    fields.push(header.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < header.length) fields.push(header.subarray(start));
  return fields;
}

function unfold(value: Buffer): Buffer {
  return Buffer.from(value.filter((b) => b !== 0x0d && b !== 0x0a));
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** "=?UTF-8?B?…?=" words separated by folding, each cut on a character boundary. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}
