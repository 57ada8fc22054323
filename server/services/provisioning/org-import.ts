/**
 * Agencies from an HR org file (services/org/org-file.ts validates it): upsert by code, parents linked in a
 * second pass (a child may come before its parent), one mail_domains row per agency domain. All or nothing:
 * with any row error nothing is written. Agencies absent from the file are left alone (valid_to is an
 * admin decision, not an import side effect). A province-wide admin's work only (it rewrites any agency and adds
 * domains Postfix treats as local); the audit row lists each agency created or changed, field by field.
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { type Table, readTable } from '../import/index.js';
import { parseOrgTable, type OrgFileError, type AgencySeed } from '../org/index.js';
import type { AgencyAttrs } from '../../db/models/foundation.js';
import type { Actor } from '../auth/index.js';
import { assertProvinceAdmin } from './mailbox-guard.js';

export interface OrgImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: OrgFileError[];
  written: boolean;
}

/** What the file changes in one agency: field → [from, to]. */
function changesOf(cur: AgencyAttrs, a: AgencySeed, parentCode: string | null, curParent: string | null): Record<string, [unknown, unknown]> {
  const pairs: [string, unknown, unknown][] = [
    ['name', cur.name, a.name], ['kind', cur.kind, a.kind], ['mail_domain', cur.mail_domain, a.mailDomain],
    ['hotline_address', cur.hotline_address, a.hotlineAddress], ['parent', curParent, parentCode],
  ];
  return Object.fromEntries(pairs.filter(([, from, to]) => from !== to).map(([k, from, to]) => [k, [from, to]]));
}

export async function importOrg(db: Db, table: Table, opts: { actor: Actor; dryRun?: boolean; now?: Date; fileName?: string }): Promise<OrgImportResult> {
  assertProvinceAdmin(opts.actor, 'the org import');
  const { Agency, MailDomain } = db.models;
  const now = opts.now ?? new Date();
  const existing = await Agency.findAll();
  const { agencies, errors } = parseOrgTable(table, existing.map((a) => a.code));
  if (errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors, written: false };
  const byCode = new Map(existing.map((a) => [a.code, a]));
  const codeOf = new Map(existing.map((a) => [a.id, a.code]));
  let created = 0, updated = 0, unchanged = 0;
  const changes: Record<string, Record<string, unknown>> = {};
  for (const a of agencies) {
    const cur = byCode.get(a.code);
    if (!cur) {
      created++;
      changes[a.code] = { created: { name: a.name, kind: a.kind, mail_domain: a.mailDomain, hotline_address: a.hotlineAddress, parent: a.parentCode } };
      continue;
    }
    const diff = changesOf(cur, a, a.parentCode, cur.parent_id === null ? null : codeOf.get(cur.parent_id) ?? null);
    if (Object.keys(diff).length === 0) unchanged++;
    else {
      updated++;
      changes[a.code] = diff;
    }
  }
  if (opts.dryRun) return { created, updated, unchanged, errors, written: false };

  await inTransaction(db.sequelize, async () => {
    for (const a of agencies) {
      const values = { name: a.name, kind: a.kind, mail_domain: a.mailDomain, hotline_address: a.hotlineAddress };
      const cur = byCode.get(a.code);
      if (cur) await cur.update(values);
      else byCode.set(a.code, await Agency.create({ code: a.code, ...values, parent_id: null, valid_from: now, valid_to: null }));
    }
    for (const a of agencies) {
      const row = byCode.get(a.code)!;
      const parentId = a.parentCode ? byCode.get(a.parentCode)!.id : null;
      if (row.parent_id !== parentId) await row.update({ parent_id: parentId });
      await MailDomain.findOrCreate({ where: { domain: a.mailDomain }, defaults: { domain: a.mailDomain, agency_id: row.id, active: true } });
    }
    await audit(db, { actor: opts.actor.username, action: 'org.import', target: opts.fileName ?? null, details: { created, updated, unchanged, changes } });
  });
  return { created, updated, unchanged, errors, written: true };
}

export async function importOrgFile(db: Db, path: string, opts: { actor: Actor; dryRun?: boolean }): Promise<OrgImportResult> {
  return importOrg(db, await readTable(path), { ...opts, fileName: path.split('/').pop() });
}
