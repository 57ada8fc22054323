// Reclassifying from the ticket page (issue 14 item 3 (b)), on both databases: the deadline is recomputed from
// the same start under the new class's policy, the timeline shows old → new, only supervisors change the class,
// and a deadline extended under the current class is not silently recomputed.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';
import { loadCalendar } from '../../../server/services/sla/calendar-store.js';
import { getClock, newClock } from '../../../server/services/sla/clock-store.js';
import { policyFor } from '../../../server/services/sla/policy-store.js';
import { addHotlineAgency, citizenMail, staff, type Hotline } from './ticket-fixture.js';

forEachDb('ticket page: reclassify', (getDb) => {
  let stp: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    stp = await addHotlineAgency(getDb(), 'STP');
    app = testApp(getDb());
  });
  const ticketRow = async (id: number) => (await getDb().models.Ticket.findByPk(id))!.get({ plain: true }) as TicketAttrs;

  it('moves a feedback to a complaint: the deadline from the same receipt under the complaint policy, shown old → new', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Phản ánh việc cấp phép chậm' });
    await db.models.Ticket.update({ class: 'phan_anh_kien_nghi', priority: 'normal' }, { where: { id: t.id } });
    const before = await ticketRow(t.id);
    const boss = await loginAgent(app, await staff(db, 'supervisor', stp.agencyId));
    const page = await boss.agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('data-testid="reclassify-class"');
    const bad = await boss.agent.post(`/tickets/${t.ref}/reclassify`).type('form').send({ _csrf: boss.csrf, class: 'nope', category: '', priority: 'normal' }).expect(422);
    expect(bad.text).to.contain('Loại đơn không hợp lệ.');
    await boss.agent.post(`/tickets/${t.ref}/reclassify`).type('form')
      .send({ _csrf: boss.csrf, class: 'khieu_nai', category: 'dat_dai', priority: 'normal' }).expect(303).expect('Location', `/tickets/${t.ref}?done=reclassified`);
    const after = await ticketRow(t.id);
    expect([after.class, after.category, after.priority]).to.deep.equal(['khieu_nai', 'dat_dai', 'normal']);
    const expected = newClock({ ...before, class: 'khieu_nai' }, await policyFor(db, 'khieu_nai', 'normal'), await loadCalendar(db, stp.agencyId)).clock;
    const clock = (await getClock(db, t.id))!;
    expect(clock.policy_class).to.equal('khieu_nai');
    expect(clock.resolution_due!.getTime()).to.equal(expected.resolution_due!.getTime());
    expect(after.due_at!.getTime()).to.equal(expected.resolution_due!.getTime());
    expect(after.due_at!.getTime()).to.not.equal(before.due_at!.getTime());
    const shown = await boss.agent.get(`/tickets/${t.ref}?done=reclassified`).expect(200);
    expect(shown.text).to.contain('Đã lưu phân loại').and.contain('data-testid="event-reclassified"')
      .and.contain('Loại đơn: Phản ánh, kiến nghị → Khiếu nại').and.contain('Hạn giải quyết: ');
    expect(await db.models.AuditLog.count({ where: { target: t.ref, action: 'ticket.reclassify' } })).to.equal(1);
  });

  it('lets an agent change field and priority but not the class', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Đèn đường hỏng' });
    const row = await ticketRow(t.id);
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('data-testid="reclassify-priority"').and.not.contain('data-testid="reclassify-class"');
    const other = row.class === 'khieu_nai' ? 'to_cao' : 'khieu_nai';
    await agent.post(`/tickets/${t.ref}/reclassify`).type('form').send({ _csrf: csrf, class: other, category: '', priority: row.priority }).expect(403);
    await agent.post(`/tickets/${t.ref}/reclassify`).type('form').send({ _csrf: csrf, class: row.class, category: 'giao_thong', priority: 'urgent' }).expect(303);
    const after = await ticketRow(t.id);
    expect([after.class, after.category, after.priority]).to.deep.equal([row.class, 'giao_thong', 'urgent']);
    expect((await getClock(db, t.id))!.priority).to.equal('urgent');
  });

  it('refuses to recompute a deadline extended under the current class', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Khiếu nại quyết định thu hồi đất' });
    await db.models.Ticket.update({ class: 'khieu_nai' }, { where: { id: t.id } });
    await db.models.TicketSla.update({ policy_class: 'khieu_nai', complex: true }, { where: { ticket_id: t.id } });
    const due = (await ticketRow(t.id)).due_at;
    const boss = await loginAgent(app, await staff(db, 'supervisor', stp.agencyId));
    const refused = await boss.agent.post(`/tickets/${t.ref}/reclassify`).type('form').send({ _csrf: boss.csrf, class: 'phan_anh_kien_nghi', category: '', priority: 'normal' }).expect(422);
    expect(refused.text).to.contain('Hồ sơ đã được gia hạn theo loại đơn hiện tại');
    expect((await ticketRow(t.id)).class).to.equal('khieu_nai');
    expect((await ticketRow(t.id)).due_at?.getTime()).to.equal(due?.getTime());
  });
});
