// Issue 14 item 2, both databases: the ticket page's SLA panel shows the deadline, the working time left on the
// agency's calendar, each pause with its reason and length, the extensions and the acceptance. Real parts: the
// clock services write the clock and its events; the app (supertest) renders the page.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { acceptTicket, extendTicketDeadline, pauseTicket, resumeTicket } from '../../../server/services/tickets/index.js';
import { openTicket, setupOrg } from '../sla/sla-fixture.js';

const HOUR_MS = 3_600_000;

forEachDb('ticket page: the SLA panel', (getDb) => {
  it('shows deadline, working time left, pauses with reasons, the extension and the acceptance', async function () {
    this.timeout(60_000);
    const db = getDb();
    const org = await setupOrg(db);
    const now = Date.now();
    const t = await openTicket(db, new Date(now - 72 * HOUR_MS), 'Đơn tố cáo hành vi nhận hối lộ', 'Nội dung.', null, org);
    const boss = await buildUser(db, { role: 'supervisor', agencyId: org.stc.id });
    const actor = (await db.models.User.findOne({ where: { username: boss.username } }))!;
    await pauseTicket(db, { ticketRef: t.ref, actor, reason: 'waiting_citizen', note: 'Thiếu bản sao CCCD', now: new Date(now - 48 * HOUR_MS) });
    await resumeTicket(db, { ticketRef: t.ref, actor, now: new Date(now - 24 * HOUR_MS) });
    await acceptTicket(db, { ticketRef: t.ref, actor, now: new Date(now - 2 * HOUR_MS) });
    const { agent } = await loginAgent(testApp(db), boss.username, boss.password);
    let page = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    const panel = () => /<section class="card sla-panel"[\s\S]*?<\/section>/.exec(page)![0];
    expect(panel()).to.contain('Hạn giải quyết').and.match(/data-testid="sla-left">(Còn|Quá hạn) (\d+ ngày|(\d+ giờ )?\d+ phút) làm việc</);
    expect(panel()).to.contain('data-testid="sla-pauses"').and.contain('Thiếu bản sao CCCD').and.match(/từ [\d/ :,]+ đến [\d/ :,]+ \(/);
    expect(panel()).to.match(/data-testid="sla-accepted">\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    await extendTicketDeadline(db, { ticketRef: t.ref, actor, kind: 'extend', reason: 'Cần xác minh thêm tại xã' });
    page = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    expect(panel()).to.contain('data-testid="sla-extensions"').and.contain('Gia hạn giải quyết tố cáo').and.contain('Cần xác minh thêm tại xã');
    // Paused now: the panel says so and the time left stands still.
    await pauseTicket(db, { ticketRef: t.ref, actor, reason: 'legal_suspension', note: 'Chờ kết quả giám định' });
    page = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    expect(panel()).to.contain('data-testid="sla-state">Tạm dừng').and.contain('Chờ kết quả giám định').and.contain('đang tạm dừng');
  });
});
