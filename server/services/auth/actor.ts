// Who is acting on an account. Every users-service function takes the actor as a parameter, so the web, the CLI
// and jobs obey the same privilege rules (privilege.ts); the audit log records `username`.
import type { UserAttrs } from '../../db/models/foundation.js';
import type { Principal } from './privilege.js';

export interface Actor extends Principal {
  /** written to the audit log as the actor */
  username: string;
  /** the acting web user; null for the CLI operator, the demo seed, jobs */
  userId: number | null;
}

/** A process acting as a province-wide admin: the CLI operator ('cli'), the demo seed ('seed'), tests. */
export const systemActor = (name: string): Actor => ({ username: name, userId: null, role: 'admin', agencyId: null });

/** The signed-in web user as an actor. */
export const actorOf = (user: Pick<UserAttrs, 'id' | 'username' | 'role' | 'agency_id'>): Actor =>
  ({ username: user.username, userId: user.id, role: user.role, agencyId: user.agency_id });
