// Gộp hồ sơ (issue 14 item 3), both databases: a supervisor merges a citizen's "Re:" case (linked "may relate to"
// at ingestion) into the first one after a confirmation; the earlier case keeps its ref and clock, the later one is
// closed as merged and linked both ways, its mail moves over, the citizen gets no second receipt, a later answer
// to the merged case threads into the kept one; agents and other agencies are refused. Real parts: ingestMessage
// opens the tickets, the app (supertest) merges.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { startSmtpCapture } from '../../support/smtp-capture.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { mergeTickets, planMerge, referTicket, replyToTicket, TicketInputError } from '../../../server/services/tickets/index.js';
import { applyMerge } from '../../../server/services/tickets/merge.js';
import { inTransaction } from '../../../server/db/index.js';
import { addHotlineAgency, citizenMail, ctx, ingest, mail, staff, type Hotline } from './ticket-fixture.js';

forEachDb('ticket merge', (getDb) => {
  let stc: Hotline;
  let sxd: Hotline;
  before(async () => {
    stc = await addHotlineAgency(getDb(), 'STC');
    sxd = await addHotlineAgency(getDb(), 'SXD');
  });

  it('merges the later case into the earlier after a confirmation, with one clock, one receipt and links both ways', async function () {
    this.timeout(90_000);
    const db = getDb();
    const first = await citizenMail(db, stc, { from: 'Trần Văn Tâm <tam.congdan@example.vn>', subject: 'Rác thải ở chợ Phương Lâm', body: 'Rác để ba ngày chưa thu.' });
    const second = await citizenMail(db, stc, { from: 'Trần Văn Tâm <tam.congdan@example.vn>', subject: 'Re: Rác thải ở chợ Phương Lâm', body: 'Hôm nay vẫn chưa thu.' });
    expect((await db.models.Ticket.findByPk(second.id))!.relation, 'the "Re:" is linked at ingestion').to.equal('may_relate_to');
    const dueBefore = (await getClock(db, first.id))!.resolution_due!.getTime();
    const app = testApp(db);

    const clerk = await staff(db, 'agent', stc.agencyId);
    const a = await loginAgent(app, clerk.username, clerk.password);
    expect((await a.agent.get(`/tickets/${second.ref}`).expect(200)).text).to.not.contain('data-testid="merge-offer"');
    await a.agent.get(`/tickets/${second.ref}/merge`).expect(403);
    await a.agent.post(`/tickets/${second.ref}/merge`).type('form').send({ _csrf: a.csrf, with: first.ref, merge_reason: 'x', confirm: '1' }).expect(403);

    const boss = await staff(db, 'supervisor', stc.agencyId);
    const { agent, csrf } = await loginAgent(app, boss.username, boss.password);
    const page = (await agent.get(`/tickets/${second.ref}`).expect(200)).text;
    expect(page, /<p class="related">[\s\S]*?<\/p>/.exec(page)?.[0]).to.contain(`href="/tickets/${second.ref}/merge?with&#x3D;${first.ref}" data-testid="merge-offer"`);
    expect((await agent.get(`/tickets/${second.ref}/merge?with=${first.ref}`).expect(200)).text).to.contain(`value="${first.ref}"`);
    const noReason = await agent.post(`/tickets/${second.ref}/merge`).type('form').send({ _csrf: csrf, with: first.ref, merge_reason: ' ' }).expect(422);
    expect(noReason.text).to.contain('Vui lòng ghi lý do gộp hồ sơ.');
    const ask = await agent.post(`/tickets/${second.ref}/merge`).type('form').send({ _csrf: csrf, with: first.ref, merge_reason: 'Cùng một vụ việc' }).expect(200);
    expect(ask.text).to.contain(`Gộp hồ sơ ${second.ref} vào hồ sơ ${first.ref}?`).and.contain('data-testid="confirm-yes"');
    expect((await db.models.Ticket.findByPk(second.id))!.status, 'asking changes nothing').to.not.equal('closed');

    await agent.post(`/tickets/${second.ref}/merge`).type('form').send({ _csrf: csrf, with: first.ref, merge_reason: 'Cùng một vụ việc', confirm: '1' })
      .expect(303).expect('Location', `/tickets/${first.ref}?done=merged`);
    const merged = (await db.models.Ticket.findByPk(second.id))!;
    expect([merged.status, merged.relation, merged.related_ticket_id]).to.deep.equal(['closed', 'merged_into', first.id]);
    expect(await db.models.Message.count({ where: { ticket_id: first.id } }), 'both mails on the kept case').to.equal(2);
    expect((await getClock(db, first.id))!.resolution_due!.getTime(), 'the kept clock is untouched').to.equal(dueBefore);
    expect((await getClock(db, second.id))!.resolved_at, 'the merged clock stops').to.not.equal(null);
    const acks = await db.models.Outbox.findAll({ where: { kind: 'ack', to_address: 'tam.congdan@example.vn' }, order: [['id', 'ASC']] });
    expect(acks.map((o) => o.status), 'one receipt goes out; the merged case\'s is held').to.deep.equal(['queued', 'held']);
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.merge', target: first.ref } })).to.equal(1);
    const kept = (await agent.get(`/tickets/${first.ref}?done=merged`).expect(200)).text;
    expect(kept).to.contain('Đã gộp hồ sơ.').and.contain(`<a href="/tickets/${second.ref}">${second.ref}</a>`).and.contain('đã gộp vào hồ sơ này')
      .and.contain('Hôm nay vẫn chưa thu.').and.contain('data-testid="event-merged_from"');
    const gone = (await agent.get(`/tickets/${second.ref}`).expect(200)).text;
    expect(gone).to.contain(`<a href="/tickets/${first.ref}">${first.ref}</a>`).and.contain('đã gộp vào)').and.not.contain('data-testid="merge-open"');

    // Merging again is refused and sends nothing.
    const outbox = await db.models.Outbox.count();
    const again = await agent.post(`/tickets/${first.ref}/merge`).type('form').send({ _csrf: csrf, with: second.ref, merge_reason: 'lại', confirm: '1' }).expect(422);
    expect(again.text).to.contain('Chỉ gộp được hai hồ sơ đang xử lý');
    // The citizen answers the merged case's receipt: the answer joins the kept case, which stays the only open one.
    const ackId = acks[1]!.message_id!;
    expect(await ingest(db, stc, mail({ to: stc.address, from: 'tam.congdan@example.vn', subject: `Re: [${second.ref}] Đã tiếp nhận`,
      headers: [`In-Reply-To: ${ackId}`, `References: ${ackId}`], body: 'Xin cảm ơn.' }))).to.equal('threaded');
    expect(await db.models.Message.count({ where: { ticket_id: first.id } })).to.equal(3);
    expect((await db.models.Ticket.findByPk(second.id))!.status).to.equal('closed');
    expect(await db.models.Outbox.count(), 'no receipt, no notice').to.equal(outbox);
  });

  it('refuses another agency\'s case as not found, and lets a province-wide supervisor merge across agencies', async function () {
    this.timeout(60_000);
    const db = getDb();
    const ours = await citizenMail(db, stc, { from: 'a.congdan@example.vn', subject: 'Đèn đường hỏng ở tổ 5' });
    const theirs = await citizenMail(db, sxd, { from: 'a.congdan@example.vn', subject: 'Đèn đường hỏng ở tổ 5, phường Tân Thịnh' });
    const app = testApp(db);
    const boss = await staff(db, 'supervisor', stc.agencyId);
    const s = await loginAgent(app, boss.username, boss.password);
    const res = await s.agent.post(`/tickets/${ours.ref}/merge`).type('form').send({ _csrf: s.csrf, with: theirs.ref, merge_reason: 'Trùng', confirm: '1' }).expect(422);
    expect(res.text).to.contain('Không tìm thấy hồ sơ này trong phạm vi của bạn.').and.not.contain('Tân Thịnh');
    const outsider = await staff(db, 'supervisor', sxd.agencyId);
    const o = await loginAgent(app, outsider.username, outsider.password);
    await o.agent.get(`/tickets/${ours.ref}/merge`).expect(404);
    await o.agent.post(`/tickets/${ours.ref}/merge`).type('form').send({ _csrf: o.csrf, with: theirs.ref, merge_reason: 'Trùng', confirm: '1' }).expect(404);
    expect((await db.models.Ticket.findByPk(ours.id))!.status).to.not.equal('closed');

    const province = await staff(db, 'supervisor', null);
    const p = await loginAgent(app, province.username, province.password);
    await p.agent.post(`/tickets/${theirs.ref}/merge`).type('form').send({ _csrf: p.csrf, with: ours.ref, merge_reason: 'Cùng một vụ việc', confirm: '1' })
      .expect(303).expect('Location', `/tickets/${ours.ref}?done=merged`);
    expect((await db.models.Ticket.findByPk(theirs.id))!.relation).to.equal('merged_into');
  });

  it('moves the merged case\'s replies with their outbox rows, so the kept page downloads the exact mail sent', async function () {
    this.timeout(60_000);
    const db = getDb();
    const first = await citizenMail(db, stc, { from: 'lan.congdan@example.vn', subject: 'Cống thoát nước tắc ở ngõ 12' });
    const second = await citizenMail(db, stc, { from: 'lan.congdan@example.vn', subject: 'Re: Cống thoát nước tắc ở ngõ 12' });
    const clerk = await staff(db, 'agent', stc.agencyId);
    const reply = await replyToTicket(db, ctx, { ticketRef: second.ref, actor: clerk.user, body: 'Chúng tôi đã cử người kiểm tra.' });
    const smtp = await startSmtpCapture();
    const transport = createMailTransport(smtp.url);
    try { await flushOutbox(db, transport); } finally { transport.close(); await smtp.stop(); }
    const sent = smtp.messages.find((m) => m.raw.includes(reply.messageId))!;
    expect(sent, 'the reply went out').to.exist;

    // an outbox row's updated_at is when it last changed state (the watchdog reads a failure's time there): the
    // move to the kept case must leave it alone
    const changedAt = new Date('2026-03-02T02:00:00Z');
    await db.sequelize.query('UPDATE outbox SET updated_at = :at WHERE id = :id', { replacements: { at: changedAt, id: reply.outboxId } });
    const boss = await staff(db, 'supervisor', stc.agencyId);
    await mergeTickets(db, { ticketRef: second.ref, otherRef: first.ref, actor: boss.user, reason: 'Cùng một vụ việc' });
    const moved = (await db.models.Outbox.findByPk(reply.outboxId))!;
    expect(moved.ticket_id, 'the reply\'s outbox row is on the kept case').to.equal(first.id);
    expect(new Date(moved.get('updated_at') as Date).getTime(), 'moved without touching updated_at').to.equal(changedAt.getTime());
    const { agent } = await loginAgent(testApp(db), clerk.username, clerk.password);
    const page = (await agent.get(`/tickets/${first.ref}`).expect(200)).text;
    expect(page).to.contain(`/tickets/${first.ref}/sent/${reply.outboxId}.eml`);
    const eml = await agent.get(`/tickets/${first.ref}/sent/${reply.outboxId}.eml`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(eml.body as Buffer, sent.raw), 'the exact bytes sent').to.equal(0);
    expect([eml.headers['content-security-policy'], eml.headers['content-disposition']], 'a sandboxed download like every other')
      .to.deep.equal(["default-src 'none'; sandbox", `attachment; filename="${first.ref}-thu-gui-${reply.outboxId}.eml"; filename*=UTF-8''${first.ref}-thu-gui-${reply.outboxId}.eml`]);
  });

  it('stops a merge whose kept case was merged into a third one since it was planned, and writes nothing', async function () {
    this.timeout(60_000);
    const db = getDb();
    const oldest = await citizenMail(db, stc, { from: 'hoa.congdan@example.vn', subject: 'Mất điện kéo dài ở xóm Dưới' });
    const middle = await citizenMail(db, stc, { from: 'hoa.congdan@example.vn', subject: 'Re: Mất điện kéo dài ở xóm Dưới' });
    const latest = await citizenMail(db, stc, { from: 'hoa.congdan@example.vn', subject: 'Mất điện lần nữa ở xóm Dưới' });
    const boss = (await staff(db, 'supervisor', stc.agencyId)).user;
    // One supervisor plans latest → middle; before it writes, another merges middle into oldest.
    const plan = await planMerge(db, { ticketRef: latest.ref, otherRef: middle.ref, actor: boss });
    expect(plan.kept.id).to.equal(middle.id);
    await mergeTickets(db, { ticketRef: middle.ref, otherRef: oldest.ref, actor: boss, reason: 'Cùng một vụ việc' });
    let refused: unknown = null;
    await inTransaction(db.sequelize, () => applyMerge(db, plan, { actor: boss, reason: 'Trùng', now: new Date() })).catch((e: unknown) => { refused = e; });
    expect(refused).to.be.instanceOf(TicketInputError);
    expect((refused as TicketInputError).message).to.equal('finished');
    const untouched = (await db.models.Ticket.findByPk(latest.id))!;
    expect([untouched.status, untouched.relation], 'the later case is left as it was').to.not.include('merged_into');
    expect(await db.models.Message.count({ where: { ticket_id: latest.id } }), 'its mail stays with it').to.equal(1);
  });

  it('refuses to merge away a case that came by referral, saying which link it would erase, and keeps both links', async function () {
    this.timeout(60_000);
    const db = getDb();
    const direct = await citizenMail(db, sxd, { from: 'minh.congdan@example.vn', subject: 'Nứt tường nhà do thi công cạnh bên' });
    const sent = await citizenMail(db, stc, { from: 'minh.congdan@example.vn', subject: 'Nứt tường nhà do công trình bên cạnh' });
    const { newTicket: referred } = await referTicket(db, sent.id, { toAgencyCode: 'SXD', reason: 'Thuộc thẩm quyền Sở Xây dựng', actor: 'test',
      at: new Date(), mailFrom: 'no-reply@hoabinh.gov.vn' });
    const boss = await staff(db, 'supervisor', sxd.agencyId);
    const { agent, csrf } = await loginAgent(testApp(db), boss.username, boss.password);
    const res = await agent.post(`/tickets/${referred.ref}/merge`).type('form')
      .send({ _csrf: csrf, with: direct.ref, merge_reason: 'Cùng một vụ việc', confirm: '1' }).expect(422);
    expect(res.text).to.contain(`Không gộp được: hồ sơ ${referred.ref} do cơ quan khác chuyển đến từ hồ sơ ${sent.ref}`);
    const after = (await db.models.Ticket.findByPk(referred.id))!;
    expect([after.relation, after.related_ticket_id, after.status === 'closed'], 'the referral link is kept').to.deep.equal(['referred_from', sent.id, false]);
    expect(await db.models.TicketEvent.count({ where: { kind: ['merged_into', 'merged_from'], ticket_id: [referred.id, direct.id] } })).to.equal(0);
  });
});
