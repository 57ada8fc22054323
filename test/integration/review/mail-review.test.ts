// Mail that made no ticket (issue 14 item 6): /review lists an agency's set-aside mail (spam, auto-reply, list,
// bounce) and its quarantine with the reason in words; "Đây là thư của công dân" opens a ticket at the mail's
// original receive time (the clock starts then) with one receipt, once however often it is clicked; "Xử lý lại"
// runs a quarantined mail through ingestion again, once; a second click of either says it was done, with a link to
// the case, instead of a 404. Another agency's mail is absent. Both databases.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { convertToTicket, reprocessQuarantined } from '../../../server/services/ingestion/index.js';
import { ingestMessage } from '../../../server/services/ingestion/ingest-message.js';
import { addHotlineAgency, ctx, mail, staff, type Hotline } from '../tickets/ticket-fixture.js';

const DAY_MS = 86_400_000;

forEachDb('mail review: set-aside mail and quarantine', (getDb) => {
  let a: Hotline;
  let b: Hotline;
  let app: ReturnType<typeof testApp>;
  const received = new Date(Date.now() - 3 * DAY_MS);

  /** Ingests a mail into h at a receive time in the past; returns the messages row id. */
  async function arrive(h: Hotline, raw: Buffer, at = received): Promise<number> {
    h.uid += 1;
    await ingestMessage(getDb(), ctx, h.ref, { uid: h.uid, source: raw, internalDate: at });
    return (await getDb().models.Message.findOne({ where: { inbox_id: h.ref.inbox.id, uid: h.uid } }))!.id;
  }
  /** A mail an earlier parser gave up on (a parse timeout under load), stored as ingestion stores a quarantine. */
  async function quarantined(h: Hotline, raw: Buffer): Promise<number> {
    const db = getDb();
    h.uid += 1;
    const sha256 = createHash('sha256').update(raw).digest('hex');
    await db.models.RawMessage.create({ sha256, bytes: raw, size: raw.length, created_at: new Date() });
    const row = await db.models.Message.create({ inbox_id: h.ref.inbox.id, uid_validity: '1', uid: h.uid, sha256, direction: 'in', received_at: received,
      message_id: `<synthetic-${sha256.slice(0, 16)}@govmail.invalid>`, classification: 'quarantined', quarantine_reason: 'timeout',
      quarantine_detail: 'parsing took longer than 5000 ms' } as never);
    return row.id;
  }

  before(async () => {
    a = await addHotlineAgency(getDb(), 'RVA');
    b = await addHotlineAgency(getDb(), 'RVB');
    app = testApp(getDb());
  });

  it('lists an agency\'s set-aside mail with reasons in words; another agency\'s is absent, naming it is refused', async () => {
    const db = getDb();
    const spam = await arrive(a, mail({ to: a.address, subject: 'Khuyến mãi lớn', headers: ['X-Spam-Flag: YES'] }));
    await arrive(a, mail({ to: a.address, subject: 'Bản tin tuần', headers: ['List-Id: <tin.example.vn>'] }));
    const bAuto = await arrive(b, mail({ to: b.address, subject: 'Vắng mặt: Đơn phản ánh', headers: ['Auto-Submitted: auto-replied'] }));
    const clerkA = await staff(db, 'agent', a.agencyId);
    const { agent } = await loginAgent(app, clerkA.username, clerkA.password);
    const page = await agent.get('/review').expect(200);
    expect(page.text).to.contain('Khuyến mãi lớn').and.contain('Bộ lọc thư rác đã đánh dấu là thư rác').and.contain('data-why="x-spam-flag"')
      .and.contain('Bản tin tuần').and.contain('Thư của một danh sách thư').and.contain(`data-mail="${spam}"`)
      .and.not.contain('Vắng mặt: Đơn phản ánh').and.not.contain(`data-mail="${bAuto}"`);
    await agent.get(`/review?agency=${b.code}`).expect(403);
    const only = await agent.get('/review?kind=spam').expect(200);
    expect(only.text).to.contain('Khuyến mãi lớn').and.not.contain('Bản tin tuần');

    const province = await staff(db, 'supervisor', null);
    const p = await loginAgent(app, province.username, province.password);
    const choose = await p.agent.get('/review').expect(200);
    expect(choose.text).to.contain('data-testid="review-choose"').and.contain(`<option value="${b.code}"`);
    const other = await p.agent.get(`/review?agency=${b.code}`).expect(200);
    expect(other.text).to.contain('Vắng mặt: Đơn phản ánh').and.not.contain('Khuyến mãi lớn');
    const leader = await staff(db, 'leader', a.agencyId);
    await (await loginAgent(app, leader.username, leader.password)).agent.get('/review').expect(403);
  });

  it('"this is a citizen\'s mail" asks first, then opens a ticket at the original receive time, with one receipt, once', async () => {
    const db = getDb();
    const id = await arrive(a, mail({ to: a.address, from: 'Lò Văn Sáng <sang.lo@example.vn>', subject: 'Đề nghị sửa cầu treo bản Mường',
      headers: ['Auto-Submitted: auto-generated'] }));
    const clerk = await staff(db, 'agent', a.agencyId);
    const { agent, csrf } = await loginAgent(app, clerk.username, clerk.password);
    const ask = await agent.post(`/review/${id}/convert`).type('form').send({ _csrf: csrf }).expect(200);
    expect(ask.text).to.contain('Tạo hồ sơ từ thư này?').and.contain('sang.lo@example.vn');
    expect((await db.models.Message.findByPk(id))!.ticket_id).to.equal(null);

    const done = await agent.post(`/review/${id}/convert`).type('form').send({ _csrf: csrf, confirm: '1' }).expect(303);
    const ticket = (await db.models.Ticket.findOne({ where: { agency_id: a.agencyId, subject: 'Đề nghị sửa cầu treo bản Mường' } }))!;
    expect(done.headers.location).to.equal(`/tickets/${ticket.ref}?done=converted`);
    expect(ticket.received_at.getTime()).to.equal(received.getTime());
    const clock = (await getClock(db, ticket.id))!;
    expect(clock.received_at.getTime()).to.equal(received.getTime());
    const row = (await db.models.Message.findByPk(id))!;
    expect(row.ticket_id).to.equal(ticket.id);
    expect(row.classification).to.equal('human');
    expect(await db.models.Outbox.count({ where: { idempotency_key: `ack:${ticket.id}` } })).to.equal(1);
    expect(await db.models.AuditLog.count({ where: { action: 'review.convert', target: ticket.ref, actor: clerk.username } })).to.equal(1);
    const shown = await agent.get(`/tickets/${ticket.ref}?done=converted`).expect(200);
    expect(shown.text).to.contain('Đề nghị sửa cầu treo bản Mường');

    // The second click finds the work done and says so, with a link to the case, asking nothing; a race of two finds it once.
    for (const body of [{ confirm: '1' }, {}]) {
      const again = await agent.post(`/review/${id}/convert`).type('form').send({ _csrf: csrf, ...body }).expect(303);
      expect(again.headers.location).to.contain('error=already').and.contain(`ref=${encodeURIComponent(ticket.ref)}`);
      const said = await agent.get(again.headers.location!).expect(200);
      expect(said.text).to.contain(`Thư này đã được xử lý rồi: đã tạo hoặc ghép vào hồ sơ ${ticket.ref}.`).and.contain(`href="/tickets/${ticket.ref}" data-testid="flash-link"`);
    }
    expect(await db.models.Ticket.count({ where: { subject: 'Đề nghị sửa cầu treo bản Mường' } })).to.equal(1);
    expect(await db.models.Outbox.count({ where: { idempotency_key: `ack:${ticket.id}` } })).to.equal(1);
    const raceId = await arrive(a, mail({ to: a.address, subject: 'Phản ánh tiếng ồn ban đêm', headers: ['Precedence: bulk'] }));
    const actor = { id: clerk.user.id, username: clerk.username, role: 'agent' as const, agency_id: a.agencyId };
    const results = await Promise.allSettled([1, 2].map(() => convertToTicket(db, ctx, { mailId: raceId, actor })));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message)).to.equal('already');
    expect(await db.models.Ticket.count({ where: { subject: 'Phản ánh tiếng ồn ban đêm' } })).to.equal(1);
  });

  it('an officer of another agency can neither convert nor re-process, confirmed or not', async () => {
    const db = getDb();
    const id = await arrive(a, mail({ to: a.address, subject: 'Thư tự động của agency A', headers: ['Auto-Submitted: auto-replied'] }));
    const q = await quarantined(a, mail({ to: a.address, subject: 'Thư bị kẹt của A' }));
    const outsider = await staff(db, 'supervisor', b.agencyId);
    const { agent, csrf } = await loginAgent(app, outsider.username, outsider.password);
    for (const path of [`/review/${id}/convert`, `/review/${q}/reprocess`]) {
      await agent.post(path).type('form').send({ _csrf: csrf }).expect(404);
      await agent.post(path).type('form').send({ _csrf: csrf, confirm: '1' }).expect(404);
    }
    expect((await db.models.Message.findByPk(id))!.ticket_id).to.equal(null);
    expect((await db.models.Message.findByPk(q))!.classification).to.equal('quarantined');
  });

  it('"re-process" takes a quarantined mail through ingestion once: a ticket at its receive time, one receipt', async () => {
    const db = getDb();
    const q = await quarantined(a, mail({ to: a.address, from: 'Hà Thị Mai <mai.ha@example.vn>', subject: 'Khai thác cát trái phép trên sông Đà' }));
    const clerk = await staff(db, 'agent', a.agencyId);
    const { agent, csrf } = await loginAgent(app, clerk.username, clerk.password);
    const list = await agent.get('/review?kind=quarantined').expect(200);
    expect(list.text).to.contain(`data-mail="${q}"`).and.contain('Đọc thư quá lâu nên đã dừng').and.contain('data-testid="review-reprocess"');
    const ask = await agent.post(`/review/${q}/reprocess`).type('form').send({ _csrf: csrf }).expect(200);
    expect(ask.text).to.contain('Xử lý lại thư này?');
    const done = await agent.post(`/review/${q}/reprocess`).type('form').send({ _csrf: csrf, confirm: '1' }).expect(303);
    const ticket = (await db.models.Ticket.findOne({ where: { subject: 'Khai thác cát trái phép trên sông Đà' } }))!;
    expect(done.headers.location).to.contain('done=reprocessed.ticket').and.contain(encodeURIComponent(ticket.ref));
    expect(ticket.received_at.getTime()).to.equal(received.getTime());
    expect(await db.models.Message.count({ where: { inbox_id: a.ref.inbox.id, uid_validity: '1', ticket_id: ticket.id } })).to.equal(1);
    expect(await db.models.Message.findByPk(q)).to.equal(null);
    expect(await db.models.Outbox.count({ where: { idempotency_key: `ack:${ticket.id}` } })).to.equal(1);
    expect(await db.models.AuditLog.count({ where: { action: 'review.reprocess', target: ticket.ref } })).to.equal(1);
    // A second click from the page drawn before (its form carries the mail's key) says it was done, with the case
    // it made, instead of a 404; done once. Without the key (not from the page) it stays not found.
    const key = new RegExp(`data-mail="${q}"[\\s\\S]*?name="mail_key" value="([^"]+)"`).exec(list.text)![1]!;
    for (const body of [{ confirm: '1' }, {}]) {
      const again = await agent.post(`/review/${q}/reprocess`).type('form').send({ _csrf: csrf, mail_key: key, ...body }).expect(303);
      expect(again.headers.location).to.contain('error=already').and.contain(`ref=${encodeURIComponent(ticket.ref)}`);
      const said = await agent.get(again.headers.location!).expect(200);
      expect(said.text).to.contain(`Thư này đã được xử lý rồi: đã tạo hoặc ghép vào hồ sơ ${ticket.ref}.`).and.contain(`href="/tickets/${ticket.ref}"`);
    }
    await agent.post(`/review/${q}/reprocess`).type('form').send({ _csrf: csrf, confirm: '1' }).expect(404);
    expect(await db.models.Ticket.count({ where: { subject: 'Khai thác cát trái phép trên sông Đà' } })).to.equal(1);
    expect(await db.models.AuditLog.count({ where: { action: 'review.reprocess', target: ticket.ref } })).to.equal(1);
    // another agency's officer with the same key is still told nothing
    const outsider = await staff(db, 'supervisor', b.agencyId);
    const o = await loginAgent(app, outsider.username, outsider.password);
    await o.agent.post(`/review/${q}/reprocess`).type('form').send({ _csrf: o.csrf, mail_key: key, confirm: '1' }).expect(404);

    const race = await quarantined(a, mail({ to: a.address, subject: 'Đơn kiến nghị về đất đai' }));
    const actor = { id: clerk.user.id, username: clerk.username, role: 'agent' as const, agency_id: a.agencyId };
    const results = await Promise.allSettled([1, 2].map(() => reprocessQuarantined(db, ctx, { mailId: race, actor })));
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ outcome: string }>).value.outcome)).to.deep.equal(['ticket']);
    expect(await db.models.Ticket.count({ where: { subject: 'Đơn kiến nghị về đất đai' } })).to.equal(1);

    // Still unreadable: it stays quarantined, with one row.
    const empty = await arrive(a, Buffer.alloc(0));
    const still = await reprocessQuarantined(db, ctx, { mailId: empty, actor });
    expect(still.outcome).to.equal('quarantined');
    expect(await db.models.Message.count({ where: { inbox_id: a.ref.inbox.id, uid: a.uid } })).to.equal(1);

    // Re-processed from the page and set aside again: a second click from the page drawn before is not "already
    // handled"; it goes back to the list, where the mail still waits under its new entry.
    const again = (await db.models.Message.findOne({ where: { inbox_id: a.ref.inbox.id, uid: a.uid } }))!.id; // the unreadable one, still waiting
    const drawn = await agent.get('/review?kind=quarantined').expect(200);
    const againKey = new RegExp(`data-mail="${again}"[\\s\\S]*?name="mail_key" value="([^"]+)"`).exec(drawn.text)![1]!;
    const first = await agent.post(`/review/${again}/reprocess`).type('form').send({ _csrf: csrf, mail_key: againKey, confirm: '1' }).expect(303);
    expect(first.headers.location).to.contain('done=reprocessed.quarantined');
    const second = await agent.post(`/review/${again}/reprocess`).type('form').send({ _csrf: csrf, mail_key: againKey, confirm: '1' }).expect(303);
    expect(second.headers.location).to.contain('error=requeued').and.not.contain('already');
    const back = await agent.get(second.headers.location!).expect(200);
    const requeued = (await db.models.Message.findOne({ where: { inbox_id: a.ref.inbox.id, uid: a.uid } }))!;
    expect(requeued.id).to.not.equal(again);
    expect(back.text).to.contain('vẫn chờ xem xét').and.contain(`data-mail="${requeued.id}"`).and.not.contain('Thư này đã được xử lý rồi');
  });
});
