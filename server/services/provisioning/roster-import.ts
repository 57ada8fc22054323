/**
 * Roster import: file → validate every row → plan (roster-plan.ts) → hash initial passwords → one
 * transaction. With any row error nothing is written, unless skipInvalid. Re-importing the same file changes
 * nothing. People missing from the file are reported, and disabled (login off, mail kept) only with
 * disableMissing. Initial passwords leave only as a sealed blob on the import batch (credentials-store.ts).
 * The web calls importRoster(db, table, opts) with the table parsed at the upload (uploads/roster-upload.ts),
 * with dryRun for the preview.
 */
import { UniqueConstraintError } from 'sequelize';
import type { Db } from '../../db/index.js';
import { agencyOpenAt, endedOn } from './agency-open.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { type Table, readTable } from '../import/index.js';
import { DEFAULT_ADDRESS_PATTERN } from './address-pattern.js';
import { CREDENTIALS_TTL_MS, sealCredentials, type Credential } from './credentials-store.js';
import { hashInitialPasswords } from './initial-hashes.js';
import { generateInitialPassword } from '../crypto/index.js';
import { type RosterAgency, type RosterError, parseRosterTable } from './roster-file.js';
import { type PlannedRow, type RosterPlan, planRoster } from './roster-plan.js';
import { applyRosterPlan } from './roster-write.js';
import { rosterPrivilegeErrors } from './roster-privilege.js';
import { accountsOfStaff, knownPeople } from './roster-people.js';
import { type Actor, reaches } from '../auth/index.js';
import { assertMailboxManager } from './mailbox-guard.js';

export const DEFAULT_QUOTA_MB = 2048;
const MAX_ATTEMPTS = 3;

export type ImportPhase = 'validate' | 'plan' | 'hash' | 'write' | 'done';
export type ImportProgress = (p: { phase: ImportPhase; done: number; total: number }) => void;

export interface RosterImportOptions {
  /** who imports: rows outside their scope, or moving people they may not move, are errors (roster-privilege.ts) */
  actor: Actor;
  /** Seals the initial passwords; pass env().SECRET_KEY. */
  secretKey: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  disableMissing?: boolean;
  /** Agencies whose staff can be "missing"; default: the actor's agency, or for a province-wide actor the
   *  agencies named in the file. */
  scopeAgencyIds?: number[];
  pattern?: string;
  quotaMb?: number;
  transferAliasDays?: number;
  fileName?: string;
  now?: Date;
  onProgress?: ImportProgress;
}

export interface PreviewRow {
  row: number;
  employee_code: string;
  full_name: string;
  agency: string;
  action: PlannedRow['action'];
  address: string | null;
  previous_address: string | null;
}

export interface RosterImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: RosterError[];
  /** employee codes of people not in the file (in scope); disabled only with disableMissing */
  missing: string[];
  disabled: number;
  transferred: { employee_code: string; from: string; to: string }[];
  dryRun: boolean;
  written: boolean;
  /** import batch holding the sealed initial passwords; null when nothing was created or written */
  batchId: number | null;
  credentials: number;
  preview: PreviewRow[];
}

export async function loadRosterAgencies(db: Db, now = new Date()): Promise<Map<string, RosterAgency>> {
  const rows = await db.models.Agency.findAll({ attributes: ['id', 'code', 'name', 'mail_domain', 'valid_to'], raw: true });
  return new Map(rows.map((a) => [a.code, { id: a.id, code: a.code, name: a.name, mailDomain: a.mail_domain,
    endedOn: agencyOpenAt(a, now) ? null : endedOn(a) }]));
}

function preview(plan: RosterPlan): PreviewRow[] {
  return plan.rows.map((p) => ({
    row: p.row.row, employee_code: p.row.employeeCode, full_name: p.row.fullName, agency: p.agency.code, action: p.action,
    address: p.newAddress ? `${p.newAddress.localPart}@${p.newAddress.domain}` : p.currentAddress,
    previous_address: p.action === 'transfer' ? p.currentAddress : null,
  }));
}

function summary(plan: RosterPlan, errors: RosterError[], extra: Partial<RosterImportResult>): RosterImportResult {
  const count = (a: PlannedRow['action']): number => plan.rows.filter((p) => p.action === a).length;
  return {
    created: count('create'), updated: count('update') + count('transfer'), unchanged: count('unchanged'), errors,
    missing: [...plan.missing, ...(plan.outranking ?? [])].map((m) => m.employeeCode), disabled: 0, transferred: [], dryRun: false, written: false,
    batchId: null, credentials: 0, preview: preview(plan), ...extra,
  };
}

export async function importRoster(db: Db, table: Table, opts: RosterImportOptions): Promise<RosterImportResult> {
  const now = opts.now ?? new Date();
  const pattern = opts.pattern ?? DEFAULT_ADDRESS_PATTERN;
  const progress = opts.onProgress ?? (() => undefined);
  assertMailboxManager(opts.actor);
  progress({ phase: 'validate', done: 0, total: table.rows.length });
  const agencies = await loadRosterAgencies(db, now);
  const parsed = parseRosterTable(table, agencies, pattern);
  const refused = rosterPrivilegeErrors(parsed.rows, agencies, await knownPeople(db, parsed.rows.map((r) => r.employeeCode)), opts.actor);
  const refusedRows = new Set(refused.map((e) => e.row));
  const rows = parsed.rows.filter((r) => !refusedRows.has(r.row));
  const errors = [...parsed.errors, ...refused].sort((a, b) => a.row - b.row);
  const scopeAgencyIds = opts.scopeAgencyIds ?? (opts.actor.agencyId === null ? undefined : [opts.actor.agencyId]);
  progress({ phase: 'validate', done: table.rows.length, total: table.rows.length });
  const blocked = errors.length > 0 && !opts.skipInvalid;
  if (blocked && !opts.dryRun) return summary({ rows: [], missing: [] }, errors, { created: 0 });

  // Hashes are made once and reused if a concurrent import forces a re-plan (unique key race).
  const secrets = new Map<string, { password: string; hash: string }>();
  for (let attempt = 1; ; attempt++) {
    progress({ phase: 'plan', done: 0, total: rows.length });
    const plan = await keepReachable(db, await planRoster(db, rows, agencies, { pattern, scopeAgencyIds, now }), opts.actor);
    if (opts.dryRun || blocked) return summary(plan, errors, { dryRun: true });
    // Nothing to change: no transaction, no batch row, no audit entry (a re-import is a true no-op).
    const idle = plan.rows.every((p) => p.action === 'unchanged') && (!opts.disableMissing || plan.missing.length === 0);
    if (idle) return summary(plan, errors, {});

    const needing = plan.rows.filter((p) => p.newAddress && p.action !== 'transfer' && !secrets.has(p.row.employeeCode));
    const passwords = needing.map(() => generateInitialPassword());
    const hashes = await hashInitialPasswords(passwords, { onProgress: (done, total) => progress({ phase: 'hash', done, total }) });
    needing.forEach((p, i) => secrets.set(p.row.employeeCode, { password: passwords[i]!, hash: hashes[i]! }));

    try {
      return await inTransaction(db.sequelize, async () => {
        const written = await applyRosterPlan(db, plan, {
          actor: opts.actor.username, secrets, now, quotaMb: opts.quotaMb ?? DEFAULT_QUOTA_MB, disableMissing: !!opts.disableMissing,
          transferAliasDays: opts.transferAliasDays, onProgress: (done, total) => progress({ phase: 'write', done, total }),
        });
        const credentials: Credential[] = written.newMailboxes.map((m) => ({
          employeeCode: m.row.employeeCode, fullName: m.row.fullName, agencyName: m.agency.name, address: m.address,
          password: secrets.get(m.row.employeeCode)!.password,
        }));
        const result = summary(plan, errors, { written: true, disabled: written.disabled, transferred: written.transferred, credentials: credentials.length });
        const batch = await db.models.ImportBatch.create({
          kind: 'roster', actor: opts.actor.username, file_name: opts.fileName ?? null,
          created_count: result.created, updated_count: result.updated, unchanged_count: result.unchanged, disabled_count: written.disabled,
          credentials_blob: credentials.length ? sealCredentials(credentials, opts.secretKey) : null,
          credentials_count: credentials.length,
          credentials_expires_at: credentials.length ? new Date(now.getTime() + CREDENTIALS_TTL_MS) : null,
        });
        await audit(db, {
          actor: opts.actor.username, action: 'roster.import', target: `import:${batch.id}`,
          details: { file: opts.fileName ?? null, created: result.created, updated: result.updated, unchanged: result.unchanged,
            disabled: written.disabled, transferred: written.transferred.length, mailboxes: credentials.length, accounts: written.accounts, skipped_rows: errors.length,
            left: plan.rows.filter((p) => p.leaving).map((p) => p.row.employeeCode),
            disabled_missing: opts.disableMissing ? plan.missing.map((m) => m.employeeCode) : [] },
        });
        progress({ phase: 'done', done: rows.length, total: rows.length });
        return { ...result, batchId: batch.id };
      });
    } catch (e) {
      if (!(e instanceof UniqueConstraintError) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/**
 * People missing from the file are disabled only when the actor reaches their account: a missing row is no
 * licence to lock out someone who outranks the importer. They stay listed as missing.
 */
async function keepReachable(db: Db, plan: RosterPlan, actor: Actor): Promise<RosterPlan> {
  if (plan.missing.length === 0) return plan;
  const accounts = await accountsOfStaff(db, plan.missing.map((m) => m.staffId));
  const reachable = plan.missing.filter((m) => { const a = accounts.get(m.staffId); return !a || reaches(actor, a); });
  return { ...plan, missing: reachable, outranking: plan.missing.filter((m) => !reachable.includes(m)) };
}

export async function importRosterFile(db: Db, path: string, opts: RosterImportOptions): Promise<RosterImportResult> {
  return importRoster(db, await readTable(path), { fileName: path.split('/').pop(), ...opts });
}
