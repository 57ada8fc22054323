// The one way a ticket is opened (server/services/tickets/open-ticket.ts), as ingestion uses it: a fetched group
// of mixed mails, where a citizen's first mail is planned with the group and everything else takes the
// one-message path, both through the same TicketOpener. What each ticket gets is asserted row by row: the case
// ref in UID order, triage, the clock, the assignee's turn, the receipt under its per-sender limit, the events.
// Referral and the SLA fixtures open theirs through it too (test/integration/sla).
import { expect } from 'chai';
import type { Db } from '../../../server/db/index.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';
import { commitMessages, type IngestOutcome } from '../../../server/services/ingestion/ingest-message.js';
import { prepareMessage, type PreparedMessage } from '../../../server/services/ingestion/prepared-message.js';
import { forEachDb } from '../../support/databases.js';
import { addHotlineAgency, ctx, mail, staff, type Hotline } from './ticket-fixture.js';

const FIXED_NOW = new Date('2026-03-02T02:30:00Z'); // 09:30 in Hòa Bình, a Monday

/** 22 mails and the outcome each must give; `tag` names a distinct set of citizens. */
function mixedMails(to: string, tag = ''): { raw: Buffer; outcome: IngestOutcome }[] {
  const citizen = (i: number) => `Công dân ${i} <cd${i}${tag}@example.vn>`;
  const list: { raw: Buffer; outcome: IngestOutcome }[] = [
    { raw: mail({ to, from: citizen(1), subject: 'Phản ánh đường hỏng', messageId: '<first@citizen.example>' }), outcome: 'ticket' },
    { raw: mail({ to, from: citizen(2), subject: 'Khiếu nại quyết định thu hồi đất', messageId: '<dup@citizen.example>' }), outcome: 'ticket' },
    { raw: mail({ to, from: citizen(3), subject: 'Tố cáo cán bộ xã', body: 'Tôi tố cáo hành vi nhận hối lộ.' }), outcome: 'ticket' },
    { raw: mail({ to, from: citizen(4), subject: 'Khẩn: đám cháy rừng ở xóm Mới', body: 'Có đám cháy lớn, cần hỗ trợ gấp.' }), outcome: 'ticket' },
    { raw: mail({ to, from: citizen(5), subject: 'Hoi ve dat dai', body: 'Xin hoi thu tuc cap so do dat dai.' }), outcome: 'ticket' },
  ];
  // One sender, five mails: the fourth and fifth still open tickets but get no receipt (3 per hour).
  for (let i = 0; i < 5; i++) list.push({ raw: mail({ to, from: citizen(6), subject: `Phản ánh lần ${i + 1}` }), outcome: 'ticket' });
  list.push(
    { raw: mail({ to, from: citizen(1), subject: 'Re: Phản ánh đường hỏng', headers: ['In-Reply-To: <first@citizen.example>'] }), outcome: 'threaded' },
    { raw: mail({ to, from: citizen(7), subject: 'Mới sau thư trả lời' }), outcome: 'ticket' },
    { raw: mail({ to, from: citizen(2), subject: 'Khiếu nại quyết định thu hồi đất', messageId: '<dup@citizen.example>' }), outcome: 'duplicate' },
    { raw: mail({ to, from: citizen(8), subject: 'Mới sau thư trùng' }), outcome: 'ticket' },
    { raw: mail({ to, from: 'auto@example.vn', subject: 'Out of office', headers: ['Auto-Submitted: auto-replied'] }), outcome: 'auto' },
    // A stranger quoting a case ref: one-message path, a new ticket that "may relate to" it.
    { raw: mail({ to, from: citizen(9), subject: 'Hỏi về hồ sơ STP-2026-000001' }), outcome: 'ticket' },
    { raw: mail({ to, from: citizen(10), subject: 'Thư không có Message-ID', messageId: null }), outcome: 'ticket' },
  );
  for (let i = 11; i < 16; i++) list.push({ raw: mail({ to, from: citizen(i), subject: `Phản ánh môi trường ${i}`, body: 'Ô nhiễm nguồn nước.' }), outcome: 'ticket' });
  return list;
}

async function prepared(raws: Buffer[], firstUid: number): Promise<PreparedMessage[]> {
  const fixedCtx = { ...ctx, now: () => FIXED_NOW };
  return Promise.all(raws.map((source, i) => prepareMessage(fixedCtx, { uid: firstUid + i, source, internalDate: FIXED_NOW })));
}

const plain = <T>(rows: { get(o: { plain: true }): unknown }[]) => rows.map((r) => r.get({ plain: true }) as T);

async function ticketsInOrder(db: Db): Promise<TicketAttrs[]> {
  return plain<TicketAttrs>(await db.models.Ticket.findAll({ order: [['id', 'ASC']] }));
}

forEachDb('tickets: one way to open a ticket, one mail or a whole group', (getDb) => {
  let h: Hotline;
  let agents: number[];
  let outcomes: IngestOutcome[];
  const expected = () => mixedMails('x@y').map((m) => m.outcome);
  const citizen = (i: number) => `Công dân ${i} <cd${i}@example.vn>`;

  before(async function () {
    this.timeout(120_000);
    const db = getDb();
    h = await addHotlineAgency(db, 'STP');
    agents = [];
    for (const name of ['Cán bộ A', 'Cán bộ B', 'Cán bộ C']) agents.push((await staff(db, 'agent', h.agencyId, name)).user.id);
    const mails = mixedMails(h.address);
    outcomes = await commitMessages(db, ctx, h.ref, await prepared(mails.map((m) => m.raw), 1));
    h.uid = mails.length;
  });

  it('takes each mail down the path it needs and reports what it did', () => {
    expect(outcomes).to.deep.equal(expected());
  });

  it('numbers the tickets in the order their mails arrived, whichever path opened them', async () => {
    const db = getDb();
    const tickets = await ticketsInOrder(db);
    expect(tickets.map((t) => t.ref)).to.deep.equal(tickets.map((_, i) => `STP-2026-${String(i + 1).padStart(6, '0')}`));
    const opening = plain<{ ticket_id: number; uid: number }>(await db.models.Message.findAll({ where: { classification: 'human' }, order: [['uid', 'ASC']] }))
      .filter((m, i, all) => all.findIndex((x) => x.ticket_id === m.ticket_id) === i);
    expect(opening.map((m) => m.ticket_id)).to.deep.equal(tickets.map((t) => t.id));
    const stranger = tickets.find((t) => t.subject.includes('STP-2026-000001'))!;
    expect({ related: stranger.related_ticket_id, relation: stranger.relation }).to.deep.equal({ related: tickets[0].id, relation: 'may_relate_to' });
  });

  it('triages, starts the clock and writes triage → sla_started → created for every ticket', async () => {
    const db = getDb();
    for (const t of await ticketsInOrder(db)) {
      const events = plain<{ kind: string; message_id: number | null }>(await db.models.TicketEvent.findAll({ where: { ticket_id: t.id }, order: [['id', 'ASC']] }));
      expect(events.slice(0, 3).map((e) => e.kind), t.ref).to.deep.equal(['triage', 'sla_started', 'created']);
      expect(events[2].message_id, t.ref).to.be.a('number');
      const clock = (await db.models.TicketSla.findByPk(t.id))!;
      expect(t.due_at?.getTime(), t.ref).to.equal(clock.resolution_due?.getTime());
      expect(t.first_response_due_at?.getTime(), t.ref).to.equal(clock.first_response_due?.getTime());
    }
    const tickets = await ticketsInOrder(db);
    expect(tickets.find((t) => t.subject.startsWith('Tố cáo'))!.class).to.equal('to_cao');
    expect(tickets.find((t) => t.subject.startsWith('Khẩn'))!.priority).to.equal('urgent');
  });

  it('hands the agency\'s agents their turns in ticket order and stores the last turn', async () => {
    const db = getDb();
    const tickets = await ticketsInOrder(db);
    const assignees = await Promise.all(tickets.map(async (t) => (await db.models.TicketSla.findByPk(t.id))!.assignee_id));
    expect(assignees).to.deep.equal(tickets.map((_, i) => agents[i % 3]));
    expect((await db.models.AssignmentState.findByPk(h.agencyId))!.last_assignee_id).to.equal(assignees[assignees.length - 1]);
  });

  it('queues one receipt per ticket, none past 3 per sender per hour, and one admin alert for that sender', async () => {
    const db = getDb();
    const tickets = await ticketsInOrder(db);
    const acks = plain<{ ticket_id: number; to_address: string; idempotency_key: string }>(await db.models.Outbox.findAll({ where: { kind: 'ack' } }));
    const repeated = tickets.filter((t) => t.citizen_address === 'cd6@example.vn');
    expect(repeated).to.have.length(5);
    expect(acks.filter((a) => a.to_address === 'cd6@example.vn').map((a) => a.ticket_id)).to.deep.equal(repeated.slice(0, 3).map((t) => t.id));
    expect(acks).to.have.length(tickets.length - 2);
    for (const a of acks) expect(a.idempotency_key).to.equal(`ack:${a.ticket_id}`);
    const alerts = await db.models.Outbox.findAll({ where: { kind: 'alert' } });
    expect(alerts.map((a) => a.subject)).to.deep.equal(['[govmail] Acknowledgement limit reached for cd6@example.vn']);
  });

  it('opens history mails archived, triaged, without clock, assignee or receipt, in a group like any other', async () => {
    const db = getDb();
    const before = await db.models.Ticket.count();
    const acks = await db.models.Outbox.count({ where: { kind: 'ack' } });
    const ref = { ...h.ref, inbox: { ...h.ref.inbox, history_cutoff: new Date(FIXED_NOW.getTime() + 86_400_000) } };
    const raws = [mail({ to: h.address, from: citizen(20), subject: 'Thư cũ 1' }), mail({ to: h.address, from: citizen(21), subject: 'Thư cũ 2' })];
    expect(await commitMessages(db, ctx, ref, await prepared(raws, h.uid + 1))).to.deep.equal(['ticket', 'ticket']);
    h.uid += raws.length;
    const old = (await ticketsInOrder(db)).slice(before);
    expect(old.map((t) => [t.status, t.history, t.ref])).to.deep.equal([
      ['archived', true, `STP-2026-${String(before + 1).padStart(6, '0')}`], ['archived', true, `STP-2026-${String(before + 2).padStart(6, '0')}`]]);
    for (const t of old) {
      expect(await db.models.TicketSla.findByPk(t.id)).to.equal(null);
      const kinds = (await db.models.TicketEvent.findAll({ where: { ticket_id: t.id }, order: [['id', 'ASC']] })).map((e) => e.kind);
      expect(kinds).to.deep.equal(['triage', 'imported_history']);
    }
    expect(await db.models.Outbox.count({ where: { kind: 'ack' } })).to.equal(acks);
  });

  it('gives one mail per transaction the same refs, turns and receipts as the group did', async function () {
    this.timeout(120_000);
    const db = getDb();
    const other = await addHotlineAgency(db, 'SXD');
    const others: number[] = [];
    for (const name of ['Cán bộ D', 'Cán bộ E', 'Cán bộ F']) others.push((await staff(db, 'agent', other.agencyId, name)).user.id);
    const mails = mixedMails(other.address, '.sxd');
    const one: IngestOutcome[] = [];
    for (const [i, p] of (await prepared(mails.map((m) => m.raw), 1)).entries()) {
      one.push(...(await commitMessages(db, ctx, other.ref, [p])));
      expect(one[i], `mail ${i + 1}`).to.equal(mails[i].outcome);
    }
    const tickets = (await ticketsInOrder(db)).filter((t) => t.agency_id === other.agencyId);
    expect(tickets.map((t) => t.ref)).to.deep.equal(tickets.map((_, i) => `SXD-2026-${String(i + 1).padStart(6, '0')}`));
    const assignees = await Promise.all(tickets.map(async (t) => (await db.models.TicketSla.findByPk(t.id))!.assignee_id));
    expect(assignees).to.deep.equal(tickets.map((_, i) => others[i % 3]));
    const acks = await db.models.Outbox.findAll({ where: { kind: 'ack', ticket_id: tickets.map((t) => t.id) } });
    expect(acks).to.have.length(tickets.length - 2);
  });
});
