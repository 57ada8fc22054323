// A small, hand-computed hotline history for the metrics tests (default calendar: Mon–Fri 07:30–11:30 and
// 13:30–17:00, i.e. 7.5 working hours a day; Tết 2026 off from 14 to 22 February).
import type { Db } from '../../../server/db/index.js';
import { addEvent, buildAgency, buildTicket, reply, statusChange } from '../../support/ticket-factory.js';

/** The instant every report below describes. */
export const AS_OF = '2026-03-25T12:00:00+07:00';

export async function seedMetricsDataset(db: Db) {
  const syt = await buildAgency(db, { code: 'SYT', name: 'Sở Y tế' });
  const sxd = await buildAgency(db, { code: 'SXD', name: 'Sở Xây dựng' });

  // SYT, March
  const t1 = await buildTicket(db, { agency_id: syt.id, received: '2026-03-10T08:00', due: '2026-03-13T17:00', category: 'y_te' });
  await reply(db, t1, '2026-03-10T10:00'); //                      first response 2 h
  await statusChange(db, t1, '2026-03-12T08:30', 'open', 'resolved'); // 7 + 7.5 + 1 = 15.5 h, on time
  const t2 = await buildTicket(db, { agency_id: syt.id, received: '2026-03-13T16:00', due: '2026-03-17T17:00', category: 'y_te' });
  await reply(db, t2, '2026-03-16T08:30'); //                      Fri 1 h + Mon 1 h = 2 h over the weekend
  await statusChange(db, t2, '2026-03-18T09:00', 'open', 'closed'); // 1 + 7.5 + 7.5 + 1.5 = 17.5 h, late
  await buildTicket(db, { agency_id: syt.id, received: '2026-03-18T09:00', due: '2026-03-20T17:00', category: 'can_bo' }); // open, overdue
  const t4 = await buildTicket(db, { agency_id: syt.id, received: '2026-03-24T08:00', due: '2026-03-31T17:00', category: 'can_bo' });
  await reply(db, t4, '2026-03-24T13:30'); //                      3.5 h (lunch not counted), open in time
  await statusChange(db, t4, '2026-03-26T09:00', 'open', 'closed'); // after AS_OF: ignored

  // SXD
  const t5 = await buildTicket(db, { agency_id: sxd.id, received: '2026-02-13T16:00', due: '2026-03-06T17:00' });
  await reply(db, t5, '2026-02-23T08:30'); //                      Fri 1 h + Mon 23/2 1 h = 2 h across Tết
  await addEvent(db, t5.id, 'resolved', '2026-02-24T10:00', { onTime: true }); // 1 + 7.5 + 2.5 = 11 h
  await buildTicket(db, { agency_id: sxd.id, received: '2026-03-02T08:00', due: null, history: true, status: 'archived' }); // not counted
  const t7 = await buildTicket(db, { agency_id: sxd.id, received: '2026-03-02T08:00', due: '2026-03-20T17:00' });
  await addEvent(db, t7.id, 'referral', '2026-03-03T08:00', { to: 'SYT' }); // referred
  const t8 = await buildTicket(db, { agency_id: sxd.id, received: '2026-03-02T08:00', due: '2026-03-10T17:00' });
  await addEvent(db, t8.id, 'pause', '2026-03-02T09:00', { reason: 'waiting_citizen' });
  await addEvent(db, t8.id, 'resume', '2026-03-03T09:00', {});
  await statusChange(db, t8, '2026-03-03T10:00', 'open', 'resolved'); // 1 h + 1 h = 2 h, the pause not counted
  return { syt, sxd };
}
