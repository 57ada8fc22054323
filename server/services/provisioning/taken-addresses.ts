// What the allocator must treat as taken in a domain: every mailbox (leavers' rows are kept, so their
// addresses stay taken), every alias address (expired ones too, until the row is removed), and addresses
// retired by a transfer, domain move or deletion less than the quarantine period ago.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { LEAVER_QUARANTINE_DAYS } from './address-allocator.js';

const DAY_MS = 86_400_000;

const localOf = (address: string): string => address.slice(0, address.lastIndexOf('@')).toLowerCase();

/** Lower-case local parts taken in each domain, for the given domains. */
export async function takenLocalParts(
  db: Db,
  domains: Iterable<string>,
  opts: { now?: Date; quarantineDays?: number } = {},
): Promise<Map<string, Set<string>>> {
  const list = [...new Set(domains)];
  const out = new Map<string, Set<string>>(list.map((d) => [d, new Set<string>()]));
  if (list.length === 0) return out;
  const { Mailbox, MailAlias, RetiredAddress } = db.models;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.quarantineDays ?? LEAVER_QUARANTINE_DAYS) * DAY_MS);
  const [boxes, aliases, retired] = await Promise.all([
    Mailbox.findAll({ where: { domain: list }, attributes: ['domain', 'local_part'], raw: true }),
    MailAlias.findAll({ where: { domain: list }, attributes: ['domain', 'address'], raw: true }),
    RetiredAddress.findAll({ where: { domain: list, retired_at: { [Op.gt]: cutoff } }, attributes: ['domain', 'local_part'], raw: true }),
  ]);
  for (const b of boxes) out.get(b.domain)?.add(b.local_part.toLowerCase());
  for (const a of aliases) out.get(a.domain)?.add(localOf(a.address));
  for (const r of retired) out.get(r.domain)?.add(r.local_part.toLowerCase());
  return out;
}

/** True when the address is a mailbox or an alias address (any state). */
export async function addressInUse(db: Db, address: string): Promise<boolean> {
  const [box, alias] = await Promise.all([
    db.models.Mailbox.count({ where: { address } }),
    db.models.MailAlias.count({ where: { address } }),
  ]);
  return box + alias > 0;
}

/** Timestamped maildir relative to the mail root, so a re-used address never inherits old mail (pitfall 6). */
export function maildirFor(domain: string, localPart: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${domain}/${localPart}-${stamp}/`;
}
