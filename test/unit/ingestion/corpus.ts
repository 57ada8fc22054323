import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

// The shared corpus of 365 real .eml files, read in place: zammad (AGPL) and rt (GPL) files must
// never be copied into this repository. It sits at ../shared/corpus beside the repo, in CI too.
export const CORPUS_URL = new URL('../../../../shared/corpus/', import.meta.url);

export interface CorpusEntry {
  path: string;
  source: string;
  category: string;
}

export function corpusIndex(): CorpusEntry[] {
  const rows: Record<string, string>[] = parse(readFileSync(new URL('index.csv', CORPUS_URL)), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => ({ path: row.path, source: row.source, category: row.category }));
}

export function corpusFile(path: string): Buffer {
  return readFileSync(new URL(path, CORPUS_URL));
}
