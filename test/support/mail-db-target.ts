// How the test mail servers reach a test database. For MariaDB they connect as the account made with the
// product's own mailServerUserSql() (SELECT only, but the mail_logins upsert), so the suites also prove those
// grants are enough.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { mailServerUserSql, type MailDbTarget, type MailServerFileName } from '../../server/services/mailserver/config-files.js';
import { writeMailServerConfig } from '../../server/services/mailserver/write-config.js';
import type { TestDb } from './databases.js';

const targets = new WeakMap<TestDb, Promise<MailDbTarget>>();

async function adminQuery(db: TestDb, statements: string[]): Promise<void> {
  const m = db.mysql!;
  const conn = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password });
  try {
    for (const sql of statements) await conn.query(sql);
  } finally {
    await conn.end();
  }
}

async function createReadOnlyTarget(db: TestDb): Promise<MailDbTarget> {
  const m = db.mysql!;
  const user = `ms_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await adminQuery(db, mailServerUserSql(m.database, user, m.host, password));
  // The account goes with the database: drop it first, then let the database drop itself.
  const destroy = db.destroy.bind(db);
  db.destroy = async () => {
    await adminQuery(db, [`DROP USER IF EXISTS '${user}'@'${m.host}'`]);
    await destroy();
  };
  return { driver: 'mysql', host: m.host, port: m.port, user, password, database: m.database };
}

/** The connection a mail server config needs for this test database (one mail-server account per database). */
export function mailDbTarget(db: TestDb): Promise<MailDbTarget> {
  if (db.sqliteFile) return Promise.resolve({ driver: 'sqlite', file: db.sqliteFile });
  if (!db.mysql) throw new Error('test database has neither sqliteFile nor mysql settings');
  let t = targets.get(db);
  if (!t) {
    t = createReadOnlyTarget(db);
    targets.set(db, t);
  }
  return t;
}

export interface TestMailServerConfig {
  dir: string;
  /** the written files by name (Postfix maps, dovecot-sql.conf.ext) */
  maps: Record<MailServerFileName, string>;
  /** removes `dir` */
  remove(): void;
}

/** The product's mail server config for this test database (the mail server's account on MariaDB), written to a new temp dir. */
export async function writeTestMailServerConfig(db: TestDb, prefix: string): Promise<TestMailServerConfig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const target = await mailDbTarget(db);
  const readOnlyUser = target.driver === 'mysql' ? { user: target.user, password: target.password } : undefined;
  const maps = writeMailServerConfig(db.url, dir, { mailRoot: '/var/vmail', readOnlyUser });
  return { dir, maps, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
