// Who viewed the ticket (issue 14 item 2): each reader's visits are recorded as one row per (ticket, user) with the
// first and last view and a count; a reload within a minute writes nothing; the page lists the other viewers (name,
// role, last time) to every role that may see the ticket; another agency's reader gets a 404 and leaves no trace;
// the case export carries viewers.json and viewers.csv. Both databases.
import { expect } from 'chai';
import JSZip from 'jszip';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { TicketNotFoundError, viewTicket } from '../../../server/services/tickets/index.js';
import { VIEW_VISIT_MS } from '../../../server/services/tickets/viewers.js';
import { addHotlineAgency, citizenMail, staff, type Hotline } from './ticket-fixture.js';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

forEachDb('who viewed the ticket', (getDb) => {
  let a: Hotline;
  let b: Hotline;
  let app: ReturnType<typeof testApp>;
  let ticket: { ref: string; id: number };

  before(async () => {
    const db = getDb();
    a = await addHotlineAgency(db, 'VWA');
    b = await addHotlineAgency(db, 'VWB');
    app = testApp(db);
    ticket = await citizenMail(db, a, { subject: 'Đèn đường thôn Đồng Bảng không sáng', body: 'Đề nghị sửa đèn đường.' });
  });

  it('records each reader once per visit and lists the others with role and time on the page', async () => {
    const db = getDb();
    const clerk = await staff(db, 'agent', a.agencyId, 'Nguyễn Thị Lan');
    const boss = await staff(db, 'supervisor', a.agencyId, 'Trần Văn Hùng');
    const leader = await staff(db, 'leader', a.agencyId, 'Lê Quang Minh');
    const asClerk = (await loginAgent(app, clerk.username, clerk.password)).agent;
    const first = await asClerk.get(`/tickets/${ticket.ref}`).expect(200);
    expect(first.text).to.contain('data-testid="viewers"').and.contain('Đã xem');
    const row = await db.models.TicketViewer.findOne({ where: { ticket_id: ticket.id, user_id: clerk.user.id } });
    expect(row).to.not.equal(null);
    expect(row!.view_count).to.equal(1);
    expect(row!.first_at.getTime()).to.equal(row!.last_at.getTime());
    // a reload within the minute is the same visit: nothing written
    await asClerk.get(`/tickets/${ticket.ref}`).expect(200);
    const again = (await db.models.TicketViewer.findOne({ where: { ticket_id: ticket.id, user_id: clerk.user.id } }))!;
    expect(again.view_count).to.equal(1);
    expect(again.last_at.getTime()).to.equal(row!.last_at.getTime());

    const bossPage = await (await loginAgent(app, boss.username, boss.password)).agent.get(`/tickets/${ticket.ref}`).expect(200);
    const viewers = /data-testid="viewers"[\s\S]*?<\/section>/.exec(bossPage.text)![0];
    expect(viewers).to.contain('Nguyễn Thị Lan').and.contain('Cán bộ xử lý').and.not.contain('Trần Văn Hùng');
    // the leader reads only, and sees who viewed too
    const leaderPage = await (await loginAgent(app, leader.username, leader.password)).agent.get(`/tickets/${ticket.ref}`).expect(200);
    const seen = /data-testid="viewers"[\s\S]*?<\/section>/.exec(leaderPage.text)![0];
    expect(seen).to.contain('Nguyễn Thị Lan').and.contain('Trần Văn Hùng').and.contain('Phụ trách').and.not.contain('Lê Quang Minh');
    expect(seen.match(/data-testid="viewer"/g)).to.have.length(2);
    expect(await db.models.TicketViewer.count({ where: { ticket_id: ticket.id } })).to.equal(3);
  });

  it('counts a later visit once, however many tabs ask at once', async () => {
    const db = getDb();
    const clerk = await staff(db, 'agent', a.agencyId);
    const actor = { id: clerk.user.id, username: clerk.username, role: 'agent' as const, agency_id: a.agencyId };
    const t0 = new Date('2026-12-01T02:00:00.000Z');
    const tk = { id: ticket.id, ref: ticket.ref, agency_id: a.agencyId };
    await viewTicket(db, tk, actor, t0);
    await viewTicket(db, tk, actor, new Date(t0.getTime() + VIEW_VISIT_MS - 1));
    const later = new Date(t0.getTime() + VIEW_VISIT_MS + 5_000);
    await Promise.all([viewTicket(db, tk, actor, later), viewTicket(db, tk, actor, later), viewTicket(db, tk, actor, later)]);
    const row = (await db.models.TicketViewer.findOne({ where: { ticket_id: ticket.id, user_id: clerk.user.id } }))!;
    expect(row.view_count).to.equal(2);
    expect(row.first_at.toISOString()).to.equal(t0.toISOString());
    expect(row.last_at.toISOString()).to.equal(later.toISOString());
  });

  it('refuses another agency\'s reader in the service and on the page, recording nothing', async () => {
    const db = getDb();
    const outsider = await staff(db, 'supervisor', b.agencyId);
    const actor = { id: outsider.user.id, username: outsider.username, role: 'supervisor' as const, agency_id: b.agencyId };
    let refused: unknown = null;
    await viewTicket(db, { id: ticket.id, ref: ticket.ref, agency_id: a.agencyId }, actor).catch((e) => { refused = e; });
    expect(refused).to.be.instanceOf(TicketNotFoundError);
    const hr = await staff(db, 'hr', a.agencyId);
    let forbidden: unknown = null;
    await viewTicket(db, { id: ticket.id, ref: ticket.ref, agency_id: a.agencyId }, { id: hr.user.id, username: hr.username, role: 'hr', agency_id: a.agencyId })
      .catch((e) => { forbidden = e; });
    expect((forbidden as Error | null)?.name).to.equal('TicketForbiddenError');
    await (await loginAgent(app, outsider.username, outsider.password)).agent.get(`/tickets/${ticket.ref}`).expect(404);
    expect(await db.models.TicketViewer.count({ where: { ticket_id: ticket.id, user_id: [outsider.user.id, hr.user.id] } })).to.equal(0);
  });

  it('the case export lists every viewer in viewers.json and viewers.csv', async () => {
    const db = getDb();
    const boss = await staff(db, 'supervisor', a.agencyId, 'Phạm Thu Trang');
    const { agent } = await loginAgent(app, boss.username, boss.password);
    await agent.get(`/tickets/${ticket.ref}`).expect(200);
    const res = await agent.get(`/tickets/${ticket.ref}/export.zip`).buffer(true).parse(binary as never).expect(200);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const rows = JSON.parse(await zip.file('viewers.json')!.async('string')) as { username: string; name: string; role: string; first_at: string; last_at: string; views: number }[];
    const expected = await db.models.TicketViewer.count({ where: { ticket_id: ticket.id } });
    expect(rows).to.have.length(expected);
    expect(rows.find((r) => r.username === boss.username)).to.include({ name: 'Phạm Thu Trang', role: 'supervisor', views: 1 });
    const csv = await zip.file('viewers.csv')!.async('string');
    expect(csv).to.match(/^username,name,role,first_at,last_at,views\r\n/);
    expect(csv).to.contain(`${boss.username},Phạm Thu Trang,supervisor,`);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { files: { name: string }[] };
    expect(manifest.files.map((f) => f.name)).to.include.members(['viewers.json', 'viewers.csv']);
  });
});
