/**
 * Who may manage which web account, asked by every users-service function with the actor passed in (web, CLI,
 * jobs alike; the pure rules are auth/privilege.ts):
 * - accounts are admins' work;
 * - an agency admin sees and touches only accounts of their own agency: any other account (another agency's, a
 *   province-wide one) answers as absent (404), so no one probes usernames outside their scope;
 * - an account whose role outranks the actor is out of reach (403), and a role or scope is granted only when
 *   `mayGrant` says so (never above the actor's own);
 * - no one changes their own role or disables themselves (the last admin would lock the province out).
 */
import type { Db } from '../../db/index.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';
import { ROLES } from '../../db/models/foundation.js';
import type { Row } from '../../db/models/define.js';
import { type Actor, holdsAgency, mayGrant, reaches, normaliseUsername } from '../auth/index.js';
import { forbidden, invalid, notFound } from '../provisioning/index.js';
import { findAgencyByCode } from '../org/index.js';

export function assertAccountManager(actor: Actor): void {
  if (actor.role === 'admin') return;
  throw forbidden('user.not_admin', `role ${actor.role} may not manage accounts`, null);
}

export function parseRole(raw: string): Role {
  const role = raw.trim().toLowerCase();
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  throw invalid('user.role_invalid', `role "${raw}" is not one of ${ROLES.join(', ')}`, 'role', { value: raw, roles: ROLES.join(', ') });
}

/** The agency of a role: a code, or none (province-wide). */
export async function agencyByCode(db: Db, code: string | null | undefined): Promise<{ id: number; code: string } | null> {
  if (code === null || code === undefined || code.trim() === '') return null;
  const agency = await findAgencyByCode(db, code);
  if (!agency) throw notFound('agency', code, 'agency');
  return { id: agency.id, code: agency.code };
}

/** The roles the actor may grant in their own scope (what a create form offers). */
export const grantableRoles = (actor: Actor): Role[] => (actor.role === 'admin' ? ROLES.filter((r) => mayGrant(actor, r, actor.agencyId)) : []);

export function assertMayGrant(actor: Actor, role: Role, agency: { id: number; code: string } | null): void {
  assertAccountManager(actor);
  if (mayGrant(actor, role, agency?.id ?? null)) return;
  throw forbidden('user.grant_out_of_scope', `you may not grant ${role} ${agency ? `in ${agency.code}` : 'province-wide'}: above your own role or outside your scope`, agency ? 'agency' : 'role',
    { role, agency: agency?.code ?? '—' });
}

/** The account, if it lies in the actor's scope (else 404) and does not outrank them (else 403). */
export async function reachableAccount(db: Db, actor: Actor, usernameRaw: string): Promise<Row<UserAttrs>> {
  assertAccountManager(actor);
  const username = normaliseUsername(usernameRaw);
  const user = await db.models.User.findOne({ where: { username } });
  if (!user || !holdsAgency(actor, user.agency_id)) throw notFound('user', username, 'username');
  if (!reaches(actor, { role: user.role, agencyId: user.agency_id })) {
    throw forbidden('user.out_of_reach', `${username} holds a higher role than yours`, 'username', { username });
  }
  return user;
}

export function assertNotSelf(actor: Actor, user: Pick<UserAttrs, 'id' | 'username'>): void {
  if (actor.userId !== user.id) return;
  throw forbidden('user.self', 'you may not change your own role or disable your own account', 'username', { username: user.username });
}
