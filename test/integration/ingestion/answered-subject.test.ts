// A citizen's "Re:" (or TL:, Trả lời:, Fwd:, Chuyển tiếp:) of their own open ticket's subject that lost every
// threading header: through the real ingestion path (APPEND to Dovecot, poll), it opens a ticket linked "may
// relate to" that ticket, for an officer to merge; a stranger's, another subject's or a closed ticket's is not.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';
import { getTicket } from '../../../server/services/tickets/detail.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { addHotline, append, DOMAIN, mail, poll } from './hotline-fixture.js';

forEachDb('a "Re:" without threading headers', (getDb) => {
  let dv: DovecotInstance;
  let inbox: ImapConfig;
  const TO = `stp@${DOMAIN}`;
  const db = (): TestDb => getDb();
  const ticketsOf = async (from: string) => (await db().models.Ticket.findAll({ where: { citizen_address: from }, order: [['id', 'ASC']], raw: true })) as TicketAttrs[];

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    inbox = await addHotline(db(), dv, 'STP');
  });
  after(async () => dv?.destroy());

  it('links each reply and forward prefix, with or without tone marks, to the citizen\'s open ticket as "may relate to"', async () => {
    const from = 'an@example.vn';
    await append(inbox, [mail({ to: TO, from, subject: 'Phản ánh đường hỏng ở xóm Đồng', body: 'Đường liên thôn nhiều ổ gà.' })]);
    await poll(db());
    const [original] = await ticketsOf(from);
    const subjects = ['Re: Phản ánh đường hỏng ở xóm Đồng', 'TL: Phan anh duong hong o xom Dong', 'Trả lời: Phản ánh đường hỏng ở xóm Đồng',
      'Fwd: Phản ánh đường hỏng ở xóm Đồng', 'Chuyển tiếp: PHẢN ÁNH ĐƯỜNG HỎNG Ở XÓM ĐỒNG', 'RE: re: Phản ánh đường hỏng ở xóm Đồng.'];
    await append(inbox, subjects.map((subject) => mail({ to: TO, from: `An <${from.toUpperCase()}>`, subject, body: 'Tôi bổ sung ảnh.' })));
    expect((await poll(db())).tickets).to.equal(subjects.length);
    const answers = (await ticketsOf(from)).slice(1);
    expect(answers.map((t) => [t.subject, t.related_ticket_id, t.relation])).to.deep.equal(subjects.map((s) => [s, original!.id, 'may_relate_to']));
    const created = await db().models.TicketEvent.findOne({ where: { ticket_id: answers[0]!.id, kind: 'created' }, raw: true });
    expect(JSON.parse(created!.details!)).to.deep.equal({ related: { ticketId: original!.id, relation: 'may_relate_to' } });
    // The officer working the first ticket sees every answer offered for merge.
    const view = await getTicket(db(), original!.ref, undefined);
    expect(view.related.map((r) => [r.ref, r.relation])).to.have.deep.members(answers.map((t) => [t.ref, 'may_relate_to']));
    // The answer's page links the citizen's ticket as "có thể liên quan" (a link: there is no merge action to offer).
    const stp = await db().models.Agency.findOne({ where: { code: 'STP' } });
    const officer = await buildUser(db(), { role: 'agent', agencyId: stp!.id });
    const { agent } = await loginAgent(testApp(db()), officer.username, officer.password);
    const page = await agent.get(`/tickets/${answers[0]!.ref}`).expect(200);
    const related = /<p class="related">([\s\S]*?)<\/p>/.exec(page.text)?.[1] ?? '';
    expect(related).to.contain(`<a href="/tickets/${original!.ref}">${original!.ref}</a>`).and.contain('có thể liên quan');
  });

  it('links a reply that arrives in the same poll as the mail it answers', async () => {
    const from = 'cung-luc@example.vn';
    await append(inbox, [mail({ to: TO, from, subject: 'Xin cấp lại sổ đỏ' }), mail({ to: TO, from, subject: 'Re: Xin cấp lại sổ đỏ' })]);
    await poll(db());
    const [first, reply] = await ticketsOf(from);
    expect([reply!.related_ticket_id, reply!.relation]).to.deep.equal([first!.id, 'may_relate_to']);
  });

  it('leaves a stranger\'s reply, a reply to another subject and a reply to a closed ticket unlinked', async () => {
    const from = 'binh@example.vn';
    await append(inbox, [mail({ to: TO, from, subject: 'Hỏi về học phí' }), mail({ to: TO, from, subject: 'Mất điện cả tuần' })]);
    await poll(db());
    const [fees, power] = await ticketsOf(from);
    await db().models.Ticket.update({ status: 'closed' }, { where: { id: power!.id } });
    await append(inbox, [
      mail({ to: TO, from: 'nguoi-la@example.org', subject: 'Re: Hỏi về học phí' }),
      mail({ to: TO, from, subject: 'Re: Hỏi về học bổng' }),
      mail({ to: TO, from, subject: 'Re: Mất điện cả tuần' }),
      mail({ to: TO, from, subject: 'Hỏi về học phí' }), // the same subject again, but no "Re:": a new mail, not an answer
    ]);
    await poll(db());
    const stranger = (await ticketsOf('nguoi-la@example.org'))[0]!;
    const later = (await ticketsOf(from)).filter((t) => t.id !== fees!.id && t.id !== power!.id);
    expect([stranger, ...later].map((t) => [t.subject, t.related_ticket_id])).to.deep.equal([
      ['Re: Hỏi về học phí', null], ['Re: Hỏi về học bổng', null], ['Re: Mất điện cả tuần', null], ['Hỏi về học phí', null]]);
  });
});
