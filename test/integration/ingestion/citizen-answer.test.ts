// A citizen's answer through the real ingestion path (APPEND to Dovecot, poll): it resumes a ticket whose clock
// waits for the citizen, and the deadline moves by the paused time only (issue 14 item 3 (a)).
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { buildUser } from '../../support/web.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { pauseTicket } from '../../../server/services/tickets/clock-actions.js';
import { addHotline, append, DOMAIN, mail, poll } from './hotline-fixture.js';

forEachDb('a citizen answer resumes the clock', (getDb) => {
  let dv: DovecotInstance;
  let inbox: ImapConfig;
  const TO = `stp@${DOMAIN}`;
  const db = (): TestDb => getDb();

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    inbox = await addHotline(db(), dv, 'STP');
  });
  after(async () => dv?.destroy());

  it('resumes a ticket paused for the citizen when their reply is polled in', async () => {
    const from = 'dan@example.vn';
    await append(inbox, [mail({ to: TO, from, subject: 'Xin cấp phép sửa nhà', messageId: '<xin-phep@citizen.example>' })]);
    expect((await poll(db())).tickets).to.equal(1);
    const ticket = (await db().models.Ticket.findOne({ where: { citizen_address: from } }))!;
    const agency = ticket.agency_id;
    const { user } = await buildUser(db(), { role: 'agent', agencyId: agency });
    await pauseTicket(db(), { ticketRef: ticket.ref, actor: user, reason: 'waiting_citizen', note: 'Thiếu bản vẽ hiện trạng' });
    const paused = (await getClock(db(), ticket.id))!;
    expect(paused.pause_reason).to.equal('waiting_citizen');

    await append(inbox, [mail({ to: TO, from, subject: `Re: [${ticket.ref}] Xin cấp phép sửa nhà`, body: 'Tôi gửi bản vẽ.',
      headers: ['In-Reply-To: <xin-phep@citizen.example>', 'References: <xin-phep@citizen.example>'] })]);
    const second = await poll(db());
    expect([second.tickets, second.threaded]).to.deep.equal([0, 1]);
    const clock = (await getClock(db(), ticket.id))!;
    expect([clock.paused_at, clock.pause_reason]).to.deep.equal([null, null]);
    expect(clock.resolution_due!.getTime()).to.be.at.least(paused.resolution_due!.getTime());
    expect((await db().models.Ticket.findByPk(ticket.id))!.status).to.equal('open');
    const kinds = (await db().models.TicketEvent.findAll({ where: { ticket_id: ticket.id }, order: [['id', 'ASC']] })).map((e) => e.kind);
    expect(kinds.slice(-3)).to.deep.equal(['pause', 'inbound', 'resume']);
  });
});
