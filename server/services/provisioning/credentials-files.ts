// Writes a batch's credential sheet (PDF) and list (XLSX) into a directory, readable by the owner only.
import fs from 'node:fs';
import path from 'node:path';
import type { Credential } from './credentials-store.js';
import { credentialsPdf, type SheetOptions } from './credentials-pdf.js';
import { credentialsXlsx } from './credentials-xlsx.js';

export async function writeCredentialFiles(dir: string, batchId: number, items: readonly Credential[], opts: SheetOptions = {}): Promise<{ pdf: string; xlsx: string }> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pdf = path.resolve(dir, `credentials-${batchId}.pdf`);
  const xlsx = path.resolve(dir, `credentials-${batchId}.xlsx`);
  fs.writeFileSync(pdf, await credentialsPdf(items, opts), { mode: 0o600 });
  fs.writeFileSync(xlsx, await credentialsXlsx(items), { mode: 0o600 });
  return { pdf, xlsx };
}
