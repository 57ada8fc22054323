// Who a reminder or an escalation goes to: people's official mailboxes (services/notify). A person without one
// is skipped, never guessed; when nobody is left, tick.ts alerts the admins instead of pretending.
import type { Db } from '../../db/index.js';
import { officialRecipients, recipientsWithRole, type Recipient } from '../notify/index.js';

export type { Recipient };

/** Supervisors of the agency, or its leaders when no supervisor can be reached. */
export async function escalationRecipients(db: Db, agencyId: number): Promise<Recipient[]> {
  const supervisors = await recipientsWithRole(db, 'supervisor', [agencyId]);
  return supervisors.length ? supervisors : recipientsWithRole(db, 'leader', [agencyId]);
}

/** The assignee; without one (or one who cannot be reached), the people an escalation would reach. */
export async function reminderRecipients(db: Db, agencyId: number, assigneeId: number | null): Promise<Recipient[]> {
  if (assigneeId) {
    const u = await db.models.User.findByPk(assigneeId, { attributes: ['id', 'username', 'display_name', 'mailbox_id', 'active'] });
    const reached = u?.active ? await officialRecipients(db, [u]) : [];
    if (reached.length) return reached;
  }
  return escalationRecipients(db, agencyId);
}
