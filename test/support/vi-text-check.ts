// What a Vietnamese page must not show (issue 15 item 3): English sentences and raw codes that leaked past the
// catalogues — "full_name is empty", `unknown status "x"; expected one of active, on_leave, left`,
// `no_keyword_any:both`. A heuristic over document.body.innerText, used by the page sweep and by the e2e that
// provokes each message. Data a person typed or the system names (addresses, URLs, host names, values quoted
// back, elements marked translate="no" such as a file's column names) is removed first: it is not a sentence of
// the interface.
import type { Page } from 'playwright-core';

/** English words that Vietnamese interface text never uses bare (ASCII-only, no tone marks). */
const ENGLISH_STOP_WORDS = new Set([
  'the', 'is', 'are', 'must', 'expected', 'unknown', 'empty', 'needs', 'least', 'of', 'not', 'has', 'have', 'with',
  'from', 'for', 'and', 'be', 'cannot', 'should', 'invalid', 'missing', 'required', 'already', 'does', 'this', 'at',
]);

/** Data, not interface: e-mail addresses, URLs, host names, ticket refs, dates and times. */
const DATA_PATTERNS: readonly RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail addresses (usernames of roster-made accounts are addresses)
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, // URLs
  /\b([a-z0-9-]+\.)+(vn|com|net|org|test|local)\b/gi, // host and domain names
  /"[^"\n]*"|“[^”\n]*”/g, // a value quoted back to the reader (`Mã cơ quan "XYZ" không có`)
];

export interface TextProblem {
  kind: 'english' | 'code' | 'date';
  text: string;
}

/** Runs of >= 3 ASCII-only words holding an English stop word, snake_case or `key:value` codes, and dates not
 * written the province's way (dd/mm/yyyy, 24 h): an ISO `2026-09-02` or a 12-hour `2:05 PM`. */
export function viTextProblems(innerText: string): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const rawLine of innerText.split('\n')) {
    let line = rawLine;
    for (const pattern of DATA_PATTERNS) line = line.replace(pattern, ' ');
    // Words are split at spaces and sentence punctuation; a word with any non-ASCII letter breaks the run.
    const words = line.split(/[\s,;.()"“”'’!?–—/]+/).filter((w) => w !== '');
    let run: string[] = [];
    const flush = (): void => {
      if (run.length >= 3 && run.some((w) => ENGLISH_STOP_WORDS.has(w.toLowerCase()))) {
        problems.push({ kind: 'english', text: run.join(' ') });
      }
      run = [];
    };
    for (const word of words) {
      if (/^[A-Za-z]+$/.test(word)) run.push(word);
      else if (/^[\d:%-]+$/.test(word) && run.length > 0) continue; // a number inside an English sentence keeps it going
      else flush();
    }
    flush();
    for (const m of line.matchAll(/(?<![\w.-])[a-z]+_[a-z_]+\b/g)) problems.push({ kind: 'code', text: m[0] });
    for (const m of line.matchAll(/(?<![\w.-])[a-z_]+:(?=[^\s\d/])\S*/g)) problems.push({ kind: 'code', text: m[0] });
    for (const m of line.matchAll(/(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])|\b\d{1,2}:\d{2}\s?[AP]M\b/g)) problems.push({ kind: 'date', text: m[0] });
  }
  return problems;
}

/** The page's visible text without the parts marked as data (translate="no"), as a reader sees the interface. */
export async function interfaceText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = [...document.querySelectorAll<HTMLElement>('[translate="no"]')];
    const shown = data.map((el) => el.style.display);
    for (const el of data) el.style.display = 'none';
    const text = document.body.innerText;
    data.forEach((el, i) => { el.style.display = shown[i]!; });
    return text;
  });
}

/** The same for a page fetched without a browser (supertest): the body's text, without scripts, tags, attributes
 * (a tooltip may keep a code for whoever debugs) or elements marked translate="no". */
export function htmlInterfaceText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(\w+)\b[^>]*\btranslate="no"[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(br|p|div|tr|li|h\d|dt|dd|section|table|ul|ol)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
}
