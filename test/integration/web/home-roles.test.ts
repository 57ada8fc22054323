// Issue 15 item 7 on both databases: the home page per role, through the app. An agent sees the queue's counts
// and the overdue tickets; a leader the month's on-time rate; HR coverage and the imports running; an admin the
// inboxes not being read and the alerts. Every figure comes from the service with the actor's scope.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, loginAgent } from '../../support/web.js';
import { enqueueAlert } from '../../../server/services/outbox/index.js';
import type { Db } from '../../../server/db/index.js';
import { addHotlineAgency, ingest, mail, staff, type Hotline } from '../tickets/ticket-fixture.js';

/** A citizen's mail written now (the fixture's mails are dated March 2026), so its deadline is ahead and it counts in this month. */
async function citizenMail(db: Db, h: Hotline, opts: { subject: string }) {
  const raw = mail({ to: h.address, subject: opts.subject }).toString('utf8').replace(/^Date: .*$/m, `Date: ${new Date().toUTCString()}`);
  if (await ingest(db, h, Buffer.from(raw, 'utf8')) !== 'ticket') throw new Error('expected a ticket');
  const t = (await db.models.Ticket.findOne({ where: { agency_id: h.agencyId }, order: [['id', 'DESC']] }))!;
  return { ref: t.ref, id: t.id };
}

const tileValue = (html: string, testid: string) => new RegExp(`data-testid="${testid}"><span class="num">([^<]*)<`).exec(html)?.[1];

forEachDb('home page per role', (getDb) => {
  let mine: Hotline;
  let other: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    mine = await addHotlineAgency(getDb(), 'HOM');
    other = await addHotlineAgency(getDb(), 'HOK');
    app = testApp(getDb());
  });

  it('shows an agent the queue of their agency: new, assigned to them, and the overdue tickets oldest deadline first', async () => {
    const db = getDb();
    const late = await citizenMail(db, mine, { subject: 'Đèn tín hiệu hỏng đã lâu' });
    const later = await citizenMail(db, mine, { subject: 'Cống thoát nước tắc' });
    await citizenMail(db, mine, { subject: 'Hồ sơ còn hạn' });
    const elsewhere = await citizenMail(db, other, { subject: 'Hồ sơ của cơ quan khác' });
    const day = 86_400_000;
    await db.models.Ticket.update({ due_at: new Date(Date.now() - 3 * day) }, { where: { id: late.id } });
    await db.models.Ticket.update({ due_at: new Date(Date.now() - day) }, { where: { id: [later.id, elsewhere.id] } });
    const agent = await staff(db, 'agent', mine.agencyId);
    const { agent: http, csrf } = await loginAgent(app, agent);
    await http.post(`/tickets/${later.ref}/assign`).type('form').send({ _csrf: csrf, assignee: String(agent.user.id) }).expect(303);
    const home = (await http.get('/').expect(200)).text;
    expect(tileValue(home, 'home-new')).to.equal('3');
    expect(tileValue(home, 'home-mine')).to.equal('1');
    expect(tileValue(home, 'home-overdue')).to.equal('2');
    const list = home.slice(home.indexOf('data-testid="home-overdue-list"'));
    expect(list.indexOf(late.ref)).to.be.greaterThan(-1).and.lessThan(list.indexOf(later.ref));
    expect(home).not.to.contain(elsewhere.ref);
    expect(home).not.to.contain('data-testid="home-month"').and.not.contain('data-testid="home-alerts"');
  });

  it('shows a leader this month\'s on-time rate with what it counts, linked to the dashboard for the month', async () => {
    const db = getDb();
    const t = await citizenMail(db, mine, { subject: 'Đã trả lời đúng hạn' });
    const { agent: http, csrf } = await loginAgent(app, await staff(db, 'agent', mine.agencyId));
    await http.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'resolved' }).expect(303);
    const { agent: leader } = await loginAgent(app, await staff(db, 'leader', mine.agencyId));
    const home = (await leader.get('/').expect(200)).text.replaceAll('&#x3D;', '=');
    expect(home).to.contain('data-testid="home-month"').and.contain('Tỷ lệ đúng hạn tháng');
    expect(tileValue(home, 'home-on-time')).to.match(/^\d+(,\d)? %$/);
    expect(home).to.match(/href="\/metrics\?from=\d{4}-\d{2}-01&amp;to=\d{4}-\d{2}-\d{2}"/);
    expect(home).to.match(/\d+ trên \d+ hồ sơ đã đến hạn được giải quyết đúng hạn/);
    expect(home).not.to.contain('data-testid="home-queue"');
  });

  it('shows HR the coverage of their scope and their own imports still running, not another person\'s', async () => {
    const db = getDb();
    const hr = await staff(db, 'hr', mine.agencyId);
    const someone = await staff(db, 'hr', mine.agencyId);
    const run = (who: typeof hr, token: string, status: string) => db.models.UploadRun.create({ token, kind: 'roster', user_id: who.user.id, actor: who.username,
      file_name: `${token}.xlsx`, content: null, options: null, status, phase: 'import', done: 40, total: 120, result: null, error: null, batch_id: null,
      expires_at: new Date(Date.now() + 3_600_000) } as never);
    await run(hr, 'tok-mine-running', 'running');
    await run(hr, 'tok-mine-done', 'done');
    await run(someone, 'tok-theirs-running', 'running');
    const { agent: http } = await loginAgent(app, hr);
    const home = (await http.get('/').expect(200)).text;
    expect(home).to.contain('data-testid="home-coverage"');
    expect(tileValue(home, 'home-covered')).to.match(/ %$/);
    expect(home).to.contain('href="/hr/roster/uploads/tok-mine-running"').and.contain('40/120');
    expect(home).not.to.contain('tok-mine-done').and.not.contain('tok-theirs-running');
  });

  it('shows a province admin the inboxes not being read and each recent alert once, with stuck outgoing mail', async () => {
    const db = getDb();
    await db.models.HotlineInbox.update({ consecutive_failures: 4, last_ok_at: new Date() }, { where: { agency_id: mine.agencyId } });
    await db.models.HotlineInbox.update({ consecutive_failures: 0, last_ok_at: new Date() }, { where: { agency_id: other.agencyId } });
    await enqueueAlert(db, 'home-test', ['a1@hoabinh.gov.vn', 'a2@hoabinh.gov.vn'], 'no-reply@hoabinh.gov.vn', '[govmail] Hộp thư HOM không đọc được', 'x');
    await db.models.Outbox.update({ status: 'failed' }, { where: { to_address: 'a2@hoabinh.gov.vn' } });
    const { agent: http } = await loginAgent(app, await staff(db, 'admin', null));
    const home = (await http.get('/').expect(200)).text;
    const inboxes = home.slice(home.indexOf('data-testid="home-inbox-trouble"'), home.indexOf('data-testid="home-alerts"'));
    expect(inboxes).to.contain('Sở HOM tỉnh Hòa Bình').and.contain('Đang lỗi').and.not.contain('Sở HOK');
    expect(home.split('[govmail] Hộp thư HOM không đọc được').length - 1).to.equal(1);
    expect(tileValue(home, 'home-outbox-failed')).to.equal('1');
    const agencyAdmin = await loginAgent(app, await staff(db, 'admin', other.agencyId));
    const scoped = (await agencyAdmin.agent.get('/').expect(200)).text;
    expect(scoped).to.contain('Mọi hộp thư đường dây nóng đều đang được đọc.').and.not.contain('data-testid="home-alerts"');
  });
});
