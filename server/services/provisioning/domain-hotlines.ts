/**
 * The hotline inboxes of a domain migration's agencies follow their mailboxes to the new domain. A mailbox keeps
 * its row, maildir and kept password when it moves, so the inbox's IMAP login only needs its new address:
 * - an inbox reading a govmail mailbox (`mailbox_id`) takes the mailbox's current address;
 * - an inbox with a typed login whose user was one of our mailboxes takes the address the migration moved it
 *   to (its old address is now only an alias, and Dovecot logs in mailboxes, not aliases);
 * and its published address follows the agency's hotline. The cursor stays: same maildir, same UIDVALIDITY.
 * Idempotent (a resumed or repeated run finds nothing left to change); one audit row per inbox, from and to.
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';

export async function carryHotlineInboxes(db: Db, agencyIds: number[], actor: string): Promise<number> {
  const { HotlineInbox, Mailbox, MailAlias, Agency } = db.models;
  if (!agencyIds.length) return 0;
  let carried = 0;
  for (const inbox of await HotlineInbox.findAll({ where: { agency_id: agencyIds } })) {
    const user = inbox.mailbox_id !== null
      ? (await Mailbox.findByPk(inbox.mailbox_id, { attributes: ['address'], raw: true }))?.address ?? inbox.imap_user
      : (await MailAlias.findOne({ where: { address: inbox.imap_user, reason: 'domain-migration' }, raw: true }))?.goto ?? inbox.imap_user;
    const agency = await Agency.findByPk(inbox.agency_id, { attributes: ['hotline_address'], raw: true });
    const address = agency?.hotline_address ?? (inbox.address === inbox.imap_user ? user : inbox.address);
    if (user === inbox.imap_user && address === inbox.address) continue;
    await inTransaction(db.sequelize, async () => {
      const changes = { imap_user: { from: inbox.imap_user, to: user }, address: { from: inbox.address, to: address } };
      await inbox.update({ imap_user: user, address });
      await audit(db, { actor, action: 'hotline.domain_moved', target: `hotline_inbox:${inbox.id}`, details: { changes } });
    });
    carried++;
  }
  return carried;
}
