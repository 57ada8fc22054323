// A parsed table as bytes: what the parse thread hands back and what an upload run keeps (sealed) between the
// upload, its previews and the import, so the file is parsed once. JSON with each row as an array in header
// order (no key repeated per row), deflated.
import zlib from 'node:zlib';
import type { Table } from './table-rows.js';

export type PackedTable = Buffer;

const FORMAT = 'govmail.table.v1';

interface Packed { format: typeof FORMAT; headers: string[]; headerRow: number; issues: Table['issues']; rows: [number, ...string[]][] }

export function packTable(table: Table): PackedTable {
  const packed: Packed = {
    format: FORMAT, headers: table.headers, headerRow: table.headerRow, issues: table.issues,
    rows: table.rows.map(({ row, values }) => [row, ...table.headers.map((h) => values[h] ?? '')]),
  };
  return zlib.deflateRawSync(JSON.stringify(packed));
}

/** Throws when the bytes are not a packed table (e.g. an upload stored by an older version as the raw file). */
export function unpackTable(bytes: Uint8Array): Table {
  const packed = JSON.parse(zlib.inflateRawSync(bytes).toString('utf8')) as Packed;
  if (packed.format !== FORMAT) throw new Error('not a packed table');
  return {
    headers: packed.headers, headerRow: packed.headerRow, issues: packed.issues,
    // Object.fromEntries defines own properties, so a header named "__proto__" stays a plain key.
    rows: packed.rows.map(([row, ...cells]) => ({ row, values: Object.fromEntries(packed.headers.map((h, i) => [h, cells[i]!])) })),
  };
}
