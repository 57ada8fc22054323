// Who may act on whom: pure rules over (role, scope) pairs. Every service that changes an account or a mailbox
// asks these, so the web, the CLI and jobs obey the same rules; routes only pre-filter what they show.
import type { Role } from '../../db/models/foundation.js';

/** A role held in a scope: `agencyId` null means the whole province. */
export interface Principal {
  role: Role;
  agencyId: number | null;
}

/** How much a role may do. supervisor, leader and hr are different jobs of equal weight: none outranks another. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { staff: 0, agent: 1, supervisor: 2, leader: 2, hr: 2, admin: 3 };

/** The actor's scope contains the agency. Only a province-wide actor holds the province itself (agency null). */
export const holdsAgency = (actor: Principal, agencyId: number | null): boolean =>
  actor.agencyId === null || (agencyId !== null && actor.agencyId === agencyId);

/**
 * The actor may act on the target (reset, suspend, alias, transfer their mailbox; edit their account): the
 * target's role does not outrank the actor's and the target's scope lies inside the actor's. So an agency's HR
 * officer cannot reset the mailbox of a province-wide leader, nor of an admin of their own agency.
 */
export const reaches = (actor: Principal, target: Principal): boolean =>
  ROLE_RANK[target.role] <= ROLE_RANK[actor.role] && holdsAgency(actor, target.agencyId);

/** An admin grants a role in a scope: never a role above their own, never a scope outside their own. */
export const mayGrant = (actor: Principal, role: Role, agencyId: number | null): boolean =>
  actor.role === 'admin' && ROLE_RANK[role] <= ROLE_RANK[actor.role] && holdsAgency(actor, agencyId);
