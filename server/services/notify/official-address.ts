/**
 * Where a notification to a person goes: their official mailbox. Issue 11: reminders and escalations needed a
 * username that was an e-mail address, so on a realistic setup 703 reminders and 136 escalations reached nobody.
 * A user's address is the linked mailbox's current address (users.mailbox_id, which follows transfers and domain
 * migrations), while that mailbox still takes mail (a left mailbox reaches nobody); an account with no linked
 * mailbox falls back to a username that is an e-mail address; else none.
 */
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';

export interface Recipient {
  userId: number;
  name: string;
  address: string;
}

type UserFields = Pick<UserAttrs, 'id' | 'username' | 'display_name' | 'mailbox_id'>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The official addresses of these users, in their order; users without one are left out. */
export async function officialRecipients(db: Db, users: readonly UserFields[]): Promise<Recipient[]> {
  const boxIds = users.map((u) => u.mailbox_id).filter((id): id is number => id !== null);
  const boxes = boxIds.length
    ? new Map((await db.models.Mailbox.findAll({ where: { id: { [Op.in]: boxIds }, active: true }, attributes: ['id', 'address'] })).map((b) => [b.id, b.address]))
    : new Map<number, string>();
  const out: Recipient[] = [];
  for (const u of users) {
    // A linked account is its mailbox's: its username may be an address the person no longer has.
    const address = u.mailbox_id !== null ? boxes.get(u.mailbox_id) : EMAIL.test(u.username) ? u.username : undefined;
    if (address) out.push({ userId: u.id, name: u.display_name, address });
  }
  return out;
}

/** Active users of a role in an agency (null: province-wide ones), with an official address, by id. */
export async function recipientsWithRole(db: Db, role: Role, agencyIds: readonly (number | null)[]): Promise<Recipient[]> {
  const users = await db.models.User.findAll({
    where: { role, active: true, [Op.or]: agencyIds.map((a) => ({ agency_id: a })) },
    attributes: ['id', 'username', 'display_name', 'mailbox_id'], order: [['id', 'ASC']],
  });
  return officialRecipients(db, users);
}

/** Who hears about something that went wrong: the admins of the agency and the province-wide admins. */
export async function adminRecipients(db: Db, agencyId: number | null = null): Promise<Recipient[]> {
  return recipientsWithRole(db, 'admin', agencyId === null ? [null] : [null, agencyId]);
}
