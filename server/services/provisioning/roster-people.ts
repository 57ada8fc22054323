// Who the people of a roster are now, for the privilege check (roster-privilege.ts): their agency, whether they
// left, and the role and scope of their linked web account. Read in chunks, so a 10,000-row file costs a few
// queries, not one per row.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import type { KnownPerson } from './roster-privilege.js';

const CHUNK = 500;

async function inChunks<T, R>(items: readonly T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

/** Linked accounts by staff id: the principal of each person's account, where they have one. */
export async function accountsOfStaff(db: Db, staffIds: readonly number[]): Promise<Map<number, Principal>> {
  const boxes = await inChunks(staffIds, (ids) => db.models.Mailbox.findAll({ where: { staff_id: { [Op.in]: ids } }, attributes: ['id', 'staff_id'], raw: true }));
  const staffOfBox = new Map(boxes.map((b) => [b.id, b.staff_id!]));
  const users = await inChunks([...staffOfBox.keys()], (ids) => db.models.User.findAll({ where: { mailbox_id: { [Op.in]: ids } }, attributes: ['mailbox_id', 'role', 'agency_id'], raw: true }));
  return new Map(users.map((u) => [staffOfBox.get(u.mailbox_id!)!, { role: u.role, agencyId: u.agency_id }]));
}

/** The people of these employee codes who exist already, by code. */
export async function knownPeople(db: Db, codes: readonly string[]): Promise<Map<string, KnownPerson>> {
  const staff = await inChunks(codes, (c) => db.models.Staff.findAll({ where: { employee_code: { [Op.in]: c } }, attributes: ['id', 'employee_code', 'agency_id', 'status'], raw: true }));
  const accounts = await accountsOfStaff(db, staff.map((s) => s.id));
  return new Map(staff.map((s) => [s.employee_code, { agencyId: s.agency_id, left: s.status === 'left', account: accounts.get(s.id) ?? null }]));
}
