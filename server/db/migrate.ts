// Applies the umzug migrations under a database lock. Umzug has no lock of its own: two processes starting
// at once (two web nodes, or `npm start` beside `govmail migrate`) would otherwise run the same migration twice.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { DataTypes, QueryTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import { Umzug, SequelizeStorage } from 'umzug';
import { migrations } from './migrations/index.js';
import type { MigrationContext } from './migrations/context.js';
import { execWrite } from './connect.js';
import { inTransaction } from './transaction.js';

const LOCK_TABLE = 'govmail_migration_lock';
const STALE_LOCK_MS = 10 * 60_000;
const LOCK_POLL_MS = 250;
const LOCK_WAIT_MS = 5 * 60_000;

export interface MigrateOptions {
  /** SECRET_KEY: needed when an existing audit log is sealed into the keyed chain (0010) */
  secretKey?: string;
  /** Stop after this migration (tests of one migration's upgrade); every pending one when unset. */
  to?: string;
}

function buildUmzug(sequelize: Sequelize, opts: MigrateOptions = {}) {
  const context: MigrationContext = {
    queryInterface: sequelize.getQueryInterface(),
    sequelize,
    dialect: sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql',
    secretKey: opts.secretKey,
  };
  return new Umzug({
    migrations: migrations.map((m) => ({
      name: m.name,
      // Each migration runs in one transaction where the dialect allows DDL in one (SQLite does; MySQL commits
      // DDL implicitly, so there a migration must be written to be re-runnable).
      up: () => inTransaction(sequelize, () => m.up(context)),
      down: () => inTransaction(sequelize, () => m.down(context)),
    })),
    context,
    storage: new SequelizeStorage({ sequelize, tableName: 'govmail_migrations' }),
    logger: undefined,
  });
}

async function ensureLockTable(sequelize: Sequelize): Promise<void> {
  await sequelize.getQueryInterface().createTable(LOCK_TABLE, {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    owner: { type: DataTypes.STRING(120), allowNull: false },
    locked_at: { type: DataTypes.DATE, allowNull: false },
  }).catch((e: Error) => {
    if (!/already exists/i.test(e.message)) throw e;
  });
}

async function acquireLock(sequelize: Sequelize, owner: string): Promise<void> {
  await ensureLockTable(sequelize);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    // Take over a lock whose holder died long ago; otherwise the primary key lets one INSERT win.
    await execWrite(sequelize, `DELETE FROM ${LOCK_TABLE} WHERE id = 1 AND locked_at < :stale`, {
      stale: new Date(Date.now() - STALE_LOCK_MS),
    });
    try {
      await sequelize.query(`INSERT INTO ${LOCK_TABLE} (id, owner, locked_at) VALUES (1, :owner, :now)`, {
        replacements: { owner, now: new Date() },
        type: QueryTypes.INSERT,
      });
      return;
    } catch (e) {
      if (!(e instanceof UniqueConstraintError)) throw e;
    }
    if (Date.now() > deadline) throw new Error(`Another process holds the migration lock (table ${LOCK_TABLE}); waited ${LOCK_WAIT_MS / 1000}s`);
    await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
}

async function withLock<T>(sequelize: Sequelize, fn: () => Promise<T>): Promise<T> {
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  await acquireLock(sequelize, owner);
  try {
    return await fn();
  } finally {
    await execWrite(sequelize, `DELETE FROM ${LOCK_TABLE} WHERE id = 1 AND owner = :owner`, { owner });
  }
}

/** Applies every pending migration; returns the names applied (empty when already up to date). */
export async function migrateUp(sequelize: Sequelize, opts: MigrateOptions = {}): Promise<string[]> {
  return withLock(sequelize, async () => (await buildUmzug(sequelize, opts).up(opts.to ? { to: opts.to } : {})).map((m) => m.name));
}

/** Reverts migrations down to (not including) `to`, or all of them with to = 0. */
export async function migrateDown(sequelize: Sequelize, to: string | 0 = 0): Promise<string[]> {
  return withLock(sequelize, async () => (await buildUmzug(sequelize).down({ to })).map((m) => m.name));
}

export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  return (await buildUmzug(sequelize).pending()).map((m) => m.name);
}

/**
 * The same answer by a plain SELECT, for /readyz, which probes every few seconds: umzug's storage runs a
 * CREATE TABLE IF NOT EXISTS (its model's sync) at each call, which a probe must not.
 */
export async function pendingMigrationsReadOnly(sequelize: Sequelize): Promise<string[]> {
  let done: Set<string>;
  try {
    done = new Set((await sequelize.query<{ name: string }>('SELECT name FROM govmail_migrations', { type: QueryTypes.SELECT })).map((r) => r.name));
  } catch {
    done = new Set(); // no bookkeeping table yet: nothing was ever applied
  }
  return migrations.map((m) => m.name).filter((n) => !done.has(n));
}
