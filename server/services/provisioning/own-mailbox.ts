/**
 * "Hộp thư của tôi": what a person sees of their own official mailbox, through the link of their web account
 * (users.mailbox_id). Read-only: the password change is the account's own page (/account/password), which also
 * changes the mailbox password Dovecot reads (auth/mailbox-link.ts).
 */
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { UserAttrs } from '../../db/models/foundation.js';
import { mailLogins } from './last-login.js';
import { quotaUse, type QuotaUse } from './quota-use.js';

export interface OwnMailbox {
  address: string;
  name: string | null;
  agency: { code: string; name: string } | null;
  /** addresses that deliver here now (expired ones are gone from Postfix's view too) */
  aliases: { address: string; expiresAt: Date | null }[];
  quotaMb: number;
  /** null until Dovecot has reported the mailbox's use (quota-use.ts) */
  use: QuotaUse | null;
  /** share of the quota in use, 0–100; null when unlimited or not reported */
  usePercent: number | null;
  /** the last IMAP/POP3 login, as Dovecot recorded it */
  lastMailLoginAt: Date | null;
  lastWebLoginAt: Date | null;
  canLogIn: boolean;
  mustChange: boolean;
}

export async function ownMailbox(db: Db, user: Pick<UserAttrs, 'mailbox_id'>, now = new Date()): Promise<OwnMailbox | null> {
  if (user.mailbox_id === null) return null;
  const box = await db.models.Mailbox.findByPk(user.mailbox_id, { raw: true });
  if (!box) return null;
  const [agency, aliases, mail, use] = await Promise.all([
    box.agency_id ? db.models.Agency.findByPk(box.agency_id, { raw: true }) : null,
    db.models.MailAlias.findAll({
      where: { goto: box.address, active: true, [Op.or]: [{ expires_at: null }, { expires_at: { [Op.gt]: now } }] },
      order: [['address', 'ASC']], raw: true,
    }),
    mailLogins(db, [box.address]),
    quotaUse(db, box.address),
  ]);
  const quotaBytes = box.quota_mb * 1024 * 1024;
  return {
    address: box.address, name: box.display_name, agency: agency ? { code: agency.code, name: agency.name } : null,
    aliases: aliases.map((a) => ({ address: a.address, expiresAt: a.expires_at })),
    quotaMb: box.quota_mb, use, usePercent: use && quotaBytes > 0 ? Math.min(100, Math.round((use.bytes / quotaBytes) * 1000) / 10) : null,
    lastMailLoginAt: mail.get(box.address) ?? null, lastWebLoginAt: box.last_login_at ? new Date(box.last_login_at) : null,
    canLogIn: !!box.active && !!box.allow_login, mustChange: !!box.must_change_password,
  };
}
