/**
 * How much a mailbox holds, as Dovecot last reported it: the quota plugin counts, quota_clone copies the use
 * into mail_quota through dict-sql (server/services/mailserver/quota-conf.ts). Absent until the mailbox
 * first changes (a delivery, an APPEND, an expunge): then the page says "not reported yet", never 0.
 */
import type { Db } from '../../db/index.js';

export interface QuotaUse {
  bytes: number;
  messages: number;
}

/** BIGINT may come back as a string from MariaDB. */
const count = (v: number | string | null): number => (v === null ? 0 : Number(v));

export async function quotaUse(db: Db, address: string): Promise<QuotaUse | null> {
  const row = await db.models.MailQuota.findByPk(address, { raw: true });
  return row ? { bytes: count(row.bytes), messages: count(row.messages) } : null;
}

/** A renamed mailbox (transfer, domain migration) keeps its reported use until Dovecot reports it anew. */
export async function carryQuotaUse(db: Db, from: string, to: string): Promise<void> {
  const { MailQuota } = db.models;
  const old = await MailQuota.findByPk(from, { raw: true });
  if (!old) return;
  await MailQuota.destroy({ where: { address: to } });
  await MailQuota.create({ address: to, bytes: old.bytes, messages: old.messages });
  await MailQuota.destroy({ where: { address: from } });
}
