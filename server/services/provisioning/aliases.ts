/**
 * Extra addresses delivering to a mailbox (or, for a province-wide actor, to any address). An agency-scoped
 * actor works only in their agency's mail domains and only for mailboxes of their agency whose account they
 * reach (mailbox-guard.ts): an HR officer cannot claim an address in another agency's domain (its director's,
 * say), nor divert mail of a mailbox that outranks them. Each change writes one audit row naming the person.
 * Postfix's alias map wins over its mailbox map, and the target may then send as the alias, so an alias is
 * only ever a fresh address: never a mailbox (shared ones included), a hotline (citizen mail), a retired
 * address (mail still meant for whoever left or moved) or another mailbox's alias (issue 13 item 4).
 */
import { col, fn, Op, where } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { emailAddressProblem, domainOf } from '../org/index.js';
import { forbidden, invalid, notFound, ProvisioningError } from './errors.js';
import { findMailbox } from './mailbox-lifecycle.js';
import { assertMailboxManager, assertReachesMailbox, personOf } from './mailbox-guard.js';

/** The alias's domain must be one of ours, and one of the actor's agency when they have one. */
async function assertAliasDomain(db: Db, actor: Actor, address: string): Promise<void> {
  const domain = domainOf(address);
  const row = await db.models.MailDomain.findByPk(domain, { raw: true });
  if (!row) throw invalid('alias.domain_unknown', `${domain} is not a mail domain of this system`, 'address', { domain });
  if (actor.agencyId !== null && row.agency_id !== actor.agencyId) {
    throw forbidden('alias.domain_out_of_scope', `${domain} is not a mail domain of your agency`, 'alias', { domain });
  }
}

/** The target, when it is one of our mailboxes: in scope and reached. Another address only for province-wide actors. */
async function targetPerson(db: Db, actor: Actor, goto: string) {
  assertMailboxManager(actor);
  const box = await db.models.Mailbox.findOne({ where: { address: goto } });
  if (!box) {
    if (actor.agencyId !== null) throw notFound('mailbox', goto, 'goto');
    return null;
  }
  await findMailbox(db, goto, actor);
  await assertReachesMailbox(db, actor, box);
  return personOf(db, box);
}

/** Refuses an address that already belongs to someone: a mailbox, a hotline, a retired address, an alias. */
async function assertAddressFree(db: Db, address: string, goto: string): Promise<void> {
  const { Agency, HotlineInbox, Mailbox, MailAlias, RetiredAddress } = db.models;
  const taken = (id: string, message: string, params: Record<string, string> = {}) =>
    new ProvisioningError(id, `${address} ${message}`, 'address', 409, { address, ...params });
  const lower = (column: string) => where(fn('lower', col(column)), address);
  const box = await Mailbox.findOne({ where: { address }, attributes: ['kind'], raw: true });
  if (box?.kind === 'hotline') throw taken('alias.hotline', 'is a hotline address');
  if (box?.kind === 'shared') throw taken('alias.shared_mailbox', 'is a shared mailbox');
  if (box) throw taken('alias.is_mailbox', 'is a mailbox');
  if (await Agency.count({ where: lower('hotline_address') }) || await HotlineInbox.count({ where: { [Op.or]: [lower('address'), lower('imap_user')] } })) {
    throw taken('alias.hotline', 'is a hotline address');
  }
  const alias = await MailAlias.findOne({ where: { address }, attributes: ['goto'], order: [['id', 'ASC']], raw: true });
  if (alias?.goto === goto) throw taken('alias.exists', `already delivers to ${goto}`);
  if (alias) throw taken('alias.taken', `is already an alias of ${alias.goto}`, { goto: alias.goto });
  if (await RetiredAddress.count({ where: { address } })) throw taken('alias.retired', 'is a retired address');
}

export async function addAlias(
  db: Db, input: { address: string; goto: string; expiresAt?: Date | null; actor: Actor },
): Promise<void> {
  const address = input.address.trim().toLowerCase();
  const goto = input.goto.trim().toLowerCase();
  const p1 = emailAddressProblem(address);
  if (p1) throw invalid('alias.address_invalid', `address ${p1.message}`, 'address');
  const p2 = emailAddressProblem(goto);
  if (p2) throw invalid('alias.goto_invalid', `goto ${p2.message}`, 'goto');
  await inTransaction(db.sequelize, async () => {
    // The target first: another agency's mailbox must look absent (404), whatever the alias.
    const person = await targetPerson(db, input.actor, goto);
    await assertAliasDomain(db, input.actor, address);
    await assertAddressFree(db, address, goto);
    await db.models.MailAlias.create({ address, goto, domain: domainOf(address), active: true, reason: 'manual', expires_at: input.expiresAt ?? null });
    await audit(db, { actor: input.actor.username, action: 'alias.add', target: address,
      details: { goto, person, expires_at: input.expiresAt?.toISOString() ?? null } });
  });
}

/** Removes an alias (all its targets, or only `goto`); returns how many rows went. */
export async function removeAlias(db: Db, input: { address: string; goto?: string; actor: Actor }): Promise<number> {
  const address = input.address.trim().toLowerCase();
  return inTransaction(db.sequelize, async () => {
    const where = input.goto ? { address, goto: input.goto.trim().toLowerCase() } : { address };
    const rows = await db.models.MailAlias.findAll({ where });
    if (rows.length === 0) throw notFound('alias', address, 'address');
    const people = [];
    for (const r of rows) people.push({ goto: r.goto, person: await targetPerson(db, input.actor, r.goto) });
    await assertAliasDomain(db, input.actor, address);
    const n = await db.models.MailAlias.destroy({ where });
    await audit(db, { actor: input.actor.username, action: 'alias.remove', target: address, details: { removed: people } });
    return n;
  });
}
