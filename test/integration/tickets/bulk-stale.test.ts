// Bulk actions carry the queue's version (issue 14 items 1 and 5), both databases: the queue's bulk form carries the
// highest event id when the queue was drawn, sealed so that it tells nothing of other agencies' activity; a ticket
// someone else changed since is refused, with what changed, in Vietnamese or English, while the others change;
// "do it anyway" acts on the refused ones.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { addNote } from '../../../server/services/tickets/index.js';
import { addHotlineAgency, citizenMail, staff, type Hotline } from './ticket-fixture.js';

const seenOf = (html: string) => /<input type="hidden" name="seen" value="([^"]+)">/.exec(html)![1]!;
const unescape = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
function againFields(html: string): Record<string, string> {
  const form = /data-testid="bulk-again"[\s\S]*?<\/form>/.exec(html)![0];
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

forEachDb('bulk actions on tickets changed since the queue was drawn', (getDb) => {
  let h: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    h = await addHotlineAgency(getDb(), 'BLK');
    app = testApp(getDb());
  });

  async function setup(lang?: 'en') {
    const db = getDb();
    const a = await citizenMail(db, h, { subject: 'Đường ngập sau mưa' });
    const b = await citizenMail(db, h, { subject: 'Chợ lấn chiếm lòng đường' });
    const agent = (await staff(db, 'agent', h.agencyId, 'Cán Bộ Nhận Việc')).user;
    const boss = await loginAgent(app, await staff(db, 'supervisor', h.agencyId, 'Trưởng Phòng'));
    const queue = await boss.agent.get(lang ? `/tickets?lang=${lang}` : '/tickets').expect(200);
    const seen = seenOf(queue.text);
    const colleague = (await staff(db, 'agent', h.agencyId, 'Cán Bộ Khác')).user;
    await addNote(db, { ticketRef: a.ref, actor: colleague, text: 'Đã liên hệ công dân.' });
    const form = { refs: `${a.ref},${b.ref}`, action: 'assign', assignee: String(agent.id), status: '', category: '', seen };
    return { db, a, b, agent, boss, colleague, form };
  }

  it('refuses the ticket changed since the queue was drawn, with what changed, changes the other, and does it anyway on request', async () => {
    const { db, a, b, agent, boss, colleague, form } = await setup();
    const ask = await boss.agent.post('/tickets/bulk').type('form').send({ _csrf: boss.csrf, ...form }).expect(200);
    expect(ask.text, 'the confirmation carries the queue\'s version').to.contain(`name="seen" value="${form.seen}"`);
    const done = await boss.agent.post('/tickets/bulk').type('form').send({ _csrf: boss.csrf, ...form, confirm: '1' }).expect(200);
    const refused = /data-testid="bulk-refused">([\s\S]*?)<\/dd>/.exec(done.text)![1]!;
    expect(refused).to.contain(a.ref).and.contain('hồ sơ đã có thay đổi từ khi anh/chị mở danh sách').and.contain('Ghi chú').and.contain(colleague.username);
    expect(/data-testid="bulk-changed">([\s\S]*?)<\/dd>/.exec(done.text)![1]).to.contain(b.ref).and.not.contain(a.ref);
    const assigned = async (id: number) => (await db.models.TicketEvent.findAll({ where: { ticket_id: id, kind: 'assign' } }))
      .map((e) => JSON.parse(e.details!).assigneeId);
    expect(await assigned(a.id)).to.deep.equal([]);
    expect(await assigned(b.id)).to.deep.equal([agent.id]);

    const again = againFields(done.text);
    expect(again).to.include({ refs: a.ref, action: 'assign', assignee: String(agent.id), confirm: '1', confirm_stale: '1' });
    const redone = await boss.agent.post('/tickets/bulk').type('form').send({ ...again, _csrf: boss.csrf }).expect(200);
    expect(/data-testid="bulk-changed">([\s\S]*?)<\/dd>/.exec(redone.text)![1]).to.contain(a.ref);
    expect(await assigned(a.id)).to.deep.equal([agent.id]);
  });

  it('says why in English for an English user, and still changes nothing on the changed ticket', async () => {
    const { db, a, boss, form } = await setup('en');
    const done = await boss.agent.post('/tickets/bulk').type('form').send({ _csrf: boss.csrf, ...form, action: 'category', category: 'giao_thong', confirm: '1' }).expect(200);
    const refused = /data-testid="bulk-refused">([\s\S]*?)<\/dd>/.exec(done.text)![1]!;
    expect(refused).to.contain(a.ref).and.contain('the case changed since you opened the queue').and.contain('Note');
    expect((await db.models.Ticket.findByPk(a.id))!.category).to.not.equal('giao_thong');
  });

  it('gives an officer a mark that does not change with another agency\'s events, and still acts on their own unchanged ticket', async () => {
    const db = getDb();
    const mine = await citizenMail(db, h, { subject: 'Đèn đường hỏng' });
    const other = await addHotlineAgency(db, 'BLO');
    const theirs = await citizenMail(db, other, { subject: 'Cây đổ chắn lối đi' });
    const theirAgent = (await staff(db, 'agent', other.agencyId, 'Cán Bộ Đơn Vị Khác')).user;
    const boss = await loginAgent(app, await staff(db, 'supervisor', h.agencyId, 'Trưởng Phòng Xem'));
    const draw = async () => seenOf((await boss.agent.get('/tickets').expect(200)).text);
    const first = await draw();
    const quiet = await draw();
    for (const text of ['Đã gọi công dân.', 'Đã cử người đến.', 'Đã dọn xong.']) await addNote(db, { ticketRef: theirs.ref, actor: theirAgent, text });
    const busy = await draw();
    // in clear the mark was the province's highest event id, rising with every event of every agency
    for (const mark of [first, quiet, busy]) expect(mark).not.to.match(/^\d+$/);
    // each drawing's mark is new, with or without the other agency's events in between, and as long as any other
    expect(new Set([first, quiet, busy]).size).to.equal(3);
    expect([quiet.length, busy.length]).to.deep.equal([first.length, first.length]);

    const form = { refs: mine.ref, action: 'category', assignee: '', status: '', category: 'giao_thong', seen: first, confirm: '1' };
    const done = await boss.agent.post('/tickets/bulk').type('form').send({ _csrf: boss.csrf, ...form }).expect(200);
    expect(/data-testid="bulk-changed">([\s\S]*?)<\/dd>/.exec(done.text)![1]).to.contain(mine.ref);
    expect(/data-testid="bulk-refused">([\s\S]*?)<\/dd>/.exec(done.text)![1]!.trim()).to.equal('—');
    expect((await db.models.Ticket.findByPk(mine.id))!.category).to.equal('giao_thong');
  });

  it('still refuses, on a mark drawn before, a ticket of theirs someone else changed since', async () => {
    const db = getDb();
    const mine = await citizenMail(db, h, { subject: 'Nước sinh hoạt đục' });
    const boss = await loginAgent(app, await staff(db, 'supervisor', h.agencyId, 'Trưởng Phòng Khác'));
    const seen = seenOf((await boss.agent.get('/tickets').expect(200)).text);
    await addNote(db, { ticketRef: mine.ref, actor: (await staff(db, 'agent', h.agencyId, 'Cán Bộ Ghi Chú')).user, text: 'Đã báo công ty nước.' });
    const form = { refs: mine.ref, action: 'category', assignee: '', status: '', category: 'giao_thong', seen, confirm: '1' };
    const done = await boss.agent.post('/tickets/bulk').type('form').send({ _csrf: boss.csrf, ...form }).expect(200);
    expect(/data-testid="bulk-refused">([\s\S]*?)<\/dd>/.exec(done.text)![1]).to.contain(mine.ref);
    expect((await db.models.Ticket.findByPk(mine.id))!.category).to.not.equal('giao_thong');
  });
});
