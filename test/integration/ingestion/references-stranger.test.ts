// Issue 13 item 9: a Message-ID is no secret (every recipient of a mail sees it), so a References or In-Reply-To
// header naming another ticket's mail proves nothing about who writes. The participant rule of the subject ref
// applies: the ticket's citizen or someone who already wrote into it threads; a stranger's mail opens a ticket of
// its own, linked "may relate to" the one it names, for an officer to merge.
import { expect } from 'chai';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';
import { forEachDb } from '../../support/databases.js';
import { addHotlineAgency, ingest, mail, type Hotline } from '../tickets/ticket-fixture.js';

forEachDb('issue 13 item 9: threading by References from a stranger', (getDb) => {
  let h: Hotline;
  let a: TicketAttrs;
  const CITIZEN = 'Trần Văn Xuân <xuan@example.vn>';
  const STRANGER = 'Người Lạ <y.stranger@example.org>';
  const FIRST_ID = '<a-first@example.vn>';
  const messagesOf = (ticketId: number) => getDb().models.Message.count({ where: { ticket_id: ticketId } });
  const newest = async () => (await getDb().models.Ticket.findOne({ order: [['id', 'DESC']], raw: true })) as TicketAttrs;

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    h = await addHotlineAgency(db, 'STP');
    expect(await ingest(db, h, mail({ to: h.address, from: CITIZEN, subject: 'Xin cấp phép xây dựng', messageId: FIRST_ID }))).to.equal('ticket');
    a = await newest();
  });

  it('a stranger\'s mail naming ticket A\'s Message-ID in References opens a new ticket linked "may relate to" A', async () => {
    const db = getDb();
    const raw = mail({ to: h.address, from: STRANGER, subject: 'Re: Xin cấp phép xây dựng', body: 'Tôi bổ sung hồ sơ.',
      headers: [`In-Reply-To: ${FIRST_ID}`, `References: ${FIRST_ID}`] });
    expect(await ingest(db, h, raw)).to.equal('ticket');
    const opened = await newest();
    expect(opened.id).to.not.equal(a.id);
    expect([opened.citizen_address, opened.related_ticket_id, opened.relation]).to.deep.equal(['y.stranger@example.org', a.id, 'may_relate_to']);
    expect(await messagesOf(a.id)).to.equal(1);
    const created = await db.models.TicketEvent.findOne({ where: { ticket_id: opened.id, kind: 'created' }, raw: true });
    expect(JSON.parse(created!.details!)).to.deep.equal({ related: { ticketId: a.id, relation: 'may_relate_to' } });
  });

  it('a stranger naming it only in References (no In-Reply-To) does not thread either', async () => {
    const db = getDb();
    const raw = mail({ to: h.address, from: 'khac@example.org', subject: 'Góp ý', headers: [`References: <other@example.org> ${FIRST_ID}`] });
    expect(await ingest(db, h, raw)).to.equal('ticket');
    expect([(await newest()).related_ticket_id, await messagesOf(a.id)]).to.deep.equal([a.id, 1]);
  });

  it('the same mail from the ticket\'s citizen threads into A', async () => {
    const db = getDb();
    const [tickets, messages] = [await db.models.Ticket.count(), await messagesOf(a.id)];
    const raw = mail({ to: h.address, from: CITIZEN, subject: 'Re: Xin cấp phép xây dựng', body: 'Tôi bổ sung hồ sơ.',
      headers: [`In-Reply-To: ${FIRST_ID}`, `References: ${FIRST_ID}`] });
    expect(await ingest(db, h, raw)).to.equal('threaded');
    expect([await db.models.Ticket.count(), await messagesOf(a.id)]).to.deep.equal([tickets, messages + 1]);
  });
});
