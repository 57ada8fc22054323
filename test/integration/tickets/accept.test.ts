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
