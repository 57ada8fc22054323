// Each mail is stored and shown at the time the mail server received it (IMAP INTERNALDATE), not when the
// poller fetched it nor the sender's Date header: APPEND with a chosen INTERNALDATE to a real Dovecot, poll days
// later, and read the rows and the ticket page (conversation and timeline), on both databases.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { appendMessages, type ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, DOMAIN, ingestCtx, mail, poll } from './hotline-fixture.js';

// 08:05 and 10:30 in the province (UTC+7); the fixture's Date header says 2 March 09:15, the poll runs on 5 March.
const FIRST = new Date('2026-03-03T01:05:00Z');
const REPLY = new Date('2026-03-04T03:30:00Z');
const POISON = new Date('2026-03-04T05:00:00Z');
const POLLED = new Date('2026-03-05T02:00:00Z');

forEachDb('received time of each mail', (getDb) => {
  let dv: DovecotInstance;
  let inbox: ImapConfig;
  let agencyId: number;
  const TO = `stp@${DOMAIN}`;
  const db = (): TestDb => getDb();

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    inbox = await addHotline(db(), dv, 'STP');
    agencyId = (await db().models.Agency.findOne({ where: { code: 'STP' } }))!.id;
  });
  after(async () => dv?.destroy());

  it('keeps INTERNALDATE on the ticket and on every message row, threaded or quarantined, and the ticket page shows it', async () => {
    await appendMessages(inbox, [mail({ to: TO, from: 'an@example.vn', subject: 'Đèn đường hỏng', messageId: '<first@citizen.example>' })], [], FIRST);
    await appendMessages(inbox, [mail({ to: TO, from: 'an@example.vn', subject: 'Re: Đèn đường hỏng', headers: ['In-Reply-To: <first@citizen.example>'] })], [], REPLY);
    await appendMessages(inbox, [Buffer.from('\r\n\r\n   \r\n')], [], POISON);
    const counts = await poll(db(), ingestCtx({ now: () => POLLED }));
    expect([counts.tickets, counts.threaded, counts.quarantined]).to.deep.equal([1, 1, 1]);

    const ticket = (await db().models.Ticket.findOne({ where: { citizen_address: 'an@example.vn' } }))!;
    expect(ticket.received_at.toISOString()).to.equal(FIRST.toISOString());
    const rows = await db().models.Message.findAll({ order: [['id', 'ASC']] });
    expect(rows.map((m) => [m.classification, m.received_at?.toISOString()])).to.deep.equal([
      ['human', FIRST.toISOString()], ['human', REPLY.toISOString()], ['quarantined', POISON.toISOString()]]);
    for (const m of rows) expect(m.created_at!.getTime(), 'the fetch is a different time').to.not.equal(m.received_at!.getTime());

    const app = testApp(db());
    const { agent } = await loginAgent(app, await buildUser(db(), { role: 'agent', agencyId }));
    const page = (await agent.get(`/tickets/${ticket.ref}`).expect(200)).text;
    const shown = [...page.matchAll(/data-testid="msg-in">\s*<header>.*?<span class="muted">([^<]+)<\/span>/gs)].map((m) => m[1]);
    expect(shown).to.deep.equal(['08:05 03/03/2026', '10:30 04/03/2026']);
    // The timeline too: the ticket was received, and the citizen wrote again, when the mail server got each mail
    // (the events table keeps the fetch), and "Tiếp nhận" leads the events of its instant (triage, the clock).
    const timeline = /data-testid="timeline">([\s\S]*?)<\/ol>/.exec(page)![1]!;
    const lines = [...timeline.matchAll(/data-testid="event-([a-z_]+)"[^>]*><span class="muted">([^<]+)<\/span>/g)].map((m) => [m[1], m[2]]);
    expect(lines[0]).to.deep.equal(['created', '08:05 03/03/2026']);
    expect(lines.filter(([kind]) => kind === 'inbound')).to.deep.equal([['inbound', '10:30 04/03/2026']]);
    const stored = await db().models.TicketEvent.findOne({ where: { ticket_id: ticket.id, kind: 'inbound' } });
    expect(stored!.at.toISOString(), 'the event row keeps the fetch').to.equal(POLLED.toISOString());
  });
});
