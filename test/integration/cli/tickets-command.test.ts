// `govmail tickets` (DESIGN.md §6): the contract shape, every agency's tickets in the order they were opened, the
// --agency and --status filters, and an unknown agency refused.
import { expect } from 'chai';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { buildAgency, buildTicket, vn } from '../../support/ticket-factory.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';

for (const kind of testDbKinds()) {
  describe(`govmail tickets (contract) [${kind}]`, function () {
    this.timeout(120_000); // each run starts a process: some seconds on a loaded machine
    let db: TestDb;
    let env: Record<string, string>;
    let tickets: TicketAttrs[];

    const mail = (t: TicketAttrs, n: number) => db.models.Message.create({
      inbox_id: null, uid_validity: null, uid: null, message_id: `<${t.ref}-${n}@example.vn>`, sha256: `${t.ref}-${n}`,
      direction: 'in', classification: 'human', class_reason: null, ticket_id: t.id, from_address: t.citizen_address,
      subject: t.subject, text_body: 'x', html_sanitized: null, search_text: 'x', quarantine_reason: null,
      quarantine_detail: null, received_at: t.received_at,
    } as never);

    before(async () => {
      db = await freshDb(kind);
      env = { DATABASE_URL: db.url };
      const a = await buildAgency(db, { code: 'STNMT' });
      const b = await buildAgency(db, { code: 'SXD' });
      // opened in this order; deadlines in another, so the listing's order is the opening order, not the queue's
      tickets = [
        await buildTicket(db, { agency_id: a.id, received: '2026-03-10T08:00', due: '2026-03-25T17:00', category: 'dat_dai', citizen_name: 'Nguyễn Văn An' }),
        await buildTicket(db, { agency_id: b.id, received: '2026-03-11T09:30', due: '2026-03-12T17:00', status: 'open', priority: 'urgent', class: 'khan' }),
        await buildTicket(db, { agency_id: a.id, received: '2026-03-12T10:00', due: null, status: 'closed' }),
      ];
      await mail(tickets[0]!, 1);
      await mail(tickets[0]!, 2);
      await mail(tickets[1]!, 1);
    });
    after(async () => db.destroy());

    const item = (t: TicketAttrs, agency: string, messages: number) => ({
      ref: t.ref, agency, status: t.status, category: t.category, priority: t.priority, citizen: t.citizen_address,
      subject: t.subject, messages, due_at: t.due_at ? t.due_at.toISOString() : null,
    });

    it('lists every agency\'s tickets in the contract shape, in the order they were opened', async () => {
      const run = await runGovmail(['tickets', '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.json()).to.deep.equal([item(tickets[0]!, 'STNMT', 2), item(tickets[1]!, 'SXD', 1), item(tickets[2]!, 'STNMT', 0)]);
      expect(tickets[0]!.due_at!.toISOString()).to.equal(vn('2026-03-25T17:00').toISOString());
    });

    it('filters by agency and status together, and prints one tab-separated line per ticket without --json', async () => {
      const both = await runGovmail(['tickets', '--agency', 'STNMT', '--status', 'closed', '--json'], env);
      expect(both.code, both.stderr).to.equal(0);
      expect(both.json()).to.deep.equal([item(tickets[2]!, 'STNMT', 0)]);
      const text = await runGovmail(['tickets', '--status', 'open'], env);
      expect(text.code, text.stderr).to.equal(0);
      const t = tickets[1]!;
      expect(text.stdout.trim().split('\n')).to.deep.equal([`${t.ref}\topen\t${t.citizen_address}\t${t.subject}`]);
    });

    it('refuses an unknown agency', async () => {
      const run = await runGovmail(['tickets', '--agency', 'NOPE', '--json'], env);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.contain('unknown agency NOPE');
    });
  });
}
