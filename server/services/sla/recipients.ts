// Who a reminder or an escalation goes to. Web users log in with their mailbox address, so a username with
// an @ is the address; users without one are skipped (and counted), never guessed.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { Role } from '../../db/models/foundation.js';

export interface Recipient {
  userId: number;
  name: string;
  address: string;
}

async function usersWithRole(db: Db, agencyId: number, role: Role): Promise<Recipient[]> {
  const rows = await db.models.User.findAll({ where: { agency_id: agencyId, role, active: true, username: { [Op.like]: '%@%' } }, order: [['id', 'ASC']] });
  return rows.map((u) => ({ userId: u.id, name: u.display_name, address: u.username }));
}

/** Supervisors of the agency, or its leaders when it has no supervisor. */
export async function escalationRecipients(db: Db, agencyId: number): Promise<Recipient[]> {
  const supervisors = await usersWithRole(db, agencyId, 'supervisor');
  return supervisors.length ? supervisors : usersWithRole(db, agencyId, 'leader');
}

/** The assignee; without one (or without an address), the people an escalation would reach. */
export async function reminderRecipients(db: Db, agencyId: number, assigneeId: number | null): Promise<Recipient[]> {
  if (assigneeId) {
    const u = await db.models.User.findByPk(assigneeId);
    if (u && u.active && u.username.includes('@')) return [{ userId: u.id, name: u.display_name, address: u.username }];
  }
  return escalationRecipients(db, agencyId);
}
