// A month (late January – March 2027, Tết included) stepped through with slaTick by two tickers at once, and
// a few instants ticked by two `govmail sla:tick` processes. Expected instants come from the pure calendar.
import { expect } from 'chai';
import { Op } from 'sequelize';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { openDb, type Db } from '../../../server/db/index.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';
import { TICKET_CLASSES } from '../../../server/services/org/categories.js';
import { addPeriod, createCalendar } from '../../../server/services/sla/index.js';
import { ladderInstants } from '../../../server/services/sla/reminder-ladder.js';
import { recordFirstResponse } from '../../../server/services/sla/clock-store.js';
import { slaTick } from '../../../server/services/sla/tick.js';
import { openTicket, setupOrg, type Org } from './sla-fixture.js';

const cal = createCalendar();
const HOUR_MS = 3_600_000;
const SIM_START = new Date('2027-01-25T00:00:00+07:00');
const SIM_END = new Date('2027-03-31T23:59:00+07:00');

interface Expected { ticketId: number; step: string; at: number; to: string }

function expectedSteps(t: TicketAttrs, acceptedAt: Date | null, org: Org, emails: Map<number, string>, assignee: number | null,
  until = SIM_END): Expected[] {
  const cls = TICKET_CLASSES.find((c) => c.code === t.class)!;
  const frd = addPeriod(t.received_at, cls.firstResponse, cal);
  const out: Expected[] = [];
  const remindTo = emails.get(assignee!)!;
  const escalateTo = t.agency_id === org.stc.id ? emails.get(org.supervisor)! : emails.get(org.leaderSxd)!;
  if (!acceptedAt || acceptedAt > frd) out.push({ ticketId: t.id, step: 'first_response_due', at: frd.getTime(), to: remindTo });
  const start = cls.resolutionFrom === 'acceptance' ? acceptedAt : t.received_at;
  if (start) {
    const due = addPeriod(start, cls.resolution, cal);
    for (const f of ladderInstants(start, due, cal)) out.push({ ticketId: t.id, step: f.id, at: f.at.getTime(), to: remindTo });
    out.push({ ticketId: t.id, step: 'escalation', at: due.getTime(), to: escalateTo });
  }
  return out.filter((e) => e.at <= until.getTime());
}

forEachDb('SLA month simulation with two tickers', (getDb) => {
  let org: Org;
  let second: Db;
  const emails = new Map<number, string>();
  before(async () => {
    org = await setupOrg(getDb());
    second = openDb(getDb().url);
    for (const u of await getDb().models.User.findAll()) emails.set(u.id, u.username);
  });
  after(async () => {
    await second?.close();
  });

  it('fires every reminder and escalation at its ladder instant, exactly once, with two tickers ticking together', async function () {
    this.timeout(600_000);
    const db = getDb();
    const made: { t: TicketAttrs; cls: string; acceptAt?: Date }[] = [];
    const add = async (at: string, subject: string, body: string, cls: string, agency = org.stc, acceptAt?: string) => {
      const t = await openTicket(db, at, subject, body, agency, org);
      made.push({ t, cls, ...(acceptAt ? { acceptAt: new Date(acceptAt) } : {}) });
    };
    await add('2027-01-25T09:00:00+07:00', 'Đường xuống cấp', 'Đường liên thôn nhiều ổ gà.', 'phan_anh_kien_nghi');
    await add('2027-01-30T23:00:00+07:00', 'KHẨN CẤP', 'Sạt lở đất sau mưa lớn ở bản Mường.', 'khan'); // Saturday 23:00
    await add('2027-02-01T10:00:00+07:00', 'Đơn tố cáo', 'Tố cáo cán bộ xã nhận hối lộ.', 'to_cao');
    await add('2027-02-02T14:00:00+07:00', 'Đơn khiếu nại', 'Tôi khiếu nại quyết định xử phạt.', 'khieu_nai', org.stc, '2027-02-12T10:00:00+07:00');
    await add('2027-02-04T16:00:00+07:00', 'Hỏi về học phí', 'Xin hỏi mức học phí năm nay.', 'phan_anh_kien_nghi'); // eve of Tết
    await add('2027-02-07T10:00:00+07:00', 'Lu quet', 'Lu quet cuon troi cau tam, can ho tro gap.', 'khan'); // during Tết, no tone marks
    await add('2027-02-17T08:15:00+07:00', 'Xây dựng trái phép', 'Công trình xây dựng trái phép lấn chiếm vỉa hè.', 'phan_anh_kien_nghi', org.sxd);
    await add('2027-02-26T16:59:00+07:00', 'Cháy nhà', 'Đám cháy lớn tại thôn 3.', 'khan');
    expect(made.map((m) => m.t.class)).to.deep.equal(made.map((m) => m.cls));

    const clocks = new Map((await db.models.TicketSla.findAll()).map((c) => [c.ticket_id, c.assignee_id]));
    const expected = made.flatMap((m) => expectedSteps(m.t, m.acceptAt ?? null, org, emails, clocks.get(m.t.id) ?? null));
    const actions = made.filter((m) => m.acceptAt).map((m) => ({ at: m.acceptAt!.getTime(), ticketId: m.t.id, done: false }));
    const instants = new Set<number>();
    for (let t = SIM_START.getTime(); t <= SIM_END.getTime(); t += 6 * HOUR_MS) instants.add(t);
    for (const e of expected) instants.add(e.at).add(e.at - 1);
    for (const a of actions) instants.add(a.at);

    const firedAt = new Map<string, number[]>();
    for (const now of [...instants].sort((a, b) => a - b)) {
      for (const a of actions) {
        if (!a.done && a.at <= now) {
          await recordFirstResponse(db, a.ticketId, new Date(a.at), 'test');
          a.done = true;
        }
      }
      const results = await Promise.all([slaTick(db, new Date(now)), slaTick(second, new Date(now))]);
      for (const f of results.flatMap((r) => r.fired)) {
        const key = `${f.ticketId}:${f.step}`;
        firedAt.set(key, [...(firedAt.get(key) ?? []), now]);
        expect(new Date(f.at).getTime(), key).to.equal(now);
      }
    }

    const want = new Map(expected.map((e) => [`${e.ticketId}:${e.step}`, [e.at]]));
    expect(Object.fromEntries(firedAt)).to.deep.equal(Object.fromEntries(want));
    expect(expected.filter((e) => e.step === 'escalation')).to.have.length.at.least(5);
    const mails = await db.models.Outbox.findAll({ where: { idempotency_key: { [Op.like]: 'sla:%' } } });
    expect(mails.map((m) => `${m.ticket_id}:${m.to_address}:${m.idempotency_key.split(':')[2]}`).sort())
      .to.deep.equal(expected.map((e) => `${e.ticketId}:${e.to}:${e.step}`).sort());
    const events = await db.models.TicketEvent.count({ where: { kind: { [Op.in]: ['reminder', 'escalation'] } } });
    expect(events).to.equal(expected.length);
  });

  it('two `govmail sla:tick --now` processes at the same instants send each step once', async function () {
    this.timeout(180_000);
    const db = getDb();
    const t = await openTicket(db, '2027-04-05T09:00:00+07:00', 'Cây đổ', 'Khẩn cấp: cây đổ chắn đường, nguy hiểm đến tính mạng.', org.stc, org);
    const env = { DATABASE_URL: db.url };
    const steps = expectedSteps(t, null, org, emails, (await db.models.TicketSla.findByPk(t.id))!.assignee_id,
      new Date('2027-12-31T00:00:00Z'));
    expect(steps.map((s) => s.step)).to.have.members(['first_response_due', 'reminder_50', 'reminder_80', 'due', 'escalation', 'overdue_1_working_day']);
    const counts = { reminders: 0, escalations: 0 };
    // Two instants keep the test cheap: the first catches up first response, 50 % and 80 % at once; the second the rest.
    const at80 = steps.find((s) => s.step === 'reminder_80')!.at;
    const atOverdue = steps.find((s) => s.step === 'overdue_1_working_day')!.at;
    for (const at of [at80, atOverdue]) {
      const now = new Date(at).toISOString();
      const runs = await Promise.all([runGovmail(['sla:tick', '--now', now, '--json'], env), runGovmail(['sla:tick', '--now', now, '--json'], env)]);
      for (const r of runs) {
        expect(r.code, r.stderr).to.equal(0);
        const out = r.json<{ reminders: number; escalations: number }>();
        counts.reminders += out.reminders;
        counts.escalations += out.escalations;
      }
    }
    expect(counts).to.deep.equal({ reminders: 5, escalations: 1 });
    expect(await db.models.SlaNotification.count({ where: { ticket_id: t.id } })).to.equal(6);
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, idempotency_key: { [Op.like]: 'sla:%' } } })).to.equal(6);
  });
});
