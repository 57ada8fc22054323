// Pausing the legal clock from the ticket page (issue 14 item 3 (a)), on both databases: a reason is required, a
// legal suspension is a supervisor's decision with its legal ground, "Chờ công dân" pauses and "open" resumes,
// and a citizen's answer that threads in (ingestMessage, the poller's commit path) resumes a paused ticket or
// reopens a recently closed one; after REOPEN_WINDOW_DAYS it opens a new ticket linked to the old one.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { setStatus } from '../../../server/services/tickets/status.js';
import { addHotlineAgency, citizenMail, ingest, mail, staff, type Hotline } from './ticket-fixture.js';

const DAY_MS = 86_400_000;

forEachDb('ticket page: pausing the legal clock', (getDb) => {
  let stp: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    stp = await addHotlineAgency(getDb(), 'STP');
    app = testApp(getDb());
  });

  const auditOf = (ref: string, action: string) => getDb().models.AuditLog.findAll({ where: { target: ref, action } });
  /** The citizen's answer to the ticket: same sender, "Re: [REF]" and In-Reply-To of their first mail. */
  async function answer(t: { id: number; ref: string }, body = 'Tôi gửi bổ sung bản vẽ.') {
    const first = (await getDb().models.Message.findOne({ where: { ticket_id: t.id }, order: [['id', 'ASC']] }))!;
    return ingest(getDb(), stp, mail({ to: stp.address, subject: `Re: [${t.ref}] Hỏi về giấy phép`, body,
      headers: [`In-Reply-To: ${first.message_id}`, `References: ${first.message_id}`] }));
  }

  it('lets an agent pause for the citizen with a note, shows it, audits it, and resume moves the deadline', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Hỏi về giấy phép xây dựng' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('data-testid="pause-clock"').and.contain('Chờ công dân bổ sung thông tin')
      .and.not.contain('value="legal_suspension"');
    const bad = await agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: csrf, pause_reason: 'referred' }).expect(422);
    expect(bad.text).to.contain('Vui lòng chọn một lý do tạm dừng hợp lệ.');
    await agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: csrf, pause_reason: 'legal_suspension', pause_note: 'x' }).expect(403);
    const before = (await getClock(db, t.id))!;
    await agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: csrf, pause_reason: 'waiting_citizen', pause_note: 'Thiếu <bản vẽ>' })
      .expect(303).expect('Location', `/tickets/${t.ref}?done=paused`);
    const paused = (await getClock(db, t.id))!;
    expect([paused.pause_reason, paused.pause_note]).to.deep.equal(['waiting_citizen', 'Thiếu <bản vẽ>']);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('pending');
    expect(await auditOf(t.ref, 'ticket.pause')).to.have.length(1);
    const shown = await agent.get(`/tickets/${t.ref}?done=paused`).expect(200);
    expect(shown.text).to.contain('Đã tạm dừng tính hạn.').and.contain('data-testid="pause-state"').and.contain('Thiếu &lt;bản vẽ&gt;')
      .and.contain('data-testid="event-pause"').and.contain('data-testid="resume-clock"').and.not.contain('data-testid="pause-clock"');
    const twice = await agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: csrf, pause_reason: 'waiting_citizen' }).expect(422);
    expect(twice.text).to.contain('Thời hạn đang tạm dừng.');
    // Resume: the stored instants only ever move later by the paused office time.
    await agent.post(`/tickets/${t.ref}/resume`).type('form').send({ _csrf: csrf }).expect(303).expect('Location', `/tickets/${t.ref}?done=resumed`);
    const resumed = (await getClock(db, t.id))!;
    expect(resumed.paused_at).to.equal(null);
    expect(resumed.resolution_due!.getTime()).to.be.at.least(before.resolution_due!.getTime());
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('open');
    expect(await auditOf(t.ref, 'ticket.resume')).to.have.length(1);
    await agent.post(`/tickets/${t.ref}/resume`).type('form').send({ _csrf: csrf }).expect(422);
  });

  it('leaves a legal suspension to a supervisor, who must state its ground; agents cannot end it', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Khiếu nại quyết định xử phạt' });
    const boss = await loginAgent(app, await staff(db, 'supervisor', stp.agencyId));
    const page = await boss.agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('value="legal_suspension"');
    const noGround = await boss.agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: boss.csrf, pause_reason: 'legal_suspension', pause_note: ' ' }).expect(422);
    expect(noGround.text).to.contain('Vui lòng ghi căn cứ tạm đình chỉ.');
    await boss.agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: boss.csrf, pause_reason: 'legal_suspension', pause_note: 'Chờ kết quả giám định' }).expect(303);
    // A suspension is not "waiting for the citizen": the status stays, and the citizen's mail does not end it.
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.not.equal('pending');
    expect(await answer(t)).to.equal('threaded');
    expect((await getClock(db, t.id))!.pause_reason).to.equal('legal_suspension');
    const clerk = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const seen = await clerk.agent.get(`/tickets/${t.ref}`).expect(200);
    expect(seen.text).to.contain('Chỉ lãnh đạo phòng hoặc quản trị viên được kết thúc tạm đình chỉ.').and.not.contain('data-testid="resume-clock"');
    await clerk.agent.post(`/tickets/${t.ref}/resume`).type('form').send({ _csrf: clerk.csrf }).expect(403);
    await boss.agent.post(`/tickets/${t.ref}/resume`).type('form').send({ _csrf: boss.csrf }).expect(303);
    expect((await getClock(db, t.id))!.paused_at).to.equal(null);
  });

  it('pauses on "Chờ công dân" and resumes on "Đang xử lý" through the status buttons', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Hỏi thủ tục cấp đổi' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'pending' }).expect(303);
    expect((await getClock(db, t.id))!.pause_reason).to.equal('waiting_citizen');
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'open' }).expect(303);
    expect((await getClock(db, t.id))!.paused_at).to.equal(null);
    const kinds = (await db.models.TicketEvent.findAll({ where: { ticket_id: t.id }, order: [['id', 'ASC']] })).map((e) => e.kind);
    expect(kinds.filter((k) => ['status', 'pause', 'resume'].includes(k))).to.deep.equal(['status', 'pause', 'status', 'resume']);
  });

  it('resumes a ticket waiting for the citizen when their answer threads in', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Hỏi về giấy phép' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    await agent.post(`/tickets/${t.ref}/pause`).type('form').send({ _csrf: csrf, pause_reason: 'waiting_citizen', pause_note: 'Thiếu bản vẽ' }).expect(303);
    expect(await answer(t)).to.equal('threaded');
    const clock = (await getClock(db, t.id))!;
    expect([clock.paused_at, clock.pause_reason]).to.deep.equal([null, null]);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('open');
    const resume = await db.models.TicketEvent.findOne({ where: { ticket_id: t.id, kind: 'resume' } });
    expect(JSON.parse(resume!.details!)).to.include({ pausedFor: 'waiting_citizen', actor: 'congdan@example.vn' });
    expect(await auditOf(t.ref, 'ticket.resume')).to.have.length(1);
  });

  it('reopens a ticket closed within the window, and opens a linked new ticket after it', async () => {
    const db = getDb();
    const officer = await staff(db, 'agent', stp.agencyId);
    const actor = (await db.models.User.findOne({ where: { username: officer.username } }))!.get({ plain: true });
    const recent = await citizenMail(db, stp, { subject: 'Hỏi về giấy phép' });
    await setStatus(db, { ticketRef: recent.ref, actor, status: 'resolved', now: new Date(Date.now() - 29 * DAY_MS) });
    expect(await answer(recent, 'Tôi chưa nhận được giấy phép.')).to.equal('threaded');
    expect((await db.models.Ticket.findByPk(recent.id))!.status).to.equal('open');
    expect(await db.models.TicketEvent.count({ where: { ticket_id: recent.id, kind: 'reopened' } })).to.equal(1);
    expect(await auditOf(recent.ref, 'ticket.reopen')).to.have.length(1);
    const { agent } = await loginAgent(app, officer);
    expect((await agent.get(`/tickets/${recent.ref}`).expect(200)).text).to.contain('data-testid="event-reopened"').and.contain('công dân đã trả lời');

    const old = await citizenMail(db, stp, { subject: 'Hỏi về giấy phép' });
    await setStatus(db, { ticketRef: old.ref, actor, status: 'closed', now: new Date(Date.now() - 31 * DAY_MS) });
    expect(await answer(old, 'Lại hỏi việc cũ.')).to.equal('ticket');
    expect((await db.models.Ticket.findByPk(old.id))!.status).to.equal('closed');
    const follow = (await db.models.Ticket.findOne({ where: { related_ticket_id: old.id } }))!;
    expect(follow.relation).to.equal('follow_up_of');
    expect((await db.models.Message.findOne({ where: { ticket_id: follow.id } }))!.text_body).to.contain('Lại hỏi việc cũ.');
  });
});
