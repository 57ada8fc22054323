// The stale-form check inside the action's transaction (issue 14 item 5), both databases: a colleague's note that
// is written but not yet committed when a stale status change starts must still refuse it, because the change
// waits for the ticket's row (FOR UPDATE on MariaDB; SQLite's one writer) and checks after the note committed.
// And the version is about the case only: reminders, escalations, the clock's start, triage, auto-replies and
// views neither move it nor are listed as what changed (staleness.ts CASE_CHANGES).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { inTransaction } from '../../../server/db/index.js';
import { addNote, setStatus, assignTicket, TicketStaleError, ticketVersion } from '../../../server/services/tickets/index.js';
import { addHotlineAgency, citizenMail, staff, type Hotline } from './ticket-fixture.js';

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
const changesOf = (html: string) => /data-testid="stale-changes">([\s\S]*?)<\/ul>/.exec(html)![1]!;

forEachDb('stale check in the action\'s transaction; the version counts changes of the case only', (getDb) => {
  let h: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    h = await addHotlineAgency(getDb(), 'SRC');
    app = testApp(getDb());
  });

  /**
   * Resolves once a transaction of this test's database waits for a row lock (MariaDB), or `done` settles first, or
   * 10 s pass. The bound: under two whole suites at once on one MariaDB server the wait once went unseen, and the
   * change then met the server's 50 s lock timeout. Released after the bound, the note commits first and the same
   * refusal is expected; only that run does not prove the wait.
   */
  async function lockWaitOrDone(done: Promise<unknown>): Promise<void> {
    const db = getDb();
    let settled = false;
    void done.finally(() => { settled = true; });
    const giveUpAt = Date.now() + 10_000;
    while (!settled && Date.now() < giveUpAt) {
      const [row] = await db.sequelize.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
         WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()`, { type: QueryTypes.SELECT });
      if (Number(row?.n) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Runs `write` in a transaction that then stays open, holding the rows it locked, until release(). */
  async function heldOpen(write: () => Promise<unknown>): Promise<{ release: () => void; committed: Promise<void> }> {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let written!: () => void;
    const wrote = new Promise<void>((r) => { written = r; });
    const committed = inTransaction(getDb().sequelize, async () => {
      await write();
      written();
      await gate;
    });
    await Promise.race([wrote, committed]);
    return { release, committed };
  }

  it('refuses a stale status change when a colleague\'s note commits while the change waits for the ticket', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { subject: 'Cây đổ chắn đường' });
    const boss = (await staff(db, 'supervisor', h.agencyId, 'Trưởng Ca')).user;
    const colleague = (await staff(db, 'agent', h.agencyId, 'Đồng Nghiệp')).user;
    const seen = await ticketVersion(db, t.id);

    // the colleague's note is written and holds the ticket, uncommitted, until released
    const note = await heldOpen(() => addNote(db, { ticketRef: t.ref, actor: colleague, text: 'Đã cử đội dọn cây.' }));

    const change = setStatus(db, { ticketRef: t.ref, actor: boss, status: 'pending', seen: { version: seen } }).then(() => 'changed', (e: unknown) => e);
    // MariaDB: the change must be waiting for the ticket's row before the note commits (SQLite queues its writers in order)
    if (db.kind === 'mariadb') await lockWaitOrDone(change);
    note.release();
    await note.committed;
    const outcome = await change;
    expect(outcome, 'the change saw the note').to.be.instanceOf(TicketStaleError);
    expect((outcome as TicketStaleError).changes.map((c) => c.kind)).to.deep.equal(['note']);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.not.equal('pending');
    // confirmed ("do it anyway"), it goes through
    expect(await setStatus(db, { ticketRef: t.ref, actor: boss, status: 'pending', seen: { version: seen, confirmed: true } })).to.equal(true);
  });

  it('lets a stale assignment wait for a colleague\'s and refuses it after, rather than overwrite it', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { subject: 'Ổ gà trên quốc lộ' });
    const boss = (await staff(db, 'supervisor', h.agencyId, 'Trưởng Ca Hai')).user;
    const a = (await staff(db, 'agent', h.agencyId, 'Cán Bộ A')).user;
    const b = (await staff(db, 'agent', h.agencyId, 'Cán Bộ B')).user;
    const seen = await ticketVersion(db, t.id);
    const first = await heldOpen(() => assignTicket(db, { ticketRef: t.ref, actor: a, assigneeId: a.id, seen: { version: seen } }));
    const second = assignTicket(db, { ticketRef: t.ref, actor: boss, assigneeId: b.id, seen: { version: seen } }).then(() => 'assigned', (e: unknown) => e);
    if (db.kind === 'mariadb') await lockWaitOrDone(second);
    first.release();
    await first.committed;
    expect(await second).to.be.instanceOf(TicketStaleError);
    const assigns = await db.models.TicketEvent.findAll({ where: { ticket_id: t.id, kind: 'assign' }, order: [['id', 'ASC']] });
    expect(assigns.map((e) => JSON.parse(e.details!).assigneeId)).to.deep.equal([a.id]);
  });

  it('keeps the version and an open form when only reminders, the clock, triage, auto-replies and views happen', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { subject: 'Chậm cấp sổ đỏ' });
    const me = await loginAgent(app, await staff(db, 'agent', h.agencyId, 'Cán Bộ Mở Trang'));
    const page = await me.agent.get(`/tickets/${t.ref}`).expect(200);
    const seen = versionOf(page.text);
    for (const kind of ['reminder', 'escalation', 'reminder_unreached', 'sla_started', 'triage', 'inbound_auto', 'viewed']) {
      await db.models.TicketEvent.create({ ticket_id: t.id, kind, message_id: null, details: JSON.stringify({ step: 'x' }), at: new Date() });
    }
    const viewer = await loginAgent(app, await staff(db, 'supervisor', h.agencyId, 'Người Xem'));
    await viewer.agent.get(`/tickets/${t.ref}`).expect(200);
    expect(String(await ticketVersion(db, t.id))).to.equal(seen);
    const presence = await me.agent.post(`/tickets/${t.ref}/presence`).set('X-CSRF-Token', me.csrf).set('Accept', 'application/json').expect(200);
    expect(String(presence.body.version), 'the page does not say "changed" for a reminder').to.equal(seen);
    await me.agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: me.csrf, version: seen, status: 'pending' }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('pending');
  });

  it('lists only changes of the case as what changed', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { subject: 'Tiếng ồn công trường ban đêm' });
    const me = await loginAgent(app, await staff(db, 'agent', h.agencyId, 'Cán Bộ Cũ'));
    const seen = versionOf((await me.agent.get(`/tickets/${t.ref}`).expect(200)).text);
    for (const kind of ['reminder', 'triage', 'sla_started', 'viewed']) {
      await db.models.TicketEvent.create({ ticket_id: t.id, kind, message_id: null, details: JSON.stringify({ by: 'he-thong' }), at: new Date() });
    }
    const colleague = (await staff(db, 'agent', h.agencyId, 'Cán Bộ Mới')).user;
    await addNote(db, { ticketRef: t.ref, actor: colleague, text: 'Đã liên hệ chủ công trình.' });
    const refused = await me.agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: me.csrf, version: seen, status: 'pending' }).expect(409);
    const items = [...changesOf(refused.text).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(items).to.have.length(1);
    expect(items[0]).to.contain('Ghi chú').and.contain(colleague.username);
  });
});
