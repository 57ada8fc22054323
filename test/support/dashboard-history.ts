// A province's last half-year of hotline tickets for looking at the leaders' dashboard (test/e2e/metrics.test.ts):
// the Hòa Bình org chart, a roster in four departments (mailbox coverage), four hotline states, and a few
// hundred tickets with on-time, late, referred and open outcomes, laid down with the ticket factory.
// Deterministic (a fixed-seed generator), relative to today so the backlog has every age.
import type { Db } from '../../server/db/index.js';
import { localDate } from '../../server/services/metrics/report-period.js';
import { importRows, seedHoabinh } from './provisioning-fixtures.js';
import { generateRoster } from './roster-factory.js';
import { addEvent, buildTicket, reply, statusChange } from './ticket-factory.js';

const AGENCIES = ['SNV', 'STNMT', 'SXD', 'SYT'] as const;
const CATEGORIES = ['dat_dai', 'moi_truong', 'giao_thong', 'y_te', 'thu_tuc_hanh_chinh', 'can_bo'];
const DAY_MS = 86_400_000;

/** mulberry32: a small seeded generator, so every run draws the same history */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:${hour % 2 ? '30' : '00'}`;
const dayPlus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export async function buildDashboardHistory(db: Db, opts: { weeks?: number } = {}): Promise<{ tickets: number }> {
  await seedHoabinh(db);
  await importRows(db, generateRoster(36, { agencyCodes: [...AGENCIES], codePrefix: 'DB' }));
  const ids = new Map((await db.models.Agency.findAll({ raw: true })).map((a) => [a.code, a.id]));
  const now = Date.now();
  const inbox = (code: string, lastOkMinutesAgo: number | null, failures: number, active = true) => db.models.HotlineInbox.create({
    agency_id: ids.get(code)!, address: `duongdaynong@${code.toLowerCase()}.hoabinh.gov.vn`, imap_host: '127.0.0.1', imap_port: 143, imap_user: code.toLowerCase(),
    imap_secure: false, imap_folder: 'INBOX', password_enc: 'x', poll_interval_s: 60, uid_validity: null, last_uid: 0, history_cutoff: null, lease_owner: null,
    lease_until: null, last_ok_at: lastOkMinutesAgo === null ? null : new Date(now - lastOkMinutesAgo * 60_000), consecutive_failures: failures, last_error: null, active,
  } as never);
  await inbox('SNV', 1, 0);
  await inbox('STNMT', 1, 0);
  await inbox('SXD', 95, 4);
  await inbox('SYT', 60 * 26, 0);

  const rnd = random(20_260_501);
  const today = localDate(new Date());
  const first = dayPlus(today, -7 * (opts.weeks ?? 26));
  let tickets = 0;
  for (let day = first; day <= today; day = dayPlus(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS;
    for (const [i, code] of AGENCIES.entries()) {
      const count = Math.floor(rnd() * (2 + i * 0.5));
      for (let k = 0; k < count; k++) {
        const received = at(day, 8 + Math.floor(rnd() * 8));
        const due = `${dayPlus(day, 14)}T17:00`;
        const t = await buildTicket(db, {
          agency_id: ids.get(code)!, received, due, first_response_due_at: new Date(Date.parse(`${received}:00+07:00`) + DAY_MS),
          category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!, class: rnd() < 0.15 ? 'khieu_nai' : 'phan_anh_kien_nghi',
        });
        tickets += 1;
        const roll = rnd();
        if (roll < 0.06) {
          const referred = dayPlus(day, 1 + Math.floor(rnd() * 8));
          if (referred < today) await addEvent(db, t.id, 'referral', at(referred, 9), { to: 'VPUB', onTime: rnd() < 0.7 });
          continue;
        }
        const answered = rnd() < 0.85 ? day : dayPlus(day, 2);
        if (answered > today) continue; // nothing happens after today
        await reply(db, t, at(answered, 16));
        // recent tickets are mostly still open; older ones resolved, some of them after the deadline
        if (age < 10 + rnd() * 25 && roll < 0.75) continue;
        if (roll > 0.97) continue; // forgotten: open and past due
        const late = roll > 0.8 + i * 0.02;
        const resolved = dayPlus(day, late ? 16 + Math.floor(rnd() * 10) : 2 + Math.floor(rnd() * 10));
        if (resolved < today) await statusChange(db, t, at(resolved, 10), 'open', 'resolved');
      }
    }
  }
  return { tickets };
}
