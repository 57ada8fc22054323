// Shared set-up for the provisioning suites: the 2016 Hòa Bình org chart, and rosters written to temp files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../server/db/index.js';
import { importOrgFile } from '../../server/services/provisioning/org-import.js';
import { importRosterFile, type RosterImportOptions, type RosterImportResult } from '../../server/services/provisioning/roster-import.js';
import { takeCredentials, type Credential } from '../../server/services/provisioning/credentials-store.js';
import { rosterCsv, type GeneratedRow } from './roster-factory.js';
import { systemActor } from '../../server/services/auth/actor.js';
import { ProvisioningError } from '../../server/services/provisioning/errors.js';

export const TEST_SECRET = 'test-secret-key-0123456789abcdef0123456789';
/** The services' actor in tests: a province-wide admin named 'test' (as the CLI operator is). */
export const TEST_ACTOR = systemActor('test');
export const HOABINH_ORG_FILE = path.resolve(import.meta.dirname, '../fixtures/org/hoabinh-2016-agencies.csv');

export async function seedHoabinh(db: Db): Promise<void> {
  const r = await importOrgFile(db, HOABINH_ORG_FILE, { actor: TEST_ACTOR });
  if (r.errors.length) throw new Error(`org fixture: ${JSON.stringify(r.errors)}`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-roster-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

export function writeRoster(rows: readonly Partial<GeneratedRow & { status: string }>[], columns?: string[]): string {
  const file = path.join(dir, `roster-${++n}.csv`);
  fs.writeFileSync(file, rosterCsv(rows, columns));
  return file;
}

export async function importRows(db: Db, rows: readonly Partial<GeneratedRow & { status: string }>[], opts: Partial<RosterImportOptions> = {}): Promise<RosterImportResult> {
  return importRosterFile(db, writeRoster(rows), { actor: TEST_ACTOR, secretKey: TEST_SECRET, ...opts });
}

export async function credentialsOf(db: Db, r: RosterImportResult): Promise<Credential[]> {
  if (!r.batchId) return [];
  return takeCredentials(db, r.batchId, { secretKey: TEST_SECRET, actor: 'test' });
}

/** The error a service call is refused with (fails the test when it is not refused, or throws something else). */
export async function refusal(p: Promise<unknown>): Promise<ProvisioningError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProvisioningError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}
