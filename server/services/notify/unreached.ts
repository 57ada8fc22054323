/**
 * A notification that reaches nobody is never silent (issue 11: the timeline said "Nhắc hạn" for mail that went
 * nowhere). The caller records it where its own trail is (a ticket event of its own kind); this queues an alert
 * to the admins' official mailboxes, once per `key` (an outbox row per admin, key `alert:unreached:<key>:<addr>`),
 * and writes an audit row naming what was not delivered and whom the alert went to. Runs in the caller's
 * transaction, so the alert commits with the step it reports or not at all.
 */
import type { Db } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { enqueueAlert } from '../outbox/index.js';
import { adminRecipients } from './official-address.js';

export interface UnreachedNotice {
  /** unique per notification, e.g. `sla:<ticket>:<step>` */
  key: string;
  /** the audit target, e.g. `ticket:HB-2027-000123` */
  target: string;
  /** the agency whose admins hear of it (with the province-wide ones) */
  agencyId: number | null;
  /** sender of the alert */
  from: string;
  /** one line each, Vietnamese then English: what was not delivered and why */
  summaryVi: string;
  summaryEn: string;
  details: Record<string, unknown>;
}

/** Returns the addresses the alert went to (empty when no admin has an official mailbox either). */
export async function alertUnreached(db: Db, notice: UnreachedNotice): Promise<string[]> {
  const admins = (await adminRecipients(db, notice.agencyId)).map((a) => a.address);
  await enqueueAlert(db, `unreached:${notice.key}`, admins, notice.from,
    `[govmail] Thông báo không tới ai / Notification reached nobody: ${notice.target}`,
    `${notice.summaryVi}\nKhông người nhận nào có hộp thư công vụ. Vui lòng gán người phụ trách hoặc liên kết tài khoản với hộp thư.\n\n`
      + `${notice.summaryEn}\nNo recipient has an official mailbox. Please assign someone or link the accounts to their mailboxes.\n`);
  await audit(db, { actor: 'system', action: 'notify.unreached', target: notice.target, details: { ...notice.details, alerted: admins } });
  return admins;
}
