/**
 * Agencies from an HR org file (services/org/org-file.ts validates it): upsert by code, parents linked in a
 * second pass (a child may come before its parent), one mail_domains row per agency domain. All or nothing:
 * with any row error nothing is written. Agencies absent from the file are left alone (valid_to is an
 * admin decision, not an import side effect).
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/audit-log.js';
import { type Table, readTable } from '../import/table-reader.js';
import { parseOrgTable, type OrgFileError } from '../org/org-file.js';

export interface OrgImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: OrgFileError[];
  written: boolean;
}

export async function importOrg(db: Db, table: Table, opts: { actor: string; dryRun?: boolean; now?: Date; fileName?: string }): Promise<OrgImportResult> {
  const { Agency, MailDomain } = db.models;
  const now = opts.now ?? new Date();
  const existing = await Agency.findAll();
  const { agencies, errors } = parseOrgTable(table, existing.map((a) => a.code));
  if (errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors, written: false };
  const byCode = new Map(existing.map((a) => [a.code, a]));
  let created = 0, updated = 0, unchanged = 0;
  for (const a of agencies) {
    const cur = byCode.get(a.code);
    if (!cur) created++;
    else if (cur.name === a.name && cur.kind === a.kind && cur.mail_domain === a.mailDomain && cur.hotline_address === a.hotlineAddress &&
      (a.parentCode === null ? cur.parent_id === null : byCode.get(a.parentCode)?.id === cur.parent_id)) unchanged++;
    else updated++;
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
    await audit(db, { actor: opts.actor, action: 'org.import', target: opts.fileName ?? null, details: { created, updated, unchanged } });
  });
  return { created, updated, unchanged, errors, written: true };
}

export async function importOrgFile(db: Db, path: string, opts: { actor: string; dryRun?: boolean }): Promise<OrgImportResult> {
  return importOrg(db, await readTable(path), { ...opts, fileName: path.split('/').pop() });
}
