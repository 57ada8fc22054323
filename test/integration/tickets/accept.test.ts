// Thụ lý from the ticket page (issue 14 item 8): a complaint not yet answered can be accepted explicitly, after a
// confirmation; its resolution clock then counts from acceptance and the complex-case extension is no longer
// refused as "not accepted". Both databases.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { openTicket, setupOrg, type Org } from '../sla/sla-fixture.js';

forEachDb('ticket page: accept (thụ lý)', (getDb) => {
  let org: Org;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    org = await setupOrg(getDb());
    app = testApp(getDb());
  });

  it('asks first, then accepts: the clock counts from acceptance and the complex-case form works', async () => {
    const db = getDb();
    const t = await openTicket(db, new Date(Date.now() - 3_600_000), 'Đơn khiếu nại quyết định hành chính', 'Nội dung.', null, org);
    const boss = await buildUser(db, { role: 'supervisor', agencyId: org.stc.id });
    const { agent, csrf } = await loginAgent(app, boss.username, boss.password);
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('data-testid="accept-ticket"');
    const ask = await agent.post(`/tickets/${t.ref}/accept`).type('form').send({ _csrf: csrf }).expect(200);
    expect(ask.text).to.contain(`Thụ lý hồ sơ ${t.ref}?`);
    expect((await getClock(db, t.id))!.first_response_at).to.equal(null);
    await agent.post(`/tickets/${t.ref}/accept`).type('form').send({ _csrf: csrf, confirm: '1' }).expect(303).expect('Location', `/tickets/${t.ref}?done=accepted`);
    const clock = (await getClock(db, t.id))!;
    expect(clock.first_response_at).to.not.equal(null);
    expect(clock.resolution_start.getTime()).to.equal(clock.first_response_at!.getTime());
    expect(await db.models.AuditLog.count({ where: { target: t.ref, action: 'ticket.accept' } })).to.equal(1);
    const after = await agent.get(`/tickets/${t.ref}?done=accepted`).expect(200);
    expect(after.text).to.contain('Đã thụ lý').and.contain('data-testid="event-first_response"').and.not.contain('data-testid="accept-ticket"');
    const again = await agent.post(`/tickets/${t.ref}/accept`).type('form').send({ _csrf: csrf, confirm: '1' }).expect(422);
    expect(again.text).to.contain('Hồ sơ đã được thụ lý.');
    await agent.post(`/tickets/${t.ref}/complex`).type('form').send({ _csrf: csrf, reason: 'Cần xác minh nhiều nơi' }).expect(303);
    expect((await getClock(db, t.id))!.complex).to.equal(true);
  });

  it('answers 404 for another agency\'s ticket, confirmed or not', async () => {
    const db = getDb();
    const t = await openTicket(db, new Date(Date.now() - 3_600_000), 'Đơn khiếu nại', 'Nội dung.', org.sxd, org);
    const other = await buildUser(db, { role: 'agent', agencyId: org.stc.id });
    const { agent, csrf } = await loginAgent(app, other.username, other.password);
    await agent.post(`/tickets/${t.ref}/accept`).type('form').send({ _csrf: csrf }).expect(404);
    await agent.post(`/tickets/${t.ref}/accept`).type('form').send({ _csrf: csrf, confirm: '1' }).expect(404);
    expect((await getClock(db, t.id))!.first_response_at).to.equal(null);
  });
});

forEachDb('ticket page: close asks first, reopen', (getDb) => {
  it('closes only after the confirmation page, and reopens with the open status', async () => {
    const db = getDb();
    const org = await setupOrg(db);
    const app = testApp(db);
    const t = await openTicket(db, new Date(Date.now() - 3_600_000), 'Phản ánh đèn đường', 'Nội dung.', null, org);
    const clerk = await buildUser(db, { role: 'agent', agencyId: org.stc.id });
    const { agent, csrf } = await loginAgent(app, clerk.username, clerk.password);
    const ask = await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'closed' }).expect(200);
    expect(ask.text).to.contain(`Đóng hồ sơ ${t.ref}?`);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.not.equal('closed');
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'closed', confirm: '1' }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('closed');
    expect((await getClock(db, t.id))!.resolved_at).to.not.equal(null);
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'open' }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('open');
    expect(await db.models.AuditLog.count({ where: { target: t.ref, action: 'ticket.status' } })).to.equal(2);
  });
});
