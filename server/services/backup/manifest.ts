// manifest.json, written beside the dump: what the dump is (dialect, file, size, sha256), what it holds (rows per
// table, the last migration, the audit chain's head) and who made it when. A restore trusts nothing of the dump
// before its sha256 matches, and checks the restored rows against these counts.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BackupError } from './backup-error.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'govmail-backup';
export const MANIFEST_VERSION = 1;

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  format_version: z.literal(MANIFEST_VERSION),
  created_at: z.string(),
  govmail_version: z.string(),
  dialect: z.enum(['sqlite', 'mysql']),
  migration_head: z.string().nullable(),
  /** The chain in the dump passes through this row (rows appended while a MariaDB dump ran may follow it). */
  audit_head: z.object({ seq: z.number().int().min(0), id: z.number().int().min(0), hash: z.string() }),
  dump: z.object({ file: z.string().regex(/^[\w.-]+$/), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** MariaDB/MySQL with a binary log: the dump's place in it, where point-in-time recovery starts replaying */
  binlog: z.object({ file: z.string(), position: z.number().int().min(0) }).nullable(),
  tables: z.record(z.number().int().min(0)),
});

export type Manifest = z.infer<typeof manifestSchema>;

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new BackupError('backup.no_manifest', `${file} is missing: DIR must be a folder written by \`govmail backup --out DIR\``);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError('backup.bad_manifest', `${file} is not JSON (the manifest is damaged)`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const version = (parsed as { format_version?: unknown })?.format_version;
    if (typeof version === 'number' && version !== MANIFEST_VERSION) {
      throw new BackupError('backup.manifest_version', `${file} is format version ${version}; this govmail reads version ${MANIFEST_VERSION}`);
    }
    const issue = result.error.issues[0];
    throw new BackupError('backup.bad_manifest', `${file} is not a govmail backup manifest (${issue.path.join('.') || 'document'}: ${issue.message})`);
  }
  return result.data;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** package.json's version: found by walking up from this module, which runs from server/ (tsx) or dist/server/. */
export function govmailVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'govmail' && pkg.version) return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}
