// Test databases. Integration suites run once per database named in TEST_DB (sqlite, mariadb, or both,
// comma-separated); `npm test` runs the integration tier once for each so mocha reports them separately.
// Every call to freshDb() gives an empty, migrated database that the test owns and drops.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { openDb, type Db } from '../../server/db/index.js';
import { migrateUp } from '../../server/db/migrate.js';

export type TestDbKind = 'sqlite' | 'mariadb';

/** MariaDB server used by the tests; on this machine kind it runs at 127.0.0.1:3306 as root with no password. */
export const MARIADB_ADMIN_URL = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

export function testDbKinds(): TestDbKind[] {
  const raw = process.env.TEST_DB ?? 'sqlite';
  return raw.split(',').map((k) => {
    const kind = k.trim();
    if (kind !== 'sqlite' && kind !== 'mariadb') throw new Error(`TEST_DB: unknown database "${kind}" (use sqlite, mariadb)`);
    return kind;
  });
}

export interface TestDb extends Db {
  kind: TestDbKind;
  /** Removes the database (file or schema) after closing the connection. */
  destroy(): Promise<void>;
  /** For MariaDB: the parts a mail server config needs. */
  mysql?: { host: string; port: number; user: string; password: string; database: string };
  sqliteFile?: string;
}

/** An empty database of the given kind, not migrated. */
export async function emptyDb(kind: TestDbKind): Promise<TestDb> {
  const name = `govmail_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-db-'));
    fs.chmodSync(dir, 0o755); // Dovecot's auth worker reads this file as another user
    const file = path.join(dir, `${name}.sqlite`);
    const db = openDb(`sqlite:${file}`);
    return Object.assign(db, {
      kind,
      sqliteFile: file,
      destroy: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
  }
  const admin = new URL(MARIADB_ADMIN_URL);
  const conn = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: admin.username || 'root', password: decodeURIComponent(admin.password) });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = `${MARIADB_ADMIN_URL.replace(/\/$/, '')}/${name}`;
  const db = openDb(url);
  return Object.assign(db, {
    kind,
    mysql: { host: admin.hostname, port: Number(admin.port || 3306), user: admin.username || 'root', password: decodeURIComponent(admin.password), database: name },
    destroy: async () => {
      await db.close();
      const c = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: admin.username || 'root', password: decodeURIComponent(admin.password) });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  });
}

/** An empty, fully migrated database of the given kind. */
export async function freshDb(kind: TestDbKind): Promise<TestDb> {
  const db = await emptyDb(kind);
  await migrateUp(db.sequelize);
  return db;
}

/**
 * Declares the suite once per database kind under test: `forEachDb((getDb) => { it(…) })`.
 * The database is created before the suite and dropped after it.
 */
export function forEachDb(title: string, body: (getDb: () => TestDb) => void): void {
  for (const kind of testDbKinds()) {
    describe(`${title} [${kind}]`, function () {
      let db: TestDb | undefined;
      before(async function () {
        this.timeout(60_000);
        db = await freshDb(kind);
      });
      after(async () => {
        await db?.destroy();
      });
      body(() => {
        if (!db) throw new Error('database not ready');
        return db;
      });
    });
  }
}
