// Reads the labelled citizen mails of test/fixtures/triage (format and labelling rules: its README.md).
// A broken record names its file, line and field, so a typo in a label cannot silently skew the figures.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../../server/services/org/categories.js';

export const LABELLED_DIR = new URL('../../fixtures/triage/', import.meta.url);
/**
 * The blind set (test/fixtures/triage-heldout, its README): mails written before their writer read the seed rules or
 * the mails above, to measure whether rules fitted to those generalise. Same format, scored by its own test.
 */
export const BLIND_DIR = new URL('../../fixtures/triage-heldout/', import.meta.url);

export interface LabelledMail {
  id: string;
  file: string;
  class: string;
  /** null: a careful officer would not be sure, so triage must leave it uncategorised */
  category: string | null;
  priority: string;
  note: string | null;
  subject: string;
  body: string;
  /** the fixed 30 % the rules were not tuned on (a hash of the id, so adding mails moves no other mail) */
  heldOut: boolean;
}

const CLASSES = new Set(TICKET_CLASSES.map((c) => c.code as string));
const CATEGORIES = new Set(FEEDBACK_CATEGORIES.map((c) => c.code));
const PRIORITIES = new Set(['normal', 'urgent']);
const HEADERS = ['class', 'category', 'priority', 'note', 'subject'] as const;
const REQUIRED = ['class', 'category', 'priority', 'subject'] as const;
const HELD_OUT_PERCENT = 30;

/**
 * Which batch a mail was written in, by its number (README "three batches"): -01…-49 the first, -51…-69 the
 * second, -71…-79 the third, -81… the fourth. Each batch was scored once before any rule was tuned on it.
 */
export function batchOf(id: string): number {
  const n = Number(/-(\d+)$/.exec(id)?.[1] ?? 0);
  return n < 50 ? 1 : n < 70 ? 2 : n < 80 ? 3 : 4;
}

export function isHeldOut(id: string): boolean {
  return parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 100 < HELD_OUT_PERCENT;
}

/** The records of one file's text; `file` is its name, which must be the category of every record in it. */
export function parseLabelled(file: string, text: string): LabelledMail[] {
  const fileCategory = file.replace(/\.txt$/, '');
  const out: LabelledMail[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const fail = (line: number, message: string): never => { throw new Error(`${file}:${line + 1}: ${message}`); };
  let at = 0;
  while (at < lines.length) {
    if (lines[at]!.trim() === '') { at++; continue; }
    const start = /^=== (\S+)$/.exec(lines[at]!);
    if (!start) fail(at, `expected "=== <id>", found "${lines[at]}"`);
    const id = start![1]!;
    const fields: Partial<Record<(typeof HEADERS)[number], string>> = {};
    for (at++; at < lines.length && lines[at] !== ''; at++) {
      const header = /^([a-z]+): ?(.*)$/.exec(lines[at]!);
      if (!header || !(HEADERS as readonly string[]).includes(header[1]!)) fail(at, `${id}: expected one of ${HEADERS.join(', ')}, found "${lines[at]}"`);
      fields[header![1] as (typeof HEADERS)[number]] = header![2]!.trim();
    }
    for (const name of REQUIRED) if (!fields[name]) fail(at, `${id}: no ${name}`);
    const bodyStart = at + 1;
    while (at < lines.length && !lines[at]!.startsWith('=== ')) at++;
    const body = lines.slice(bodyStart, at).join('\n').trim();
    if (!body) fail(bodyStart, `${id}: empty body`);
    const category = fields.category === 'null' ? null : fields.category!;
    if (!CLASSES.has(fields.class!)) fail(bodyStart, `${id}: unknown class "${fields.class}"`);
    if (category !== null && !CATEGORIES.has(category)) fail(bodyStart, `${id}: unknown category "${category}"`);
    if ((category ?? 'null') !== fileCategory) fail(bodyStart, `${id}: category "${fields.category}" in ${file}`);
    if (!PRIORITIES.has(fields.priority!)) fail(bodyStart, `${id}: priority must be normal or urgent, not "${fields.priority}"`);
    out.push({ id, file, class: fields.class!, category, priority: fields.priority!, note: fields.note ?? null, subject: fields.subject!, body,
      heldOut: isHeldOut(id) });
  }
  return out;
}

/** Every labelled mail of a folder (by default test/fixtures/triage), in file then record order; ids are unique across files. */
export function loadLabelled(dir: URL = LABELLED_DIR): LabelledMail[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const mails = files.flatMap((f) => parseLabelled(f, readFileSync(new URL(f, dir), 'utf8')));
  const seen = new Set<string>();
  for (const m of mails) {
    if (seen.has(m.id)) throw new Error(`${m.file}: id ${m.id} used twice`);
    seen.add(m.id);
  }
  return mails;
}
