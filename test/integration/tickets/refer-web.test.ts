// Chuyển đơn from the ticket page (issue 14 item 3 (c)), both databases: supervisors only, a reason, a
// confirmation first; the receiving agency gets its own ticket and clock, this copy turns read-only, the citizen
// is told once (referral.ts, shared with the CLI).
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { openTicket, setupOrg } from '../sla/sla-fixture.js';

forEachDb('ticket page: refer', (getDb) => {
  it('refers after the confirmation, to its own ticket and clock, with one notice; agents may not', async () => {
    const db = getDb();
    const org = await setupOrg(db);
    const app = testApp(db);
    const sxdName = (await db.models.Agency.findByPk(org.sxd.id))!.name;
    const t = await openTicket(db, new Date(Date.now() - 3_600_000), 'Phản ánh công trình xây dựng trái phép', 'Nội dung.', null, org);
    const clerk = await buildUser(db, { role: 'agent', agencyId: org.stc.id });
    const a = await loginAgent(app, clerk.username, clerk.password);
    expect((await a.agent.get(`/tickets/${t.ref}`).expect(200)).text).to.not.contain('data-testid="refer"');
    await a.agent.post(`/tickets/${t.ref}/refer`).type('form').send({ _csrf: a.csrf, to: 'SXD', refer_reason: 'x', confirm: '1' }).expect(403);
    const boss = await buildUser(db, { role: 'supervisor', agencyId: org.stc.id });
    const { agent, csrf } = await loginAgent(app, boss.username, boss.password);
    expect((await agent.get(`/tickets/${t.ref}`).expect(200)).text).to.contain('data-testid="refer-to"').and.contain(`<option value="SXD">${sxdName} (SXD)</option>`);
    const ask = await agent.post(`/tickets/${t.ref}/refer`).type('form').send({ _csrf: csrf, to: 'SXD', refer_reason: 'Thuộc thẩm quyền Sở Xây dựng' }).expect(200);
    expect(ask.text).to.contain(`Chuyển hồ sơ ${t.ref} đến cơ quan ${sxdName} (SXD)?`);
    expect(await db.models.Referral.count()).to.equal(0);
    const empty = await agent.post(`/tickets/${t.ref}/refer`).type('form').send({ _csrf: csrf, to: 'SXD', refer_reason: ' ', confirm: '1' }).expect(422);
    expect(empty.text).to.contain('Vui lòng ghi lý do chuyển đơn.');
    await agent.post(`/tickets/${t.ref}/refer`).type('form').send({ _csrf: csrf, to: 'SXD', refer_reason: 'Thuộc thẩm quyền Sở Xây dựng', confirm: '1' })
      .expect(303).expect('Location', `/tickets/${t.ref}?done=referred`);
    const referral = (await db.models.Referral.findOne({ where: { ticket_id: t.id } }))!;
    const created = (await db.models.Ticket.findByPk(referral.new_ticket_id))!;
    expect(created.agency_id).to.equal(org.sxd.id);
    expect((await getClock(db, created.id))!.read_only).to.equal(false);
    expect((await getClock(db, t.id))!.read_only).to.equal(true);
    expect(await db.models.Outbox.count({ where: { idempotency_key: `referral:${t.id}` } })).to.equal(1);
    expect(await db.models.AuditLog.count({ where: { target: t.ref, action: 'ticket.refer' } })).to.equal(1);
    const after = await agent.get(`/tickets/${t.ref}?done=referred`).expect(200);
    expect(after.text).to.contain('Đã chuyển đơn.').and.contain('data-testid="read-only"').and.not.contain('data-testid="refer-to"');
  });
});
