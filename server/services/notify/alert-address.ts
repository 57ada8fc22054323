/**
 * Where operational alerts go (a stale inbox, an unsent mail, a receipt flood, the watchdog): the ALERT_ADDRESS
 * list when the operator set one (an operations mailbox that someone reads at night); else the province-wide
 * admins' official mailboxes; else MAIL_FROM, so an alert is at least kept in a mailbox rather than dropped.
 */
import type { Db } from '../../db/index.js';
import { adminRecipients } from './official-address.js';

export interface AlertRouting {
  /** ALERT_ADDRESS, parsed (empty when unset) */
  alertAddress: readonly string[];
  mailFrom: string;
}

export async function alertAddresses(db: Db, routing: AlertRouting): Promise<string[]> {
  if (routing.alertAddress.length) return [...routing.alertAddress];
  const admins = (await adminRecipients(db)).map((a) => a.address);
  return admins.length ? admins : [routing.mailFrom];
}
