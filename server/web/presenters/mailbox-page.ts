// The mailbox list (filter by agency, search, pages) and one mailbox with its aliases, for /hr/mailboxes.
// The list comes from the provisioning service already limited to the officer's scope; search and paging
// happen here, tone-insensitively ("nguyen van an" finds "Nguyễn Văn An").
import type { Db } from '../../db/index.js';
import {
  findMailbox, listMailboxes, type MailboxListItem, type Scope, laterLogin, mailLogins,
} from '../../services/provisioning/index.js';
import { stripToneMarks } from '../../services/text/index.js';

export const MAILBOX_PAGE_SIZE = 50;

const fold = (s: string): string => stripToneMarks(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();

export function searchMailboxes(items: readonly MailboxListItem[], q: string): MailboxListItem[] {
  const needle = fold(q);
  if (!needle) return [...items];
  return items.filter((m) => [m.address, m.staff ?? '', m.employee_code ?? ''].some((h) => fold(h).includes(needle)));
}

export interface MailboxListPage {
  items: MailboxListItem[];
  total: number;
  page: number;
  pages: number;
  prev: number | null;
  next: number | null;
}

export async function mailboxListPage(db: Db, opts: { scope: Scope; agencyCode?: string; q: string; page: number }): Promise<MailboxListPage> {
  const all = searchMailboxes(await listMailboxes(db, { scope: opts.scope, agencyCode: opts.agencyCode }), opts.q);
  const pages = Math.max(1, Math.ceil(all.length / MAILBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page), pages);
  return {
    items: all.slice((page - 1) * MAILBOX_PAGE_SIZE, page * MAILBOX_PAGE_SIZE), total: all.length, page, pages,
    prev: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null,
  };
}

/** Agencies for the filter and the transfer target list: codes and names. */
export async function agencyOptions(db: Db, scope: Scope): Promise<{ code: string; name: string; id: number }[]> {
  const rows = await db.models.Agency.findAll({ attributes: ['id', 'code', 'name'], order: [['code', 'ASC']], raw: true });
  return scope.agencyId === null ? rows : rows.filter((a) => a.id === scope.agencyId);
}

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
