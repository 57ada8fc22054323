// The writing half of a roster import: applies a RosterPlan inside the caller's transaction, with
// multi-row INSERTs for the new staff and mailboxes (10,000 people must take seconds, not minutes).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { RosterAgency, RosterRow } from './roster-file.js';
import type { RosterPlan } from './roster-plan.js';
import { maildirFor } from './taken-addresses.js';
import { moveMailbox, TRANSFER_ALIAS_DAYS } from './transfer.js';
import { audit } from '../audit/index.js';
import {
  closeMailboxAccounts, createMailboxAccounts, moveMailboxAccount, reopenMailboxAccounts,
} from '../auth/index.js';

const INSERT_CHUNK = 500;
const DAY_MS = 86_400_000;

export interface WriteOptions {
  /** who runs the import, for the audit rows of the accounts it changes */
  actor: string;
  secrets: ReadonlyMap<string, { hash: string }>;
  now: Date;
  quotaMb: number;
  disableMissing: boolean;
  transferAliasDays?: number;
  onProgress: (done: number, total: number) => void;
}

export interface WriteResult {
  newMailboxes: { row: RosterRow; agency: RosterAgency; address: string }[];
  transferred: { employee_code: string; from: string; to: string }[];
  disabled: number;
  /** web accounts made for the new mailboxes (mailbox-accounts.ts) */
  accounts: number;
}

function staffValues(r: RosterRow, agencyId: number, now: Date) {
  return {
    employee_code: r.employeeCode, full_name: r.fullName, agency_id: agencyId, position: r.position,
    personal_email: r.personalEmail, status: r.status, left_at: r.status === 'left' ? now : null,
  };
}

async function inChunks<T>(items: T[], fn: (chunk: T[]) => Promise<unknown>, tick: (n: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    const chunk = items.slice(i, i + INSERT_CHUNK);
    await fn(chunk);
    tick(chunk.length);
  }
}

/** Login off, mail kept and still delivered (allow_login=0, active stays 1); their web accounts disabled. */
async function disableLogin(db: Db, staffIds: number[], now: Date): Promise<void> {
  if (staffIds.length === 0) return;
  await db.models.Staff.update({ status: 'left', left_at: now }, { where: { id: staffIds } });
  await db.models.Mailbox.update({ allow_login: false, disabled_at: now }, { where: { staff_id: staffIds } });
  const boxes = await db.models.Mailbox.findAll({ where: { staff_id: staffIds }, attributes: ['id'], raw: true });
  await closeMailboxAccounts(db, boxes.map((b) => b.id), { disable: true });
}

export async function applyRosterPlan(db: Db, plan: RosterPlan, o: WriteOptions): Promise<WriteResult> {
  const { Staff, Mailbox, MailDomain } = db.models;
  const total = plan.rows.filter((p) => p.action !== 'unchanged').length * 2 + plan.missing.length;
  let done = 0;
  const tick = (n: number): void => o.onProgress((done += n), total);

  const domains = new Map(plan.rows.filter((p) => p.newAddress).map((p) => [p.newAddress!.domain, p.agency.id]));
  for (const [domain, agencyId] of domains) {
    await MailDomain.findOrCreate({ where: { domain }, defaults: { domain, agency_id: agencyId, active: true } });
  }

  const creates = plan.rows.filter((p) => p.action === 'create');
  await inChunks(creates, (c) => Staff.bulkCreate(c.map((p) => staffValues(p.row, p.agency.id, o.now))), tick);
  const ids = new Map<string, number>();
  const codes = creates.map((p) => p.row.employeeCode);
  for (let i = 0; i < codes.length; i += INSERT_CHUNK) {
    const found = await Staff.findAll({ where: { employee_code: { [Op.in]: codes.slice(i, i + INSERT_CHUNK) } }, attributes: ['id', 'employee_code'], raw: true });
    for (const s of found) ids.set(s.employee_code, s.id);
  }

  const updates = plan.rows.filter((p) => p.action === 'update' || p.action === 'transfer');
  const transferred: WriteResult['transferred'] = [];
  const aliasExpiresAt = new Date(o.now.getTime() + (o.transferAliasDays ?? TRANSFER_ALIAS_DAYS) * DAY_MS);
  for (const p of updates) {
    const values = staffValues(p.row, p.agency.id, o.now);
    const staff = (await Staff.findByPk(p.staffId!))!;
    const fromAgencyId = staff.agency_id;
    await staff.update({ ...values, left_at: p.leaving ? o.now : p.rejoining ? null : staff.left_at });
    const box = p.mailboxId ? await Mailbox.findByPk(p.mailboxId) : null;
    const changesAgency = box !== null && box.agency_id !== p.agency.id;
    const fromAddress = box?.address ?? null;
    if (box && p.action === 'transfer') {
      const moved = await moveMailbox(db, box, { agencyId: p.agency.id, domain: p.newAddress!.domain, localPart: p.newAddress!.localPart }, { reason: 'transfer', aliasExpiresAt, now: o.now });
      transferred.push({ employee_code: p.row.employeeCode, ...moved });
    } else if (changesAgency) await box.update({ agency_id: p.agency.id });
    if (box && changesAgency) await moveMailboxAccount(db, box.id, p.agency.id, o.actor);
    if (fromAgencyId !== p.agency.id) await auditMove(db, o.actor, p, fromAgencyId, fromAddress, box?.address ?? null);
    if (box && p.leaving) {
      await box.update({ allow_login: false, disabled_at: o.now });
      await closeMailboxAccounts(db, [box.id], { disable: true });
    }
    // Coming back re-opens login unless HR suspended the mailbox on its own account.
    if (box && p.rejoining && box.suspended_at === null) {
      await box.update({ allow_login: true, disabled_at: null });
      await reopenMailboxAccounts(db, [box.id]);
    }
    tick(1);
  }

  const withBox = plan.rows.filter((p) => p.newAddress && p.action !== 'transfer');
  const newMailboxes = withBox.map((p) => ({ row: p.row, agency: p.agency, address: `${p.newAddress!.localPart}@${p.newAddress!.domain}`, p }));
  await inChunks(newMailboxes, (c) => Mailbox.bulkCreate(c.map(({ p, address }) => ({
    address, local_part: p.newAddress!.localPart, domain: p.newAddress!.domain, kind: 'staff' as const,
    staff_id: p.staffId ?? ids.get(p.row.employeeCode)!, agency_id: p.agency.id, display_name: p.row.fullName,
    password_hash: o.secrets.get(p.row.employeeCode)!.hash, maildir: maildirFor(p.newAddress!.domain, p.newAddress!.localPart, o.now),
    quota_mb: o.quotaMb, active: true, allow_login: true, must_change_password: true,
  }))), tick);

  const accounts = await createAccounts(db, newMailboxes.map(({ p, address }) => ({ address, p })), o);

  const disabledIds = o.disableMissing ? plan.missing.map((m) => m.staffId) : [];
  await disableLogin(db, disabledIds, o.now);
  tick(plan.missing.length);
  const leavers = plan.rows.filter((p) => p.leaving && p.mailboxId).length;
  return { newMailboxes: newMailboxes.map(({ row, agency, address }) => ({ row, agency, address })), transferred, disabled: disabledIds.length + leavers, accounts };
}

/** A person moved between agencies by a roster row: one audit row with who, from and to. */
async function auditMove(db: Db, actor: string, p: RosterPlan['rows'][number], fromAgencyId: number, fromAddress: string | null, toAddress: string | null): Promise<void> {
  const from = await db.models.Agency.findByPk(fromAgencyId, { attributes: ['code'], raw: true });
  await audit(db, { actor, action: 'roster.move', target: `staff:${p.row.employeeCode}`, details: {
    person: { employee_code: p.row.employeeCode, name: p.row.fullName, row: p.row.row },
    from: { agency: from?.code ?? null, address: fromAddress }, to: { agency: p.agency.code, address: toAddress },
  } });
}

/** Every new staff mailbox gets its person's web account, with the same initial hash (mailbox-accounts.ts). */
async function createAccounts(db: Db, made: { address: string; p: RosterPlan['rows'][number] }[], o: WriteOptions): Promise<number> {
  const ids = new Map<string, number>();
  for (let i = 0; i < made.length; i += INSERT_CHUNK) {
    const rows = await db.models.Mailbox.findAll({ where: { address: made.slice(i, i + INSERT_CHUNK).map((m) => m.address) }, attributes: ['id', 'address'], raw: true });
    for (const r of rows) ids.set(r.address, r.id);
  }
  return createMailboxAccounts(db, made.map(({ address, p }) => ({
    mailboxId: ids.get(address)!, address, displayName: p.row.fullName, agencyId: p.agency.id, passwordHash: o.secrets.get(p.row.employeeCode)!.hash,
  })));
}
