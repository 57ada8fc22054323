/**
 * Shared and role mailboxes (the hotline duongdaynong@, văn thư, a unit's mailbox): a `mailboxes` row of kind
 * 'shared', no person behind it, that Dovecot accepts like any other (same tables, same passdb query). govmail
 * generates its password, stores the Dovecot hash in `mailboxes` and the password itself sealed with SECRET_KEY in
 * `mailbox_secrets` (a table the mail server's account cannot read), and hands it to no one: the hotline worker
 * opens it to log in (storedMailboxLogin), so nobody types it and no log or audit row ever holds it.
 * Owners are the users who may use the mailbox. HR and admins create them and change owners, within their agency.
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import type { UserAttrs } from '../../db/models/foundation.js';
import { audit } from '../audit/index.js';
import { type Actor, holdsAgency } from '../auth/index.js';
import { generateInitialPassword, hashPassword, USER_CHOSEN_SCHEME, openSecret, sealSecret } from '../crypto/index.js';
import { domainOf, emailAddressProblem, findAgencyByCode } from '../org/index.js';
import { forbidden, invalid, notFound, ProvisioningError } from './errors.js';
import { assertMailboxManager } from './mailbox-guard.js';
import { findMailbox } from './mailbox-lifecycle.js';
import { maildirFor, takenLocalParts } from './taken-addresses.js';
import { assertAgencyOpen } from './agency-open.js';

export const SHARED_QUOTA_MB = 2048;

export interface SharedMailboxOwner { username: string; name: string }
export interface SharedMailboxView {
  address: string;
  name: string | null;
  agency: { code: string; name: string };
  owners: SharedMailboxOwner[];
  active: boolean;
  /** a hotline inbox reads this mailbox */
  hotline: boolean;
}

export interface CreateSharedInput {
  address: string;
  agencyCode: string;
  /** usernames, or the address of the owner's linked mailbox */
  owners?: readonly string[];
  name?: string | null;
  actor: Actor;
  secretKey: string;
  now?: Date;
}

async function agencyByCode(db: Db, code: string) {
  const agency = await findAgencyByCode(db, code);
  if (!agency) throw notFound('agency', code, 'agency');
  return agency;
}

/** The owner named by username or by the address of their linked mailbox: active, and working in the
 *  mailbox's agency or province-wide (a shared mailbox of one agency is not handed to another's staff). */
async function resolveOwner(db: Db, who: string, agencyId: number): Promise<UserAttrs> {
  const key = who.trim();
  const { User, Mailbox } = db.models;
  let user = await User.findOne({ where: { username: key }, raw: true });
  if (!user && key.includes('@')) {
    const box = await Mailbox.findOne({ where: { address: key.toLowerCase() }, attributes: ['id'], raw: true });
    user = box ? await User.findOne({ where: { mailbox_id: box.id }, raw: true }) : null;
  }
  if (!user || !user.active) throw invalid('shared.owner_unknown', `no active user "${key}"`, 'owner', { owner: key });
  if (user.agency_id !== null && user.agency_id !== agencyId) {
    throw invalid('shared.owner_other_agency', `${user.username} works in another agency`, 'owner', { owner: user.username });
  }
  return user;
}

function checkAddress(raw: string): string {
  const address = raw.trim().toLowerCase();
  const problem = emailAddressProblem(address);
  if (problem) throw invalid('shared.address_invalid', `address ${problem.message}`, 'address', { address });
  return address;
}

export async function createSharedMailbox(db: Db, input: CreateSharedInput): Promise<SharedMailboxView> {
  assertMailboxManager(input.actor);
  const address = checkAddress(input.address);
  const localPart = address.slice(0, address.lastIndexOf('@'));
  const domain = domainOf(address);
  const now = input.now ?? new Date();
  const password = generateInitialPassword();
  const hash = await hashPassword(password, USER_CHOSEN_SCHEME);
  const view = await inTransaction(db.sequelize, async () => {
    const agency = await agencyByCode(db, input.agencyCode);
    if (!holdsAgency(input.actor, agency.id)) {
      throw forbidden('shared.agency_out_of_scope', `${agency.code} is not in your scope`, 'agency', { agency: agency.code });
    }
    assertAgencyOpen(agency, now);
    const domainRow = await db.models.MailDomain.findByPk(domain, { raw: true });
    if (!domainRow || domainRow.agency_id !== agency.id) {
      throw invalid('shared.domain_not_agency', `${domain} is not a mail domain of ${agency.code}`, 'address', { domain, agency: agency.code });
    }
    if ((await takenLocalParts(db, [domain], { now })).get(domain)!.has(localPart)) {
      throw new ProvisioningError('shared.address_taken', `${address} is taken (a mailbox, an alias or a recently retired address)`, 'address', 409, { address });
    }
    const owners: UserAttrs[] = [];
    for (const who of new Set(input.owners ?? [])) owners.push(await resolveOwner(db, who, agency.id));
    const name = input.name?.trim() || null;
    const box = await db.models.Mailbox.create({
      address, local_part: localPart, domain, kind: 'shared', staff_id: null, agency_id: agency.id, display_name: name,
      password_hash: hash, maildir: maildirFor(domain, localPart, now), quota_mb: SHARED_QUOTA_MB, active: true,
      allow_login: true, must_change_password: false, password_changed_at: now,
    });
    await db.models.MailboxSecret.create({ mailbox_id: box.id, secret_enc: sealSecret(password, input.secretKey) });
    const unique = [...new Map(owners.map((o) => [o.id, o])).values()];
    for (const o of unique) await db.models.MailboxOwner.create({ mailbox_id: box.id, user_id: o.id, created_at: now });
    await audit(db, { actor: input.actor.username, action: 'mailbox.create_shared', target: address,
      details: { agency: agency.code, name, owners: unique.map((o) => o.username) } });
    return { address, name, agency: { code: agency.code, name: agency.name }, active: true, hotline: false,
      owners: unique.map((o) => ({ username: o.username, name: o.display_name })) };
  });
  return view;
}

/** The shared mailbox in the actor's scope (another agency's looks absent), for HR and admins. */
async function sharedInScope(db: Db, address: string, actor: Actor) {
  assertMailboxManager(actor);
  const box = await findMailbox(db, address, actor);
  if (box.kind !== 'shared') throw notFound('shared', address, 'address');
  return box;
}

async function views(db: Db, boxes: MailboxAttrs[]): Promise<SharedMailboxView[]> {
  const ids = boxes.map((b) => b.id);
  const { Agency, MailboxOwner, User, HotlineInbox } = db.models;
  const agencies = new Map((await Agency.findAll({ attributes: ['id', 'code', 'name'], raw: true })).map((a) => [a.id, a]));
  const links = ids.length ? await MailboxOwner.findAll({ where: { mailbox_id: ids }, raw: true }) : [];
  const users = new Map((links.length ? await User.findAll({ where: { id: links.map((l) => l.user_id) }, attributes: ['id', 'username', 'display_name'], raw: true }) : [])
    .map((u) => [u.id, u]));
  const read = new Set(ids.length ? (await HotlineInbox.findAll({ where: { mailbox_id: ids }, attributes: ['mailbox_id'], raw: true })).map((h) => h.mailbox_id) : []);
  return boxes.map((b) => {
    const a = agencies.get(b.agency_id!)!;
    const owners = links.filter((l) => l.mailbox_id === b.id).map((l) => users.get(l.user_id)!).filter(Boolean)
      .map((u) => ({ username: u.username, name: u.display_name })).sort((x, y) => x.username.localeCompare(y.username));
    return { address: b.address, name: b.display_name, agency: { code: a.code, name: a.name }, owners,
      active: !!b.active && !!b.allow_login, hotline: read.has(b.id) };
  });
}

export async function listSharedMailboxes(db: Db, actor: Actor): Promise<SharedMailboxView[]> {
  assertMailboxManager(actor);
  const where: Record<string, unknown> = { kind: 'shared' };
  if (actor.agencyId !== null) where.agency_id = actor.agencyId;
  return views(db, await db.models.Mailbox.findAll({ where, order: [['address', 'ASC']], raw: true }));
}

export async function getSharedMailbox(db: Db, address: string, actor: Actor): Promise<SharedMailboxView> {
  const box = await sharedInScope(db, address, actor);
  return (await views(db, [box.get({ plain: true }) as MailboxAttrs]))[0]!;
}

export async function addMailboxOwner(db: Db, address: string, owner: string, actor: Actor): Promise<void> {
  await inTransaction(db.sequelize, async () => {
    const box = await sharedInScope(db, address, actor);
    const user = await resolveOwner(db, owner, box.agency_id!);
    if (await db.models.MailboxOwner.count({ where: { mailbox_id: box.id, user_id: user.id } })) {
      throw new ProvisioningError('shared.owner_exists', `${user.username} already owns ${box.address}`, 'owner', 409, { owner: user.username });
    }
    await db.models.MailboxOwner.create({ mailbox_id: box.id, user_id: user.id, created_at: new Date() });
    await audit(db, { actor: actor.username, action: 'mailbox.owner_add', target: box.address, details: { owner: user.username, name: user.display_name } });
  });
}

/** The checks of an owner's removal, without acting (a confirmation offers only what will pass); the mailbox. */
export async function assertMayRemoveOwner(db: Db, address: string, owner: string, actor: Actor): Promise<SharedMailboxView> {
  const view = await getSharedMailbox(db, address, actor);
  if (!view.owners.some((o) => o.username === owner.trim())) throw invalid('shared.owner_not_owner', `${owner} does not own ${view.address}`, 'owner', { owner });
  return view;
}

export async function removeMailboxOwner(db: Db, address: string, owner: string, actor: Actor): Promise<void> {
  await inTransaction(db.sequelize, async () => {
    const box = await sharedInScope(db, address, actor);
    const user = await db.models.User.findOne({ where: { username: owner.trim() }, raw: true });
    const n = user ? await db.models.MailboxOwner.destroy({ where: { mailbox_id: box.id, user_id: user.id } }) : 0;
    if (!n) throw invalid('shared.owner_not_owner', `${owner} does not own ${box.address}`, 'owner', { owner });
    await audit(db, { actor: actor.username, action: 'mailbox.owner_remove', target: box.address, details: { owner: user!.username, name: user!.display_name } });
  });
}

/** The mailboxes of an agency whose password govmail keeps: what a hotline can be pointed at without typing one. */
export async function storedLoginMailboxes(db: Db, agencyId: number): Promise<{ id: number; address: string }[]> {
  const boxes = await db.models.Mailbox.findAll({ where: { agency_id: agencyId, active: true }, attributes: ['id', 'address'], order: [['address', 'ASC']], raw: true });
  if (!boxes.length) return [];
  const kept = new Set((await db.models.MailboxSecret.findAll({ where: { mailbox_id: boxes.map((b) => b.id) }, attributes: ['mailbox_id'], raw: true })).map((s) => s.mailbox_id));
  return boxes.filter((b) => kept.has(b.id));
}

/** The IMAP login of a mailbox whose password govmail keeps: its current address (a domain move carries it) and the
 *  opened password. Only the hotline worker's connection calls this; the result goes straight to the IMAP client. */
export async function storedMailboxLogin(db: Db, mailboxId: number, secretKey: string): Promise<{ user: string; pass: string }> {
  const [box, secret] = await Promise.all([
    db.models.Mailbox.findByPk(mailboxId, { attributes: ['address'], raw: true }),
    db.models.MailboxSecret.findByPk(mailboxId, { raw: true }),
  ]);
  if (!box || !secret) throw new Error(`mailbox ${mailboxId} has no password kept by govmail`);
  return { user: box.address, pass: openSecret(secret.secret_enc, secretKey) };
}
