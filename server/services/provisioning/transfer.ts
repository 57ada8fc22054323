/**
 * Transfer of a person to another agency: a new address in the new agency's domain, the same maildir (mail
 * moves with the person), and the old address kept as an alias to the new one for TRANSFER_ALIAS_DAYS, after
 * which Postfix stops resolving it (the alias query checks expires_at). The old address is also recorded in
 * retired_addresses, so it is not handed to a newcomer during the quarantine either.
 */
import { assertAgencyOpen } from './agency-open.js';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import type { Row } from '../../db/models/define.js';
import { audit } from '../audit/index.js';
import { allocateLocalParts } from './address-allocator.js';
import { DEFAULT_ADDRESS_PATTERN } from './address-pattern.js';
import { invalid, notFound, ProvisioningError } from './errors.js';
import { holdsAgency, moveMailboxAccount, type Actor } from '../auth/index.js';
import { takenLocalParts } from './taken-addresses.js';
import { carryMailLogin } from './last-login.js';
import { carryQuotaUse } from './quota-use.js';
import { assertMovesBetween, assertReachesMailbox, personOf } from './mailbox-guard.js';
import { findAgencyByCode } from '../org/index.js';

export const TRANSFER_ALIAS_DAYS = 180;
const DAY_MS = 86_400_000;

export interface MoveTarget {
  agencyId: number;
  domain: string;
  localPart: string;
}

/**
 * Moves one mailbox row to a new address (no allocation, no audit: callers do both). Runs in the caller's
 * transaction. Aliases pointing at the old address follow it; the old address becomes an alias.
 */
export async function moveMailbox(
  db: Db,
  mailbox: Row<MailboxAttrs>,
  to: MoveTarget,
  opts: { reason: 'transfer' | 'domain-migration'; aliasExpiresAt: Date | null; now: Date },
): Promise<{ from: string; to: string }> {
  const { MailAlias, MailDomain, RetiredAddress } = db.models;
  const from = mailbox.address;
  const fromDomain = mailbox.domain;
  const fromLocal = mailbox.local_part;
  const address = `${to.localPart}@${to.domain}`;
  if (address === from) {
    await mailbox.update({ agency_id: to.agencyId });
    return { from, to: address };
  }
  await MailDomain.findOrCreate({ where: { domain: to.domain }, defaults: { domain: to.domain, agency_id: to.agencyId, active: true } });
  await mailbox.update({ address, local_part: to.localPart, domain: to.domain, agency_id: to.agencyId });
  await MailAlias.update({ goto: address }, { where: { goto: from } });
  await MailAlias.create({ address: from, goto: address, domain: fromDomain, active: true, reason: opts.reason, expires_at: opts.aliasExpiresAt });
  await RetiredAddress.create({ address: from, local_part: fromLocal, domain: fromDomain, reason: opts.reason, retired_at: opts.now });
  await carryMailLogin(db, from, address);
  await carryQuotaUse(db, from, address);
  return { from, to: address };
}

export interface TransferInput {
  /** employee code of the person, or the address of their mailbox */
  who: string;
  toAgencyCode: string;
  aliasDays?: number;
  pattern?: string;
  actor: Actor;
  now?: Date;
}

/**
 * Transfers a person and their mailbox; returns the old and new addresses. The actor must hold both agencies
 * (or be province-wide) and reach the person's account; a person outside the actor's agency looks absent.
 */
export async function transferStaff(db: Db, input: TransferInput): Promise<{ from: string; to: string; aliasExpiresAt: Date }> {
  const { Agency, Mailbox, Staff } = db.models;
  const now = input.now ?? new Date();
  const agency = await findAgencyByCode(db, input.toAgencyCode);
  if (!agency) throw notFound('agency', input.toAgencyCode, 'agency');
  if (!agency.mail_domain) throw invalid('agency.no_domain', `agency ${agency.code} has no mail domain`, 'agency');
  assertAgencyOpen(agency, now);
  const domain = agency.mail_domain;
  const aliasExpiresAt = new Date(now.getTime() + (input.aliasDays ?? TRANSFER_ALIAS_DAYS) * DAY_MS);
  return inTransaction(db.sequelize, async () => {
    const who = input.who.includes('@')
      ? await Mailbox.findOne({ where: { address: input.who.toLowerCase() } })
      : await Staff.findOne({ where: { employee_code: input.who.toUpperCase() } }).then((s) => (s ? Mailbox.findOne({ where: { staff_id: s.id } }) : null));
    if (!who || who.staff_id === null || !holdsAgency(input.actor, who.agency_id)) throw notFound('staff mailbox', input.who, 'who');
    const staff = (await Staff.findByPk(who.staff_id))!;
    if (staff.agency_id === agency.id) throw new ProvisioningError('transfer.same_agency', `${staff.full_name} already belongs to ${agency.code}`, 'agency', 400, { agency: agency.code });
    assertMovesBetween(input.actor, staff.agency_id, agency.id);
    await assertReachesMailbox(db, input.actor, who);
    const fromAgency = await Agency.findByPk(staff.agency_id, { attributes: ['code'], raw: true });
    let localPart = who.local_part;
    if (domain !== who.domain) {
      const taken = (await takenLocalParts(db, [domain], { now })).get(domain)!;
      const [alloc] = allocateLocalParts([staff.full_name], taken, input.pattern ?? DEFAULT_ADDRESS_PATTERN);
      if (!alloc || 'error' in alloc) throw invalid('transfer.no_address', `cannot derive an address for ${staff.full_name}`, 'who');
      localPart = alloc.localPart;
    }
    const moved = await moveMailbox(db, who, { agencyId: agency.id, domain, localPart }, { reason: 'transfer', aliasExpiresAt, now });
    await staff.update({ agency_id: agency.id });
    const account = await moveMailboxAccount(db, who.id, agency.id, input.actor.username);
    await audit(db, { actor: input.actor.username, action: 'mailbox.transfer', target: moved.from, details: {
      person: await personOf(db, who), from: { address: moved.from, agency: fromAgency?.code ?? null }, to: { address: moved.to, agency: agency.code },
      alias_until: aliasExpiresAt.toISOString(), account: account?.username ?? null, role_dropped: account?.droppedRole ?? null,
    } });
    return { ...moved, aliasExpiresAt };
  });
}
