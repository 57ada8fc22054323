// Migration 0019 fills tickets.citizen_folded (the queue's toneless name search) for the tickets that exist, one
// UPDATE per batch, on both databases; run again over a half-filled table (a rerun after a failure), it fills the rest.
import { expect } from 'chai';
import { emptyDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { buildAgency, buildTicket } from '../../support/ticket-factory.js';
import { migrateUp } from '../../../server/db/migrate.js';
import { queueViews } from '../../../server/db/migrations/0019-queue-views.js';

for (const kind of testDbKinds()) {
  describe(`migration 0019, tickets.citizen_folded [${kind}]`, function () {
    this.timeout(120_000);
    let db: TestDb;
    before(async () => {
      db = await emptyDb(kind);
      await migrateUp(db.sequelize);
    });
    after(async () => db.destroy());

    it('folds every named citizen, leaves the unnamed NULL', async () => {
      const agency = await buildAgency(db);
      const names = ['Nguyễn Văn Ánh', 'ĐẶNG THỊ HỒNG', 'Lò Văn Đức', null];
      const tickets = [];
      for (const name of names) tickets.push(await buildTicket(db, { agency_id: agency.id, received: '2026-03-02T08:00', citizen_name: name }));
      await db.sequelize.query('UPDATE tickets SET citizen_folded = NULL');
      await db.sequelize.query('UPDATE tickets SET citizen_folded = ? WHERE id = ?', { replacements: ['đã có', tickets[1]!.id] });
      await queueViews.up({ queryInterface: db.sequelize.getQueryInterface(), sequelize: db.sequelize, dialect: kind === 'sqlite' ? 'sqlite' : 'mysql' });
      const rows = await db.models.Ticket.findAll({ attributes: ['id', 'citizen_folded'], order: [['id', 'ASC']], raw: true });
      expect(rows.map((r) => r.citizen_folded)).to.deep.equal(['nguyen van anh', 'dang thi hong', 'lo van duc', null]);
    });
  });
}
