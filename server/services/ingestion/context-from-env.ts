// Builds the ingestion context from the validated config and the database (own addresses, admin recipients).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { DEFAULT_RECEIPTS_PER_HOUR } from '../outbox/index.js';
import type { Env } from '../../config/env.js';
import { alertAddresses } from '../notify/index.js';
import { DEFAULT_ACK_LIMIT_PER_DAY, DEFAULT_ACK_LIMIT_PER_HOUR, type IngestContext } from './ingest-context.js';

export async function ingestContextFor(
  db: Db, env: Pick<Env, 'SECRET_KEY' | 'MAIL_FROM' | 'BASE_URL' | 'PROVINCE_NAME'> & Partial<Pick<Env, 'RECEIPTS_PER_HOUR' | 'REOPEN_WINDOW_DAYS' | 'ALERT_ADDRESS'>>,
): Promise<IngestContext> {
  const agencies = await db.models.Agency.findAll({ where: { hotline_address: { [Op.ne]: null } }, attributes: ['hotline_address'] });
  const inboxes = await db.models.HotlineInbox.findAll({ attributes: ['address', 'imap_user'] });
  const own = [env.MAIL_FROM, ...agencies.map((a) => a.hotline_address!), ...inboxes.flatMap((i) => [i.address ?? '', i.imap_user])]
    .filter((a) => a.includes('@')).map((a) => a.toLowerCase());
  // Inbox, outbox and acknowledgement alerts: ALERT_ADDRESS, else the province-wide admins (services/notify).
  const alertTo = await alertAddresses(db, { alertAddress: env.ALERT_ADDRESS ?? [], mailFrom: env.MAIL_FROM });
  return {
    secret: env.SECRET_KEY,
    // Our ids live under a subdomain nobody's mail client uses, so own_message_id never flags staff mail.
    ownDomain: `mid.${new URL(env.BASE_URL).hostname}`.toLowerCase(),
    ownAddresses: [...new Set(own)], mailFrom: env.MAIL_FROM, alertTo,
    ackLimitPerHour: DEFAULT_ACK_LIMIT_PER_HOUR, ackLimitPerDay: DEFAULT_ACK_LIMIT_PER_DAY,
    receiptsPerHour: env.RECEIPTS_PER_HOUR ?? DEFAULT_RECEIPTS_PER_HOUR,
    publicUrl: env.BASE_URL, provinceName: env.PROVINCE_NAME,
    reopenWindowDays: env.REOPEN_WINDOW_DAYS,
  };
}
