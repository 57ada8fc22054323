import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { emptyDb, testDbKinds } from '../../support/databases.js';
import { migrateUp, migrateDown, pendingMigrations } from '../../../server/db/migrate.js';
import { migrations } from '../../../server/db/migrations/index.js';

/** Migrations from this one on build their schema with schemaOnce, so each can run twice. */
const RERUNNABLE_FROM = '0019';

async function tableNames(db: Awaited<ReturnType<typeof emptyDb>>): Promise<string[]> {
  const names = await db.sequelize.getQueryInterface().showAllTables();
  return names.map((n) => (typeof n === 'string' ? n : (n as { tableName: string }).tableName)).sort();
}

for (const kind of testDbKinds()) {
  describe(`migrations [${kind}]`, function () {
    this.timeout(60_000);

    it('apply every migration up, then a second run applies nothing', async () => {
      const db = await emptyDb(kind);
      try {
        expect(await migrateUp(db.sequelize)).to.deep.equal(migrations.map((m) => m.name));
        expect(await migrateUp(db.sequelize)).to.deep.equal([]);
        expect(await pendingMigrations(db.sequelize)).to.deep.equal([]);
        expect(await tableNames(db)).to.include.members(['agencies', 'users', 'jobs', 'audit_log', 'mailboxes', 'mail_aliases']);
      } finally {
        await db.destroy();
      }
    });

    it('each migration from 0019 on can run again after it ran, as a rerun after a failure part-way on MariaDB does', async () => {
      // MariaDB commits DDL on its own, so a migration that failed part-way is run again from the top over what it
      // left (server/db/migrations/schema-once.ts). Running the whole of it a second time covers every such state.
      const db = await emptyDb(kind);
      try {
        await migrateUp(db.sequelize);
        const qi = db.sequelize.getQueryInterface();
        const ctx = { queryInterface: qi, sequelize: db.sequelize, dialect: kind === 'sqlite' ? 'sqlite' as const : 'mysql' as const };
        const rerunnable = migrations.filter((m) => m.name >= RERUNNABLE_FROM);
        expect(rerunnable.map((m) => m.name)).to.include('0019-queue-views');
        for (const m of rerunnable) await m.up(ctx).catch((e: Error) => { throw new Error(`${m.name} cannot run twice: ${e.message}`); });
        expect(await pendingMigrations(db.sequelize)).to.deep.equal([]);
      } finally {
        await db.destroy();
      }
    });

    it('run down to nothing and up again, leaving only the bookkeeping tables between', async () => {
      const db = await emptyDb(kind);
      try {
        await migrateUp(db.sequelize);
        const reverted = await migrateDown(db.sequelize, 0);
        expect(reverted).to.have.length(migrations.length);
        expect(await tableNames(db)).to.deep.equal(['govmail_migration_lock', 'govmail_migrations']);
        await migrateUp(db.sequelize);
        const [row] = await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_head', { type: QueryTypes.SELECT });
        expect(Number(row.n)).to.equal(1);
      } finally {
        await db.destroy();
      }
    });

    it('two concurrent migrate calls apply each migration exactly once (lock)', async () => {
      const db = await emptyDb(kind);
      const { openDb } = await import('../../../server/db/index.js');
      const other = openDb(db.url);
      try {
        const [a, b] = await Promise.all([migrateUp(db.sequelize), migrateUp(other.sequelize)]);
        expect([...a, ...b].sort()).to.deep.equal(migrations.map((m) => m.name).sort());
      } finally {
        await other.close();
        await db.destroy();
      }
    });
  });
}
