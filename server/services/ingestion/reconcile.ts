// Reconciliation: per inbox, the UIDs on the server against the UIDs ingested (tickets, articles, auto,
// bounces, duplicates) or quarantined. A gap is a UID at or below the cursor with no row: mail we skipped.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { withImapMailbox } from '../../mail/imap.js';
import { inboxImapConfig } from './inbox-store.js';
import { findAgencyByCode } from '../org/index.js';

export interface ReconcileReport {
  agency: string; inbox: string; uid_validity: string | null; last_uid: number;
  on_server: number; ingested: number; quarantined: number; pending: number; gaps: number[]; error?: string;
}

export async function reconcileInboxes(db: Db, secretKey: string, agencyCode?: string): Promise<ReconcileReport[]> {
  const agencies = agencyCode ? [await findAgencyByCode(db, agencyCode)].filter((a) => a !== null) : await db.models.Agency.findAll({ raw: true });
  const byId = new Map(agencies.map((a) => [a.id, a.code]));
  const inboxes = await db.models.HotlineInbox.findAll({ where: { agency_id: { [Op.in]: [...byId.keys()] } } });
  const reports: ReconcileReport[] = [];
  for (const row of inboxes) {
    const inbox = row.get({ plain: true }) as HotlineInboxAttrs;
    const report: ReconcileReport = { agency: byId.get(inbox.agency_id)!, inbox: inbox.imap_user, uid_validity: inbox.uid_validity,
      last_uid: Number(inbox.last_uid), on_server: 0, ingested: 0, quarantined: 0, pending: 0, gaps: [] };
    try {
      const serverUids = await withImapMailbox(await inboxImapConfig(db, inbox, secretKey), async (m) =>
        m.uidValidity === inbox.uid_validity ? m.uidsAfter(0) : null);
      if (serverUids === null) throw new Error('UIDVALIDITY changed since the last poll; the next poll re-seeds');
      const rows = await db.models.Message.findAll({ where: { inbox_id: inbox.id, uid_validity: inbox.uid_validity }, attributes: ['uid', 'classification'] });
      const seen = new Set(rows.map((r) => Number(r.uid)));
      report.on_server = serverUids.length;
      report.ingested = rows.filter((r) => r.classification !== 'quarantined').length;
      report.quarantined = rows.length - report.ingested;
      report.pending = serverUids.filter((u) => u > report.last_uid).length;
      report.gaps = serverUids.filter((u) => u <= report.last_uid && !seen.has(u));
    } catch (e) {
      report.error = e instanceof Error ? e.message : String(e);
    }
    reports.push(report);
  }
  return reports;
}
