// Writes agencies (and their mail domains) to the database. Used by the demo seed and `govmail org:import`.
// Parents are resolved by code, so a file may list a child before its parent.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import type { AgencySeed } from './agency.js';

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

export async function upsertAgencies(db: Db, seeds: AgencySeed[], actor: string): Promise<UpsertResult> {
  const { Agency, MailDomain } = db.models;
  return inTransaction(db.sequelize, async () => {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    const byCode = new Map((await Agency.findAll()).map((a) => [a.code, a]));
    // First pass: rows without parents; second pass: parent ids, once every code exists.
    for (const s of seeds) {
      const fields = { name: s.name, kind: s.kind, mail_domain: s.mailDomain, hotline_address: s.hotlineAddress };
      const existing = byCode.get(s.code);
      if (!existing) {
        byCode.set(s.code, await Agency.create({ code: s.code, ...fields, parent_id: null }));
        result.created++;
      } else if (Object.entries(fields).some(([k, v]) => existing.get(k) !== v)) {
        await existing.update(fields);
        result.updated++;
      } else {
        result.unchanged++;
      }
      if (s.mailDomain && !(await MailDomain.findByPk(s.mailDomain))) {
        await MailDomain.create({ domain: s.mailDomain, agency_id: byCode.get(s.code)!.id, active: true });
      }
    }
    for (const s of seeds) {
      const parentId = s.parentCode ? byCode.get(s.parentCode)?.id ?? null : null;
      const agency = byCode.get(s.code)!;
      if (agency.parent_id !== parentId) {
        await agency.update({ parent_id: parentId });
        if (result.created === 0) result.updated++;
      }
    }
    if (result.created || result.updated) await audit(db, { actor, action: 'org.import', details: { ...result } });
    return result;
  });
}
