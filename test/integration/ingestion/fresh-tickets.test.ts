// The grouped fast path (fresh-tickets.ts) must write exactly what the one-message path writes. The same 22
// mails (new citizens hitting different triage rules, a sender over the receipt limit, a reply, a duplicate,
// an auto-reply, a subject ref from a stranger, a mail without Message-ID, new mail after each of those) are
// ingested into two databases: one mail per transaction on the one-message path, and all of them as one group.
// Every row of every table they touch is then compared, with ids replaced by case refs and UIDs.
import { expect } from 'chai';
import type { Db } from '../../../server/db/index.js';
import { commitMessages } from '../../../server/services/ingestion/ingest-message.js';
import { prepareMessage, type PreparedMessage } from '../../../server/services/ingestion/prepared-message.js';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { addHotlineAgency, ctx, staff, type Hotline } from '../tickets/ticket-fixture.js';
import { mail } from './hotline-fixture.js';

const FIXED_NOW = new Date('2026-03-02T02:30:00Z'); // 09:30 in Hòa Bình, a Monday

function mails(to: string): Buffer[] {
  const citizen = (i: number) => `Công dân ${i} <cd${i}@example.vn>`;
  const list = [
    mail({ to, from: citizen(1), subject: 'Phản ánh đường hỏng', messageId: '<first@citizen.example>' }),
    mail({ to, from: citizen(2), subject: 'Khiếu nại quyết định thu hồi đất', messageId: '<dup@citizen.example>' }),
    mail({ to, from: citizen(3), subject: 'Tố cáo cán bộ xã', body: 'Tôi tố cáo hành vi nhận hối lộ.' }),
    mail({ to, from: citizen(4), subject: 'Khẩn: đám cháy rừng ở xóm Mới', body: 'Có đám cháy lớn, cần hỗ trợ gấp.' }),
    mail({ to, from: citizen(5), subject: 'Hoi ve dat dai', body: 'Xin hoi thu tuc cap so do dat dai.' }),
  ];
  // One sender, five mails: the fourth and fifth are over the 3-per-hour receipt limit.
  for (let i = 0; i < 5; i++) list.push(mail({ to, from: citizen(6), subject: `Phản ánh lần ${i + 1}` }));
  list.push(
    mail({ to, from: citizen(1), subject: 'Re: Phản ánh đường hỏng', headers: ['In-Reply-To: <first@citizen.example>'] }),
    mail({ to, from: citizen(7), subject: 'Mới sau thư trả lời' }),
    mail({ to, from: citizen(2), subject: 'Khiếu nại quyết định thu hồi đất', messageId: '<dup@citizen.example>' }),
    mail({ to, from: citizen(8), subject: 'Mới sau thư trùng' }),
    mail({ to, from: 'auto@example.vn', subject: 'Out of office', headers: ['Auto-Submitted: auto-replied'] }),
    mail({ to, from: citizen(9), subject: 'Hỏi về hồ sơ STP-2026-000001' }),
    mail({ to, from: citizen(10), subject: 'Thư không có Message-ID', messageId: null }),
  );
  for (let i = 11; i < 16; i++) list.push(mail({ to, from: citizen(i), subject: `Phản ánh môi trường ${i}`, body: 'Ô nhiễm nguồn nước.' }));
  return list;
}

async function setUp(db: Db): Promise<Hotline> {
  const h = await addHotlineAgency(db, 'STP');
  for (const name of ['Cán bộ A', 'Cán bộ B', 'Cán bộ C']) await staff(db, 'agent', h.agencyId, name);
  return h;
}

async function prepared(raws: Buffer[]): Promise<PreparedMessage[]> {
  const fixedCtx = { ...ctx, now: () => FIXED_NOW };
  return Promise.all(raws.map((source, i) => prepareMessage(fixedCtx, { uid: i + 1, source, internalDate: FIXED_NOW })));
}

/** Every row the mails produced, with database ids replaced by case refs, UIDs and user names. */
async function snapshot(db: Db) {
  const plain = async <T>(rows: Promise<{ get(o: { plain: true }): unknown }[]>) => (await rows).map((r) => r.get({ plain: true }) as T & Record<string, unknown>);
  const tickets = await plain<{ id: number; ref: string }>(db.models.Ticket.findAll({ order: [['id', 'ASC']] }));
  const refOf = new Map(tickets.map((t) => [t.id, t.ref]));
  const messages = await plain<{ id: number; uid: number; ticket_id: number | null }>(db.models.Message.findAll({ order: [['uid', 'ASC']] }));
  const uidOf = new Map(messages.map((m) => [m.id, Number(m.uid)]));
  const users = await plain<{ id: number; display_name: string }>(db.models.User.findAll());
  const userOf = (id: unknown) => users.find((u) => u.id === id)?.display_name ?? id;
  const drop = (row: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
  const ticketRef = (id: unknown) => (id === null ? null : refOf.get(id as number));
  return {
    tickets: tickets.map((t) => drop({ ...t, related_ticket_id: ticketRef(t.related_ticket_id) }, 'id', 'lookup_code_hash', 'created_at', 'updated_at')),
    messages: messages.map((m) => drop({ ...m, ticket_id: ticketRef(m.ticket_id) }, 'id', 'created_at', 'updated_at')),
    events: (await plain<{ ticket_id: number; message_id: number | null; details: string | null }>(db.models.TicketEvent.findAll({ order: [['id', 'ASC']] })))
      .map((e) => {
        const details = e.details === null ? null : JSON.parse(e.details) as Record<string, unknown>;
        if (details && 'assigneeId' in details) details.assigneeId = userOf(details.assigneeId);
        return drop({ ...e, ticket_id: ticketRef(e.ticket_id), message_id: e.message_id === null ? null : uidOf.get(e.message_id), details }, 'id');
      }),
    clocks: (await plain<{ ticket_id: number; assignee_id: number | null }>(db.models.TicketSla.findAll({ order: [['ticket_id', 'ASC']] })))
      .map((c) => drop({ ...c, ticket_id: ticketRef(c.ticket_id), assignee_id: userOf(c.assignee_id) }, 'created_at', 'updated_at')),
    outbox: (await plain<{ ticket_id: number | null; idempotency_key: string; text_body: string; html_body: string | null }>(db.models.Outbox.findAll({ order: [['id', 'ASC']] })))
      .map((o) => drop({
        ...o, ticket_id: ticketRef(o.ticket_id), idempotency_key: o.idempotency_key.replace(/^ack:\d+$/, `ack:${ticketRef(o.ticket_id)}`),
        // The lookup code is random per receipt; everything around it must match.
        text_body: o.text_body.replace(/\d{8}/g, 'CODE'), html_body: o.html_body?.replace(/\d{8}/g, 'CODE') ?? null,
      }, 'id', 'message_id', 'next_attempt_at', 'created_at', 'updated_at')),
    turns: (await plain<{ agency_id: number; last_assignee_id: number | null }>(db.models.AssignmentState.findAll()))
      .map((s) => drop({ ...s, last_assignee_id: userOf(s.last_assignee_id) }, 'created_at', 'updated_at')),
    raw: (await db.models.RawMessage.findAll({ attributes: ['sha256', 'size'], order: [['sha256', 'ASC']] })).map((r) => r.get({ plain: true })),
  };
}

for (const kind of testDbKinds()) {
  describe(`ingestion: new tickets in bulk equal the one-message path [${kind}]`, function () {
    let single: TestDb;
    let grouped: TestDb;
    let outcomes: { single: string[]; grouped: string[] };

    before(async function () {
      this.timeout(120_000);
      single = await freshDb(kind);
      grouped = await freshDb(kind);
      const [hs, hg] = [await setUp(single), await setUp(grouped)];
      const raws = mails(hs.address);
      const one: string[] = [];
      for (const p of await prepared(raws)) one.push(...(await commitMessages(single, ctx, hs.ref, [p], { newTicketsInBulk: false })));
      outcomes = { single: one, grouped: await commitMessages(grouped, ctx, hg.ref, await prepared(raws)) };
    });

    after(async () => {
      await single?.destroy();
      await grouped?.destroy();
    });

    it('reports the same outcome for every mail, and the mix exercises both paths', () => {
      expect(outcomes.grouped).to.deep.equal(outcomes.single);
      expect(outcomes.single.filter((o) => o === 'ticket')).to.have.length.above(12);
      expect(outcomes.single).to.include.members(['threaded', 'duplicate', 'auto']);
    });

    it('writes the same tickets, messages, events, clocks, receipts, turns and raw mail', async () => {
      const [a, b] = [await snapshot(single), await snapshot(grouped)];
      for (const table of Object.keys(a) as (keyof typeof a)[]) expect(b[table], table).to.deep.equal(a[table]);
      // Sanity: the comparison covered real rows, including the over-limit alert and the receipts.
      expect(a.outbox.filter((o) => o.kind === 'ack')).to.have.length.above(10);
      expect(a.outbox.some((o) => o.kind === 'alert')).to.equal(true);
      expect(a.clocks.some((c) => c.assignee_id !== null)).to.equal(true);
    });
  });
}
