// The ordered list of migrations. Add a new file and append it here; never edit one that has shipped.
import type { Migration } from './context.js';
import { foundation } from './0001-foundation.js';
import { mailAccounts } from './0002-mail-accounts.js';
import { provisioning } from './0003-provisioning.js';
import { hotline } from './0004-hotline.js';
import { uploadRuns } from './0005-upload-runs.js';
import { sla } from './0006-sla.js';
import { mailLogins } from './0007-mail-logins.js';
import { legalExtensions } from './0008-legal-extensions.js';
import { accounts } from './0009-accounts.js';
import { auditKeyedChain } from './0010-audit-keyed-chain.js';
import { mailQuota } from './0011-mail-quota.js';
import { triageSeed2 } from './0012-triage-seed-2.js';
import { metricRollups } from './0013-metric-rollups.js';
import { messageReceivedAt } from './0014-message-received-at.js';
import { sharedMailboxes } from './0015-shared-mailboxes.js';
import { outboxAttachments } from './0016-outbox-attachments.js';
import { triageSeed3 } from './0017-triage-seed-3.js';
import { calendarNamesVi } from './0018-calendar-names-vi.js';
import { queueViews } from './0019-queue-views.js';
import { opsIndexes } from './0020-ops-indexes.js';
import { inboxLeaseHistory } from './0021-inbox-lease-history.js';
import { replyDesk } from './0022-reply-desk.js';
import { ticketViewers } from './0023-ticket-viewers.js';
import { relatedTicketIndex } from './0026-related-ticket-index.js';
import { triageSeed4 } from './0027-triage-seed-4.js';

export const migrations: Migration[] = [foundation, mailAccounts, provisioning, hotline, uploadRuns, sla, mailLogins, legalExtensions, accounts, auditKeyedChain, mailQuota, triageSeed2, metricRollups, messageReceivedAt, sharedMailboxes, outboxAttachments, triageSeed3, calendarNamesVi, queueViews, opsIndexes, inboxLeaseHistory, replyDesk, ticketViewers, relatedTicketIndex, triageSeed4];
