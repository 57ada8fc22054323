// Mailing the reports: for each finished period (the last month, quarter and half-year) and each scope (an
// agency's leaders get their agency's report, the province-wide leaders the province's), ONE outbox row per
// (period, scope, recipient) under the key report:<period>:<scope>:u<user>. A rerun, or two schedulers at once,
// finds the keys and adds nothing; a report is only built while some recipient of it still lacks one.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { t } from '../../i18n/index.js';
import { recipientsWithRole, type Recipient } from '../notify/index.js';
import { enqueueMail } from '../outbox/index.js';
import { buildPeriodReport } from './content.js';
import { renderReport } from './files.js';
import { lastFinishedPeriods, type ReportPeriod } from './period.js';
import { periodLabel, scopeLabel } from './tables.js';

export interface ReportMailResult { enqueued: number; reports: number }

export const reportMailKey = (period: ReportPeriod, agencyId: number | null, userId: number) =>
  `report:${period.key}:${agencyId === null ? 'province' : `a${agencyId}`}:u${userId}`;

/** The scopes that have a leader: agency ids, and null for the province-wide leaders. */
async function leaderScopes(db: Db): Promise<(number | null)[]> {
  const rows = await db.models.User.findAll({ where: { role: 'leader', active: true }, attributes: ['agency_id'], group: ['agency_id'], raw: true });
  return rows.map((r) => r.agency_id).sort((a, b) => (a ?? 0) - (b ?? 0));
}

async function missingRecipients(db: Db, period: ReportPeriod, agencyId: number | null, recipients: Recipient[]): Promise<Recipient[]> {
  if (!recipients.length) return [];
  const keys = recipients.map((r) => reportMailKey(period, agencyId, r.userId));
  const sent = new Set((await db.models.Outbox.findAll({ where: { idempotency_key: { [Op.in]: keys } }, attributes: ['idempotency_key'], raw: true })).map((r) => r.idempotency_key));
  return recipients.filter((r) => !sent.has(reportMailKey(period, agencyId, r.userId)));
}

/** Queues the reports of the periods finished at `now` for every leader who has not had them. */
export async function enqueuePeriodReports(db: Db, opts: { now?: Date; from: string; periods?: ReportPeriod[] }): Promise<ReportMailResult> {
  const periods = opts.periods ?? lastFinishedPeriods(opts.now ?? new Date());
  const result: ReportMailResult = { enqueued: 0, reports: 0 };
  for (const agencyId of await leaderScopes(db)) {
    const recipients = await recipientsWithRole(db, 'leader', [agencyId]);
    for (const period of periods) {
      const missing = await missingRecipients(db, period, agencyId, recipients);
      if (!missing.length) continue;
      // the scope's own leader role is the actor, so the figures are exactly what they read on /metrics
      const report = await buildPeriodReport(db, { role: 'leader', agencyId }, period);
      const attachments = [await renderReport(report, 'pdf'), await renderReport(report, 'xlsx')];
      result.reports += 1;
      const vars = (locale: 'vi' | 'en') => ({ period: periodLabel(period, locale), scope: scopeLabel(report, locale) });
      for (const r of missing) {
        const created = await enqueueMail(db, {
          idempotencyKey: reportMailKey(period, agencyId, r.userId), kind: 'report', to: r.address, from: opts.from,
          subject: t('vi', 'reports.mail.subject', vars('vi')),
          text: `${t('vi', 'reports.mail.body', { ...vars('vi'), name: r.name })}\n\n---\n\n${t('en', 'reports.mail.body', { ...vars('en'), name: r.name })}\n`,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          attachments,
        });
        if (created) result.enqueued += 1;
      }
    }
  }
  return result;
}
