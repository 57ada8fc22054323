/**
 * The privilege rules of the mailbox services, asked with the actor passed in (web, CLI and jobs alike; see
 * auth/privilege.ts for the pure rules):
 * - a mailbox stands for its person's account: no one resets, suspends, aliases or transfers a mailbox linked
 *   to an account whose role or scope exceeds their own (`reaches`); an unlinked mailbox stands for a staff
 *   member of its agency;
 * - a person moves between agencies only by an actor who holds both, or is province-wide;
 * - agencies, domains and org imports are province-wide admin work.
 * Out of scope looks like absent (404) where the caller could otherwise probe another agency's addresses.
 */
import type { Db } from '../../db/index.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import { type Actor, holdsAgency, reaches, type Principal } from '../auth/index.js';
import { forbidden } from './errors.js';

/** Mailboxes and rosters are HR's and admins' work (then limited by scope and reach). */
export function assertMailboxManager(actor: Actor): void {
  if (actor.role === 'hr' || actor.role === 'admin') return;
  throw forbidden('mailbox.not_manager', `role ${actor.role} may not manage mailboxes`, null);
}

/** The account a mailbox stands for: its linked user's role and scope, or a staff member of its agency. */
export async function mailboxPrincipal(db: Db, box: Pick<MailboxAttrs, 'id' | 'agency_id'>): Promise<Principal> {
  const user = await db.models.User.findOne({ where: { mailbox_id: box.id }, attributes: ['role', 'agency_id'], raw: true });
  return user ? { role: user.role, agencyId: user.agency_id } : { role: 'staff', agencyId: box.agency_id };
}

export async function assertReachesMailbox(db: Db, actor: Actor, box: Pick<MailboxAttrs, 'id' | 'agency_id' | 'address'>): Promise<void> {
  assertMailboxManager(actor);
  if (reaches(actor, await mailboxPrincipal(db, box))) return;
  throw forbidden('mailbox.out_of_reach', `${box.address} belongs to an account with a higher role or a wider scope than yours`, 'address', { address: box.address });
}

export const movesBetween = (actor: Actor, fromAgencyId: number | null, toAgencyId: number | null): boolean =>
  holdsAgency(actor, fromAgencyId) && holdsAgency(actor, toAgencyId);

export function assertMovesBetween(actor: Actor, fromAgencyId: number | null, toAgencyId: number | null): void {
  if (movesBetween(actor, fromAgencyId, toAgencyId)) return;
  throw forbidden('transfer.out_of_scope', 'moving a person between agencies needs both agencies in your scope, or a province-wide role', 'agency');
}

/** Agencies, mail domains, org imports, domain migrations: a province-wide admin's work only. */
export function assertProvinceAdmin(actor: Actor, what: string): void {
  if (actor.role === 'admin' && actor.agencyId === null) return;
  throw forbidden('org.province_only', `${what} is reserved to province-wide admins`, null);
}

/** Who a mailbox belongs to, for audit details: the person's code and name, or the mailbox's own name. */
export async function personOf(db: Db, box: Pick<MailboxAttrs, 'staff_id' | 'display_name'>): Promise<{ employee_code: string | null; name: string | null }> {
  const staff = box.staff_id ? await db.models.Staff.findByPk(box.staff_id, { attributes: ['employee_code', 'full_name'], raw: true }) : null;
  return { employee_code: staff?.employee_code ?? null, name: staff?.full_name ?? box.display_name };
}
