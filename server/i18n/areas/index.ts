// Area catalogues, merged over the core vi.ts/en.ts. Add your area's file here (one line).
import type { AreaCatalogue } from '../index.js';
import { hotlinesCatalogue } from './hotlines.js';
import { hrCatalogue } from './hr.js';
import { ticketsCatalogue } from './tickets.js';
import { metricsCatalogue } from './metrics.js';
import { legalClockCatalogue } from './legal-clock.js';
import { adminRulesCatalogue } from './admin-rules.js';
import { adminSlaCatalogue } from './admin-sla.js';
import { accountsCatalogue } from './accounts.js';
import { uiCatalogue } from './ui.js';
import { tableFilesCatalogue } from './table-files.js';
import { sharedMailboxesCatalogue } from './shared-mailboxes.js';
import { usersCatalogue } from './users.js';
import { agenciesCatalogue } from './agencies.js';
import { facesCatalogue } from './faces.js';
import { reportsCatalogue } from './reports.js';
import { ticketClockCatalogue } from './ticket-clock.js';
import { importRowsCatalogue } from './import-rows.js';
import { mailReviewCatalogue } from './mail-review.js';
import { queueCatalogue } from './queue.js';
import { ticketRecordCatalogue } from './ticket-record.js';
import { ticketMergeCatalogue } from './ticket-merge.js';
import { replies as repliesCatalogue } from './replies.js';
import { opsCatalogue } from './ops.js';
import { deskFormsCatalogue } from './desk-forms.js';

export const AREA_CATALOGUES: AreaCatalogue[] = [hrCatalogue, ticketsCatalogue, metricsCatalogue, hotlinesCatalogue, legalClockCatalogue, adminRulesCatalogue, adminSlaCatalogue, accountsCatalogue, uiCatalogue, tableFilesCatalogue, sharedMailboxesCatalogue, usersCatalogue, agenciesCatalogue, facesCatalogue, reportsCatalogue, ticketClockCatalogue, importRowsCatalogue, mailReviewCatalogue, queueCatalogue, ticketRecordCatalogue, ticketMergeCatalogue, repliesCatalogue, opsCatalogue, deskFormsCatalogue];
