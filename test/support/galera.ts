// A private two-node Galera cluster for test/integration/galera, started by scripts/start-galera.sh in a temp dir
// of its own (free ports, never the MariaDB on 3306), and one govmail database opened on every node: migrated
// once through node 1, the DDL replicated to the others in total order.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { openDb, type Db } from '../../server/db/index.js';
import { migrateUp } from '../../server/db/migrate.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/start-galera.sh', import.meta.url));
const run = promisify(execFile);

export interface GaleraCluster {
  /** mysql://root@127.0.0.1:PORT, one per node */
  urls: string[];
  /** the same govmail database, opened on each node (one connection pool per node) */
  dbs: Db[];
  /** a wsrep status counter of each node, e.g. wsrep_local_cert_failures */
  status(name: string): Promise<number[]>;
  /** closes the pools and stops every node; its temp dir is removed */
  stop(): Promise<void>;
}

export async function startGalera(nodes = 2): Promise<GaleraCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-galera-'));
  const env = { ...process.env, GALERA_DIR: dir, GALERA_NODES: String(nodes) };
  const stopNodes = async () => { await run('bash', [SCRIPT, 'stop'], { env }); };
  const dbs: Db[] = [];
  try {
    const { stdout } = await run('bash', [SCRIPT, 'start'], { env });
    const urls = stdout.trim().split('\n');
    const name = `govmail_galera_${Date.now().toString(36)}`;
    const admin = await mysql.createConnection(urls[0]);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    for (const url of urls) dbs.push(openDb(`${url}/${name}`));
    await migrateUp(dbs[0].sequelize);
    const status = (counter: string) => Promise.all(dbs.map(async (db) => {
      const [rows] = await db.sequelize.query(`SHOW GLOBAL STATUS LIKE '${counter}'`);
      return Number((rows as { Value: string }[])[0].Value);
    }));
    return { urls, dbs, status, stop: async () => { await Promise.all(dbs.map((d) => d.close())); await stopNodes(); } };
  } catch (e) {
    await Promise.all(dbs.map((d) => d.close().catch(() => undefined)));
    await stopNodes();
    throw e;
  }
}
