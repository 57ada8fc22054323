// The legal extension buttons on the staff ticket page (supertest, real app): supervisors only, CSRF, a
// complex complaint's 45 days, a denunciation's two 30-day extensions and the refused third, each on the timeline.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { addPeriod } from '../../../server/services/sla/index.js';
import { loadCalendar } from '../../../server/services/sla/calendar-store.js';
import { getClock, recordFirstResponse } from '../../../server/services/sla/clock-store.js';
import { openTicket, setupOrg, type Org } from '../sla/sla-fixture.js';

const HOUR_MS = 3_600_000;

forEachDb('ticket page: legal extensions', (getDb) => {
  let org: Org;
  let app: ReturnType<typeof testApp>;
  let supervisor: { username: string; password: string };
  before(async () => {
    org = await setupOrg(getDb());
    app = testApp(getDb());
    supervisor = await buildUser(getDb(), { role: 'supervisor', agencyId: org.stc.id, displayName: 'Trưởng phòng Thử' });
  });

  /** A complaint or denunciation received two hours ago and accepted (thụ lý) an hour ago. */
  async function acceptedTicket(subject: string) {
    const t = await openTicket(getDb(), new Date(Date.now() - 2 * HOUR_MS), subject, 'Nội dung.', null, org);
    await recordFirstResponse(getDb(), t.id, new Date(Date.now() - HOUR_MS), 'test');
    return t;
  }

  it('refuses agents (403) and posts without the CSRF token, and shows agents no extension buttons', async () => {
    const t = await acceptedTicket('Đơn tố cáo cán bộ');
    const agentUser = await buildUser(getDb(), { role: 'agent', agencyId: org.stc.id });
    const { agent, csrf } = await loginAgent(app, agentUser.username, agentUser.password);
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).not.to.contain('data-testid="legal-extension"');
    await agent.post(`/tickets/${t.ref}/extend`).type('form').send({ _csrf: csrf, reason: 'phức tạp' }).set('Accept', 'text/html').expect(403);
    const boss = await loginAgent(app, supervisor.username, supervisor.password);
    const noCsrf = await boss.agent.post(`/tickets/${t.ref}/extend`).type('form').send({ reason: 'phức tạp' }).set('Accept', 'application/json');
    expect(noCsrf.status).to.equal(403);
    expect(noCsrf.body.error.id).to.equal('error.csrf');
    expect((await getClock(getDb(), t.id))!.extensions).to.equal(0);
  });

  it('lets a supervisor mark a complaint complex: 45 days from acceptance, shown on the page and the timeline', async () => {
    const db = getDb();
    const t = await acceptedTicket('Đơn khiếu nại quyết định hành chính');
    const { agent, csrf } = await loginAgent(app, supervisor.username, supervisor.password);
    const before = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(before.text).to.contain('data-testid="mark-complex"');
    const empty = await agent.post(`/tickets/${t.ref}/complex`).type('form').send({ _csrf: csrf, reason: '' }).expect(422);
    expect(empty.text).to.contain('Vui lòng ghi lý do gia hạn.');
    const done = await agent.post(`/tickets/${t.ref}/complex`).type('form').send({ _csrf: csrf, reason: 'Cần xác minh tại <2> xã' }).expect(303);
    expect(done.headers.location).to.equal(`/tickets/${t.ref}?done=complex`);
    const clock = (await getClock(db, t.id))!;
    const expected = addPeriod(clock.first_response_at!, { amount: 45, unit: 'calendar_days' }, await loadCalendar(db, org.stc.id));
    expect(clock.resolution_due!.getTime()).to.equal(expected.getTime());
    expect((await db.models.Ticket.findByPk(t.id))!.due_at!.getTime()).to.equal(expected.getTime());
    const page = await agent.get(`/tickets/${t.ref}?done=complex`).expect(200);
    expect(page.text).to.contain('Đã xác định là vụ việc phức tạp').and.contain('data-testid="event-sla_complex"');
    expect(page.text).to.contain('Cần xác minh tại &lt;2&gt; xã').and.not.contain('<2>');
  });

  it('extends a denunciation twice by 30 days and refuses the third with a clear message', async () => {
    const db = getDb();
    const t = await acceptedTicket('Đơn tố cáo hành vi nhận hối lộ');
    const { agent, csrf } = await loginAgent(app, supervisor.username, supervisor.password);
    const cal = await loadCalendar(db, org.stc.id);
    let due = (await getClock(db, t.id))!.resolution_due!;
    for (const n of [1, 2]) {
      await agent.post(`/tickets/${t.ref}/extend`).type('form').send({ _csrf: csrf, reason: `Quyết định gia hạn số ${n}` }).expect(303);
      due = addPeriod(due, { amount: 30, unit: 'calendar_days' }, cal);
      const clock = (await getClock(db, t.id))!;
      expect(clock.extensions).to.equal(n);
      expect(clock.resolution_due!.getTime()).to.equal(due.getTime());
    }
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('Đã gia hạn 2/2 lần.').and.contain('Đã gia hạn tối đa hai lần').and.not.contain('data-testid="extend-deadline"');
    expect(page.text.match(/data-testid="event-sla_extended"/g)).to.have.length(2);
    expect(page.text).to.contain('Quyết định gia hạn số 2');
    const third = await agent.post(`/tickets/${t.ref}/extend`).type('form').send({ _csrf: csrf, reason: 'lần ba' }).expect(422);
    expect(third.text).to.contain('Không thể gia hạn lần thứ ba');
    await agent.get(`/tickets/${t.ref}?lang=en`).expect(200);
    const thirdEn = await agent.post(`/tickets/${t.ref}/extend`).type('form').send({ _csrf: csrf, reason: 'third' }).expect(422);
    expect(thirdEn.text).to.contain('A third extension is not allowed');
    expect((await getClock(db, t.id))!.extensions).to.equal(2);
    expect(await db.models.TicketEvent.count({ where: { ticket_id: t.id, kind: 'sla_extended' } })).to.equal(2);
  });
});
