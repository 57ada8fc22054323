// The hotline queue (issue 14 item 1) on both databases: every filter, the search without tone marks over subject,
// body, citizen and ref, keyset pages that neither repeat nor skip a ticket while new ones arrive, bulk actions that
// refuse another agency's tickets exactly as the single action does, and saved views that belong to one user.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, loginAgent } from '../../support/web.js';
import { assignTicket, listQueue, queueSummary } from '../../../server/services/tickets/index.js';
import { TicketOpener } from '../../../server/services/tickets/open-ticket.js';
import { addHotlineAgency, citizenMail, staff } from './ticket-fixture.js';

const refsOf = (html: string) => [...html.matchAll(/data-testid="queue-row" data-ref="([^"]+)"/g)].map((m) => m[1]);
const HOUR = 3_600_000;

forEachDb('hotline queue', (getDb) => {
  let app: ReturnType<typeof testApp>;
  let seq = 0;
  const agency = async () => addHotlineAgency(getDb(), `Q${String.fromCharCode(65 + seq++)}`);
  before(() => { app = testApp(getDb()); });

  it('filters by class, category, priority, status, clock state, received dates and (for wide scopes only) agency', async () => {
    const db = getDb();
    const [a, b] = [await agency(), await agency()];
    const now = Date.now();
    const t1 = await citizenMail(db, a, { subject: 'Khiếu nại về bồi thường đất' });
    const t2 = await citizenMail(db, a, { subject: 'Hỏi thủ tục cấp phép' });
    const t3 = await citizenMail(db, a, { subject: 'Phản ánh đèn đường' });
    const t4 = await citizenMail(db, b, { subject: 'Hồ sơ cơ quan khác' });
    await db.models.Ticket.update({ class: 'khieu_nai', category: 'dat_dai', priority: 'urgent', due_at: new Date(now - HOUR), status: 'open' }, { where: { id: t1.id } });
    await db.models.Ticket.update({ class: 'phan_anh_kien_nghi', category: null, priority: 'normal', due_at: new Date(now + 30 * 24 * HOUR), received_at: new Date('2026-01-10T03:00:00Z') }, { where: { id: t2.id } });
    await db.models.Ticket.update({ class: 'to_cao', category: 'giao_thong', priority: 'low', status: 'pending' }, { where: { id: t3.id } });
    await db.models.TicketSla.update({ paused_at: new Date(now - HOUR), pause_reason: 'waiting_citizen' }, { where: { ticket_id: t3.id } });
    const { agent } = await loginAgent(app, await staff(db, 'agent', a.agencyId));
    const get = async (query: Record<string, string>) => refsOf((await agent.get('/tickets').query(query).expect(200)).text);

    expect(await get({ class: 'khieu_nai' })).to.deep.equal([t1.ref]);
    expect(await get({ category: 'dat_dai' })).to.deep.equal([t1.ref]);
    expect(await get({ category: 'none' })).to.include(t2.ref).and.not.include(t1.ref);
    expect(await get({ priority: 'urgent' })).to.deep.equal([t1.ref]);
    expect(await get({ status: 'pending' })).to.deep.equal([t3.ref]);
    expect(await get({ sla: 'overdue' })).to.deep.equal([t1.ref]);
    expect(await get({ sla: 'paused' })).to.deep.equal([t3.ref]);
    expect(await get({ sla: 'on_time' })).to.include(t2.ref).and.not.include.members([t1.ref, t3.ref]);
    // a running ticket with no deadline shows no clock badge, so no clock filter lists it either
    const t5 = await citizenMail(db, a, { subject: 'Hồ sơ chưa có hạn' });
    await db.models.Ticket.update({ due_at: null, status: 'open' }, { where: { id: t5.id } });
    for (const sla of ['on_time', 'at_risk', 'overdue', 'paused']) expect(await get({ sla }), sla).to.not.include(t5.ref);
    // the queue and the ticket page tell the same working days left, counted on the agency's calendar
    await db.models.TicketSla.update({ resolution_due: new Date(now + 30 * 24 * HOUR) }, { where: { ticket_id: t2.id } });
    const queueLeft = /data-testid="queue-left"[^>]*>\s*còn (\d+) ngày/.exec((await agent.get('/tickets').query({ class: 'phan_anh_kien_nghi', sla: 'on_time' }).expect(200)).text);
    expect(queueLeft, 'the queue row of t2 says how many working days are left').to.not.equal(null);
    expect((await agent.get(`/tickets/${t2.ref}`).expect(200)).text).to.contain(`Còn ${queueLeft![1]} ngày làm việc`);
    expect(await get({ from: '2026-01-10', to: '2026-01-10' })).to.deep.equal([t2.ref]);
    expect(await get({ to: '2026-01-09' })).to.deep.equal([]);
    // dates as an officer types them, day/month/year; the links of the page carry them as ISO
    expect(await get({ from: '10/01/2026', to: '10/1/2026' })).to.deep.equal([t2.ref]);
    const typed = (await agent.get('/tickets').query({ from: '10/01/2026', to: '31/02/2026' }).expect(200)).text;
    expect(typed).to.contain('value="10/01/2026"').and.contain('from&#x3D;2026-01-10');
    // a day it cannot read is left out of the filter, kept as typed, with the error next to its field
    expect(typed).to.match(/id="f-to-error">[\s\S]*Nhập ngày theo dạng ngày\/tháng\/năm/).and.contain('value="31/02/2026"');
    // an agent's agency filter is ignored: their scope stays their agency
    expect(await get({ agency: String(b.agencyId) })).to.include(t1.ref).and.not.include(t4.ref);
    const page = (await agent.get('/tickets').expect(200)).text;
    expect(page).not.to.contain('data-testid="filter-agency"');
    expect(page).to.contain('data-testid="queue-left"');

    const admin = await loginAgent(app, await staff(db, 'admin', null));
    const wide = await admin.agent.get('/tickets').query({ agency: String(b.agencyId) }).expect(200);
    expect(wide.text).to.contain('data-testid="filter-agency"');
    expect(refsOf(wide.text)).to.deep.equal([t4.ref]);
  });

  it('finds a ticket by a word typed without tone marks in its subject, body or citizen name, and by its ref', async () => {
    const db = getDb();
    const a = await agency();
    const t = await citizenMail(db, a, { from: 'Nguyễn Thị Hường <huong@example.vn>', subject: 'Ô nhiễm tiếng ồn karaoke', body: 'Quán hát đến nửa đêm ở tổ dân phố Phương Lâm.' });
    const other = await citizenMail(db, a, { subject: 'Một việc khác hẳn' });
    const { agent } = await loginAgent(app, await staff(db, 'agent', a.agencyId));
    for (const q of ['o nhiem', 'TIENG ON', 'phuong lam', 'nua dem', 'huong', 'nguyen thi', t.ref.toLowerCase()]) {
      const refs = refsOf((await agent.get('/tickets').query({ q }).expect(200)).text);
      expect(refs, q).to.deep.equal([t.ref]);
    }
    expect(refsOf((await agent.get('/tickets').query({ q: 'khac han' }).expect(200)).text)).to.deep.equal([other.ref]);
  });

  it('pages by keyset in either sort with no ticket repeated or skipped while new tickets arrive', async () => {
    const db = getDb();
    const a = await agency();
    const user = (await staff(db, 'agent', a.agencyId)).user;
    const first: number[] = [];
    for (let i = 0; i < 11; i++) first.push((await citizenMail(db, a, { subject: `Hồ sơ thứ ${i}` })).id);
    // ties on the deadline and tickets without one test the id tie-break and the null tail
    const due = new Date(Date.now() + 5 * 24 * HOUR);
    await db.models.Ticket.update({ due_at: due }, { where: { id: first.slice(0, 4) } });
    await db.models.Ticket.update({ due_at: null }, { where: { id: first.slice(8) } });
    await db.models.Ticket.update({ received_at: new Date('2026-03-01T00:00:00Z') }, { where: { id: first.slice(2, 6) } });
    for (const sort of ['due', 'received_desc', 'received_asc'] as const) {
      const seen: number[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await listQueue(db, { actor: user, filter: {}, sort, after, pageSize: 3 });
        seen.push(...page.items.map((i) => i.id));
        after = page.next ?? undefined;
        pages++;
        await citizenMail(db, a, { subject: `Hồ sơ mới trong lúc xem ${sort} ${pages}` });
      } while (after && pages < 40);
      const initial = seen.filter((id) => first.includes(id));
      expect(initial, sort).to.have.members(first);
      expect(new Set(seen).size, `${sort}: no repeats`).to.equal(seen.length);
    }
    // unfiltered, the total is the status counts' sum; filtered, its own count
    const all = await db.models.Ticket.count({ where: { agency_id: a.agencyId } });
    expect((await listQueue(db, { actor: user, filter: {} })).total).to.equal(all);
    expect((await listQueue(db, { actor: user, filter: { q: 'Hồ sơ thứ' } })).total).to.equal(first.length);
    const byDue = (await listQueue(db, { actor: user, filter: {}, sort: 'due', pageSize: 50 })).items;
    const withDue = byDue.filter((i) => i.dueAt !== null);
    expect(byDue.slice(withDue.length).every((i) => i.dueAt === null), 'no deadline last').to.equal(true);
    const tied = byDue.filter((i) => first.slice(0, 4).includes(i.id)).map((i) => i.id);
    expect(tied).to.deep.equal([...tied].sort((x, y) => x - y));
  });

  it('filters by assignee on the clock, else on the latest assign event, alike in every page, its total and the home count', async () => {
    const db = getDb();
    const a = await agency();
    const [ann, bao] = [(await staff(db, 'agent', a.agencyId)).user, (await staff(db, 'agent', a.agencyId)).user];
    const assign = (ref: string, to: number | null) => assignTicket(db, { ticketRef: ref, actor: ann, assigneeId: to });
    const clocked = async (subject: string) => citizenMail(db, a, { subject });
    const history = async (subject: string) => (await new TicketOpener(db).openOne({ agency: { id: a.agencyId, code: a.code },
      citizenAddress: 'old@example.vn', citizenName: null, subject, receivedAt: new Date('2025-06-01T02:00:00Z'), history: true, triage: null, now: new Date() })).ticket;
    const c1 = await clocked('Giao cho An'); await assign(c1.ref, ann.id);
    const c2 = await clocked('Từ An sang Bảo'); await assign(c2.ref, ann.id); await assign(c2.ref, bao.id);
    // the clock is the record: an 'assign' event naming An on a clock with no one (its officer removed) is not hers
    const c3 = await clocked('Người nhận đã xoá'); await assign(c3.ref, ann.id);
    await db.models.TicketSla.update({ assignee_id: null }, { where: { ticket_id: c3.id } });
    const c4 = await clocked('Chưa giao'); await assign(c4.ref, null); // the agency's auto-assignment may have given it to one of them
    const h1 = await history('Lịch sử giao An'); await assign(h1.ref, ann.id);
    // without a clock the latest event is the record: given to An, then to Bảo, it is Bảo's, not An's
    const h2 = await history('Lịch sử từ An sang Bảo'); await assign(h2.ref, ann.id); await assign(h2.ref, bao.id);
    const h3 = await history('Lịch sử giao rồi bỏ'); await assign(h3.ref, ann.id); await assign(h3.ref, null);
    const h4 = await history('Lịch sử chưa giao');
    const now = new Date();
    // one row a page, so every page walks its sort past rows of other assignees; the total is counted apart
    const all = async (assignee: number | 'none', sort: 'due' | 'received_desc') => {
      const refs: string[] = [];
      let after: string | undefined;
      let total = -1;
      do {
        const page = await listQueue(db, { actor: ann, filter: { assignee }, sort, after, now, pageSize: 1 });
        refs.push(...page.items.map((i) => i.ref));
        ({ total } = page);
        after = page.next ?? undefined;
      } while (after);
      return { refs: refs.sort(), total };
    };
    const expected = { [ann.id]: [c1, h1], [bao.id]: [c2, h2], none: [c3, c4, h3, h4] };
    for (const sort of ['due', 'received_desc'] as const) {
      for (const [who, tickets] of Object.entries(expected)) {
        const assignee = who === 'none' ? 'none' : Number(who);
        const refs = tickets.map((t) => t.ref).sort();
        expect(await all(assignee, sort), `${who} by ${sort}`).to.deep.equal({ refs, total: refs.length });
      }
    }
    // the home page's count of the actor's worked tickets reads the same filter (the history ones are worked too)
    const worked = await db.models.Ticket.count({ where: { id: [c1.id, h1.id], status: ['new', 'open', 'pending'] } });
    expect((await queueSummary(db, ann, now)).mine).to.equal(worked);
  });

  it('confirms a bulk action first, then acts through the single-ticket action, refusing another agency\'s ticket', async () => {
    const db = getDb();
    const [a, b] = [await agency(), await agency()];
    const mine = [await citizenMail(db, a), await citizenMail(db, a)];
    const theirs = await citizenMail(db, b);
    const who = await staff(db, 'agent', a.agencyId, 'Đinh Văn Nhận');
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', a.agencyId));
    const refs = [...mine.map((t) => t.ref), theirs.ref];
    const form = { _csrf: csrf, refs, action: 'assign', assignee: String(who.user.id), status: '', category: '' };
    const ask = await agent.post('/tickets/bulk').type('form').send(form).expect(200);
    expect(ask.text).to.contain('data-testid="confirm"');
    expect(await db.models.TicketEvent.count({ where: { ticket_id: mine[0].id, kind: 'assign' } })).to.equal(0);

    const done = await agent.post('/tickets/bulk').type('form').send({ ...form, refs: refs.join(','), confirm: '1' }).expect(200);
    const refused = /data-testid="bulk-refused">([\s\S]*?)<\/dd>/.exec(done.text)![1];
    expect(refused).to.contain(theirs.ref).and.contain('không tìm thấy hồ sơ');
    for (const t of mine) {
      expect((await db.models.TicketSla.findByPk(t.id))!.assignee_id).to.equal(who.user.id);
      expect(await db.models.AuditLog.count({ where: { action: 'ticket.assign', target: t.ref } })).to.equal(1);
    }
    expect(await db.models.TicketEvent.count({ where: { ticket_id: theirs.id, kind: 'assign' } })).to.equal(0);
    expect(await db.models.AuditLog.count({ where: { target: theirs.ref, action: 'ticket.assign' } })).to.equal(0);

    await agent.post('/tickets/bulk').type('form').send({ _csrf: csrf, refs: refs.join(','), action: 'category', category: 'dat_dai', confirm: '1' }).expect(200);
    expect((await db.models.Ticket.findByPk(mine[1].id))!.category).to.equal('dat_dai');
    expect((await db.models.Ticket.findByPk(theirs.id))!.category).not.to.equal('dat_dai');

    const leader = await loginAgent(app, await staff(db, 'leader', a.agencyId));
    await leader.agent.post('/tickets/bulk').type('form').send({ _csrf: leader.csrf, refs: mine[0].ref, action: 'status', status: 'closed', confirm: '1' }).expect(403);
    expect((await db.models.Ticket.findByPk(mine[0].id))!.status).not.to.equal('closed');
  });

  it('keeps saved views per user: one user\'s view is neither shown to nor deletable by another', async () => {
    const db = getDb();
    const a = await agency();
    const one = await loginAgent(app, await staff(db, 'agent', a.agencyId));
    const two = await loginAgent(app, await staff(db, 'agent', a.agencyId));
    await one.agent.post('/tickets/views').type('form').send({ _csrf: one.csrf, name: 'Đất đai khẩn', query: 'category=land&priority=urgent&after=x.1.2' })
      .expect(303).expect('location', '/tickets?done=view_saved');
    const mine = (await one.agent.get('/tickets').expect(200)).text;
    expect(mine).to.contain('Đất đai khẩn');
    // the cursor is never kept: a saved view opens at its first page
    expect((await db.models.QueueView.findOne({ where: { name: 'Đất đai khẩn' } }))!.query).to.equal('category=land&priority=urgent');
    expect(mine).to.contain('Của tôi').and.contain('Quá hạn trong cơ quan tôi');
    expect((await two.agent.get('/tickets').expect(200)).text).not.to.contain('Đất đai khẩn');
    const view = (await db.models.QueueView.findOne({ where: { name: 'Đất đai khẩn' } }))!;
    await two.agent.post(`/tickets/views/${view.id}/delete`).type('form').send({ _csrf: two.csrf }).expect(303);
    expect(await db.models.QueueView.count({ where: { id: view.id } })).to.equal(1);
    await one.agent.post(`/tickets/views/${view.id}/delete`).type('form').send({ _csrf: one.csrf }).expect(303);
    expect(await db.models.QueueView.count({ where: { id: view.id } })).to.equal(0);
  });

  it('saves a double-submitted view once, one of the queries kept, instead of failing on the unique name', async () => {
    const db = getDb();
    const a = await agency();
    const one = await loginAgent(app, await staff(db, 'agent', a.agencyId));
    const save = (query: string) => one.agent.post('/tickets/views').type('form').send({ _csrf: one.csrf, name: 'Bấm hai lần', query });
    const answers = await Promise.all([save('status=open'), save('status=open'), save('status=new')]);
    expect(answers.map((r) => r.status)).to.deep.equal([303, 303, 303]);
    const rows = await db.models.QueueView.findAll({ where: { name: 'Bấm hai lần' } });
    expect(rows.length).to.equal(1);
    expect(['status=open', 'status=new']).to.include(rows[0]!.query);
  });
});
