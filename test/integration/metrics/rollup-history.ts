// A known history for the figure-by-figure test (rollup-figures.test.ts). Default calendar: Mon–Fri
// 07:30–11:30 and 13:30–17:00 (7.5 working hours a day); holidays in the period: Mon 27/4 (Giỗ Tổ Hùng Vương,
// moved from Sunday 26/4), Thu 30/4 and Fri 1/5. Every duration below is worked out by hand in working minutes.
import type { Db } from '../../../server/db/index.js';
import { addEvent, buildAgency, buildTicket, reply, statusChange, vn } from '../../support/ticket-factory.js';

const PAKN = 'phan_anh_kien_nghi';
const KN = 'khieu_nai';

export async function seedRollupHistory(db: Db) {
  const snv = await buildAgency(db, { code: 'SNV', name: 'Sở Nội vụ' });
  const stp = await buildAgency(db, { code: 'STP', name: 'Sở Tư pháp' });
  const ticket = (agencyId: number, received: string, due: string | null, frDue: string | null, category: string | null, cls: string) =>
    buildTicket(db, { agency_id: agencyId, received, due, first_response_due_at: frDue ? vn(frDue) : null, category, class: cls });

  // T1 SNV y_te: first response 08:00→10:00 = 120; resolved Thu 9/4 09:00: 7 h (Tue) + 7.5 h + 1.5 h = 960. On time.
  const t1 = await ticket(snv.id, '2026-04-07T08:00', '2026-04-10T17:00', '2026-04-08T17:00', 'y_te', PAKN);
  await reply(db, t1, '2026-04-07T10:00');
  await statusChange(db, t1, '2026-04-09T09:00', 'open', 'resolved');

  // T2 SNV y_te, across 30/4–1/5 and a weekend, with a pause: first response Wed 16:00–17:00 + Mon 4/5 07:30–08:30 = 120;
  // paused Mon 09:00 → Tue 09:00 = 2.5 + 3.5 + 1.5 = 450; closed Wed 6/5 10:00: 60 + 450 + 450 + 150 − 450 paused = 660. On time.
  const t2 = await ticket(snv.id, '2026-04-29T16:00', '2026-05-06T17:00', '2026-05-04T17:00', 'y_te', PAKN);
  await reply(db, t2, '2026-05-04T08:30');
  await addEvent(db, t2.id, 'pause', '2026-05-04T09:00', { reason: 'waiting_citizen' });
  await addEvent(db, t2.id, 'resume', '2026-05-05T09:00', {});
  await statusChange(db, t2, '2026-05-06T10:00', 'open', 'closed');

  // T3 SNV giao_thong, complaint: first response 14:00 after a 12:00 deadline: 210 + 30 = 240, late;
  // resolved Wed 15/4 08:30: 420 + 450 + 60 = 930, after the 14/4 17:00 deadline: late.
  const t3 = await ticket(snv.id, '2026-04-13T08:00', '2026-04-14T17:00', '2026-04-13T12:00', 'giao_thong', KN);
  await reply(db, t3, '2026-04-13T14:00');
  await statusChange(db, t3, '2026-04-15T08:30', 'open', 'resolved');

  // T4 SNV giao_thong, reopened: first response 30; resolved 24/4, reopened 28/4, closed Mon 4/5 10:00 (the resolution that
  // counts): Thu 360 + Fri 450 + (27/4 holiday) Tue 450 + Wed 450 + (30/4, 1/5 holidays) Mon 150 = 1860, after 29/4 17:00: late.
  const t4 = await ticket(snv.id, '2026-04-23T09:00', '2026-04-29T17:00', '2026-04-24T17:00', 'giao_thong', PAKN);
  await reply(db, t4, '2026-04-23T09:30');
  await statusChange(db, t4, '2026-04-24T09:00', 'open', 'resolved');
  await statusChange(db, t4, '2026-04-28T08:00', 'resolved', 'open');
  await statusChange(db, t4, '2026-05-04T10:00', 'open', 'closed');

  // T5, T6 STP, not categorised: referred to SNV, within 5 working days and after them.
  const t5 = await ticket(stp.id, '2026-04-06T08:00', '2026-04-20T17:00', null, null, PAKN);
  await addEvent(db, t5.id, 'referral', '2026-04-08T10:00', { to: 'SNV', onTime: true });
  const t6 = await ticket(stp.id, '2026-04-06T08:00', '2026-04-20T17:00', null, null, PAKN);
  await addEvent(db, t6.id, 'referral', '2026-04-14T09:00', { to: 'SNV', onTime: false });

  // T7 SNV y_te: first response Thu 7/5 08:00 after the 6/5 deadline: 420 + 450 + 30 = 900, late; still open past 12/5: overdue.
  const t7 = await ticket(snv.id, '2026-05-05T08:00', '2026-05-12T17:00', '2026-05-06T17:00', 'y_te', PAKN);
  await reply(db, t7, '2026-05-07T08:00');

  // T8 STP complaint, no event at all (only the tickets watermark finds it), due far ahead: open in time.
  await ticket(stp.id, '2026-05-11T08:00', '2099-01-01T17:00', null, null, KN);

  // T9 SNV history import: never counted.
  await buildTicket(db, { agency_id: snv.id, received: '2026-04-08T08:00', due: null, history: true, status: 'archived', category: 'y_te' });

  // T10 STP y_te, through the SLA clock's events: first response Fri 16:00–17:00 + Mon 07:30–08:00 = 90;
  // resolved Tue 14/4 10:00: 60 + 450 + 150 = 660. On time.
  const t10 = await ticket(stp.id, '2026-04-10T16:00', '2026-04-17T17:00', '2026-04-13T17:00', 'y_te', PAKN);
  await addEvent(db, t10.id, 'first_response', '2026-04-13T08:00', { onTime: true });
  await addEvent(db, t10.id, 'resolved', '2026-04-14T10:00', { onTime: true });
  return { snv, stp, t1 };
}
