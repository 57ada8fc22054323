// One mailbox as HR sees it on /hr/mailboxes/:address: its person, agency, state, quota, last login (web or
// mail, the later) and the aliases that deliver to it. Outside the officer's scope it is absent (findMailbox).
import type { Db } from '../../db/index.js';
import { findMailbox, type Scope } from './mailbox-lifecycle.js';
import { laterLogin, mailLogins } from './last-login.js';

export async function mailboxDetail(db: Db, address: string, scope: Scope) {
  const box = await findMailbox(db, address, scope);
  const [staff, agency, aliases, mail] = await Promise.all([
    box.staff_id ? db.models.Staff.findByPk(box.staff_id) : null,
    box.agency_id ? db.models.Agency.findByPk(box.agency_id) : null,
    db.models.MailAlias.findAll({ where: { goto: box.address }, order: [['address', 'ASC']] }),
    mailLogins(db, [box.address]),
  ]);
  return {
    address: box.address, domain: box.domain, name: staff?.full_name ?? box.display_name, employeeCode: staff?.employee_code ?? null,
    position: staff?.position ?? null, agency: agency ? { id: agency.id, code: agency.code, name: agency.name } : null,
    active: box.active && box.allow_login, suspended: box.suspended_at !== null, left: staff?.status === 'left',
    mustChange: box.must_change_password, quotaMb: box.quota_mb, lastLoginAt: laterLogin(box.last_login_at, mail.get(box.address) ?? null), isStaff: box.staff_id !== null,
    /** a shared mailbox: govmail keeps its password for the hotline, so HR does not reset it here */
    shared: box.kind === 'shared',
    aliases: aliases.map((a) => ({ address: a.address, reason: a.reason, expiresAt: a.expires_at })),
  };
}

export type MailboxDetail = Awaited<ReturnType<typeof mailboxDetail>>;
