// Display and search forms of a parsed mail: sanitised HTML (sanitize.ts) (the raw bytes stay in raw_messages)
// and a search key with and without tone marks, so "dat dai" finds "đất đai".
import { stripToneMarks } from '../text/index.js';
import { sanitizeMailHtml } from './sanitize.js';
import { capHtmlBytes, capUtf8Bytes } from './text-cap.js';

const TEXT_MAX_CHARS = 256 * 1024;

/** The policy lives in sanitize.ts (scripts, handlers, forms, remote images, javascript: links removed). */
export function sanitizeForDisplay(html: string | null): string | null {
  // Capped after sanitising: inline data: images alone can pass the 64 KiB of a MariaDB TEXT (text-cap.ts).
  return html ? capHtmlBytes(sanitizeMailHtml(html)) : null;
}

export function boundedText(text: string): string {
  return capUtf8Bytes(text.normalize('NFC').slice(0, TEXT_MAX_CHARS));
}

export function searchKey(subject: string, text: string): string {
  const base = `${subject}\n${text.slice(0, 16 * 1024)}`.normalize('NFC').toLowerCase();
  const plain = stripToneMarks(base);
  return capUtf8Bytes(plain === base ? base : `${base}\n${plain}`);
}
