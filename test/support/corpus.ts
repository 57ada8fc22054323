// The real-world mail corpus. The full set (365 files, including the AGPL zammad and GPL rt parts, which must not
// be copied into this repository) is read in place from ../shared/corpus beside the repository, as in CI. A clone
// without ../shared (a newcomer's) uses test/fixtures/corpus: the 248 permissively licensed files, with NOTICE.md.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const SHARED = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

/** true when the whole shared corpus is here; false when only the permissive copy is. */
export const CORPUS_COMPLETE = existsSync(path.join(SHARED, 'index.csv'));
export const CORPUS_DIR = CORPUS_COMPLETE ? SHARED : FIXTURES;

export interface CorpusEntry {
  path: string;
  source: string;
  category: string;
}

export function corpusIndex(): CorpusEntry[] {
  const rows: Record<string, string>[] = parse(readFileSync(path.join(CORPUS_DIR, 'index.csv')), { columns: true, skip_empty_lines: true });
  return rows.map((row) => ({ path: row.path, source: row.source, category: row.category }));
}

export function corpusFile(file: string): Buffer {
  return readFileSync(path.join(CORPUS_DIR, file));
}

/** Whether a file of the corpus is available in this checkout (zammad/ and rt/ only with ../shared). */
export function corpusHas(file: string): boolean {
  return existsSync(path.join(CORPUS_DIR, file));
}
