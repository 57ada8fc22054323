// Display and search forms of a parsed mail: sanitised, size-capped HTML (the raw bytes stay in raw_messages)
// and a search key with and without tone marks, so "dat dai" finds "đất đai".
import sanitizeHtml from 'sanitize-html';
import { stripToneMarks } from '../provisioning/vietnamese-name.js';

/** Past this the HTML is truncated before sanitising: sanitize-html is linear but 2,000-link spam is not worth it. */
const HTML_MAX_CHARS = 512 * 1024;
const TEXT_MAX_CHARS = 256 * 1024;

export function sanitizeForDisplay(html: string | null): string | null {
  if (!html) return null;
  return sanitizeHtml(html.slice(0, HTML_MAX_CHARS), {
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedAttributes: { a: ['href'], img: ['alt'] },
  });
}

export function boundedText(text: string): string {
  return text.normalize('NFC').slice(0, TEXT_MAX_CHARS);
}

export function searchKey(subject: string, text: string): string {
  const base = `${subject}\n${text.slice(0, 16 * 1024)}`.normalize('NFC').toLowerCase();
  const plain = stripToneMarks(base);
  return plain === base ? base : `${base}\n${plain}`;
}
