// Migration 0014 gives stored mail a received time: the ticket's for the mail that opened it, the fetch time for
// the rest, on both databases (MariaDB takes another UPDATE form than SQLite).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { emptyDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { buildAgency, buildTicket, vn } from '../../support/ticket-factory.js';
import { withDbTimes } from '../../../server/db/connect.js';
import { migrateDown, migrateUp } from '../../../server/db/migrate.js';

for (const kind of testDbKinds()) {
  describe(`migration 0014, messages.received_at [${kind}]`, function () {
    this.timeout(120_000);
    let db: TestDb;
    before(async () => {
      db = await emptyDb(kind);
      await migrateUp(db.sequelize);
      await migrateDown(db.sequelize, '0014-message-received-at');
    });
    after(async () => db.destroy());

    it('backfills the opening mail of each ticket with the ticket\'s received time and the rest with their fetch time', async () => {
      const agency = await buildAgency(db);
      const [a, b] = [await buildTicket(db, { agency_id: agency.id, received: '2026-03-02T08:00' }), await buildTicket(db, { agency_id: agency.id, received: '2026-03-02T09:00' })];
      const insert = (id: number, ticketId: number | null, direction: string, classification: string, fetched: string) => db.sequelize.query(
        `INSERT INTO messages (id, message_id, sha256, direction, classification, ticket_id, created_at, updated_at)
         VALUES (:id, :mid, 'x', :direction, :classification, :ticketId, :at, :at)`,
        { replacements: withDbTimes(db.sequelize, { id, mid: `m${id}@x`, direction, classification, ticketId, at: vn(fetched) }), type: QueryTypes.INSERT });
      await insert(1, a.id, 'in', 'human', '2026-03-02T08:20'); // opened a
      await insert(2, b.id, 'in', 'human', '2026-03-02T09:25'); // opened b
      await insert(3, a.id, 'in', 'human', '2026-03-03T10:10'); // a's second mail
      await insert(4, null, 'in', 'quarantined', '2026-03-04T11:00');
      expect(await migrateUp(db.sequelize)).to.include('0014-message-received-at');
      const rows = await db.sequelize.query<{ id: number; received_at: Date | string }>('SELECT id, received_at FROM messages ORDER BY id', { type: QueryTypes.SELECT });
      expect(rows.map((r) => [Number(r.id), new Date(r.received_at).toISOString()])).to.deep.equal([
        [1, vn('2026-03-02T08:00').toISOString()], [2, vn('2026-03-02T09:00').toISOString()],
        [3, vn('2026-03-03T10:10').toISOString()], [4, vn('2026-03-04T11:00').toISOString()]]);
    });
  });
}
