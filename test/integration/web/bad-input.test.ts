// Hostile request data (issue 13 item 7): a NUL in a query, a path or a form field, a form key sent twice (which
// the parsers turn into an array), JSON of the wrong types or not JSON at all. Each is a 400 with a message in
// the reader's language, nothing is written, and no NUL reaches SQL (SQLite refused one with a 500).
import { expect } from 'chai';
import request from 'supertest';
import type { Db } from '../../../server/db/index.js';
import { forEachDb } from '../../support/databases.js';
import { csrfOf, loginAgent, testApp, type Agent } from '../../support/web.js';
import { addHotlineAgency, citizenMail, staff } from '../tickets/ticket-fixture.js';

const VI = 'Yêu cầu không hợp lệ.';
const EN = 'Invalid request.';

forEachDb('issue 13 item 7: bad request data is a 400 with a message, never a 500', (getDb) => {
  let app: ReturnType<typeof testApp>;
  let agent: Agent;
  let csrf: string;
  let ref: string;
  let ticketId: number;

  /** Everything a refused request could have written. */
  const written = async (db: Db) => [await db.models.TicketEvent.count({ where: { ticket_id: ticketId } }),
    await db.models.AuditLog.count(), await db.models.Outbox.count(), (await db.models.Ticket.findByPk(ticketId))!.status];

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    const h = await addHotlineAgency(db, 'STP');
    ({ ref, id: ticketId } = await citizenMail(db, h, { from: 'dan@example.vn', subject: 'Hỏi về hồ sơ' }));
    app = testApp(db);
    ({ agent, csrf } = await loginAgent(app, await staff(db, 'agent', h.agencyId)));
  });

  it('a NUL in a query string, in a path or in a form field is a 400 in Vietnamese, and in English when asked', async () => {
    const db = getDb();
    const before = await written(db);
    for (const path of ['/tickets?q=%00', '/tickets?q=abc%00def&status=new', `/tickets/${ref}%00`, '/admin/users?q=%00']) {
      const page = await agent.get(path).set('Accept', 'text/html');
      expect([path, page.status]).to.deep.equal([path, 400]);
      expect(page.text).to.contain(VI);
    }
    const json = await agent.get('/tickets?q=%00&lang=en').set('Accept', 'application/json');
    expect(json.status).to.equal(400);
    expect(json.body.error).to.deep.equal({ id: 'error.bad_request', status: 400, message: EN });
    const note = await agent.post(`/tickets/${ref}/note?lang=vi`).type('form').send(`_csrf=${encodeURIComponent(csrf)}&note=ghi%00chu`);
    expect(note.status).to.equal(400);
    expect(note.text).to.contain(VI);
    const jsonNote = await agent.post(`/tickets/${ref}/note`).set('X-CSRF-Token', csrf).set('Accept', 'application/json')
      .send({ note: 'ghi\u0000chú', nested: { ['k\u0000']: 'v' } });
    expect([jsonNote.status, jsonNote.body.error?.message]).to.deep.equal([400, VI]);
    expect(await written(db)).to.deep.equal(before);
  });

  it('a form key sent twice is a 400, not a 500', async () => {
    const db = getDb();
    const before = await written(db);
    const token = encodeURIComponent(csrf);
    for (const [path, body] of [
      [`/tickets/${ref}/note`, `_csrf=${token}&note=mot&note=hai`],
      [`/tickets/${ref}/reply`, `_csrf=${token}&body=mot&body=hai`],
      [`/tickets/${ref}/status`, `_csrf=${token}&status=resolved&status=closed`],
      ['/account/password', `_csrf=${token}&current=a&current=b&password=x&confirm=x`],
    ] as const) {
      const res = await agent.post(path).type('form').set('Accept', 'text/html').send(body);
      expect([path, res.status]).to.deep.equal([path, 400]);
      expect(res.text).to.contain(VI);
    }
    const anonymous = request.agent(app);
    const login = await anonymous.get('/login').expect(200);
    const twice = await anonymous.post('/login').type('form').set('Accept', 'text/html')
      .send(`_csrf=${encodeURIComponent(csrfOf(login.text))}&username=a&username=b&password=x`);
    expect([twice.status, twice.text.includes(VI)]).to.deep.equal([400, true]);
    expect(await written(db)).to.deep.equal(before);
  });

  it('JSON of the wrong types, or not JSON at all, is a 400 with the message', async () => {
    const db = getDb();
    const before = await written(db);
    for (const [path, body] of [
      [`/tickets/${ref}/reply`, { body: 12, close: ['1'] }],
      [`/tickets/${ref}/note`, { note: { text: 'ghi chú' } }],
      [`/tickets/${ref}/status`, { status: ['resolved'] }],
      ['/account/password', { current: 1, password: true, confirm: true }],
    ] as const) {
      const res = await agent.post(path).set('X-CSRF-Token', csrf).set('Accept', 'application/json').send(body);
      expect([path, res.status, res.body.error?.message]).to.deep.equal([path, 400, VI]);
    }
    const broken = await agent.post(`/tickets/${ref}/note`).set('X-CSRF-Token', csrf).set('Accept', 'application/json')
      .set('Content-Type', 'application/json').send('{"note": "ghi chú"');
    expect([broken.status, broken.body.error?.message]).to.deep.equal([400, VI]);
    expect(await written(db)).to.deep.equal(before);
  });
});
