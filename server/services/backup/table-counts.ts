// What a database holds, table by table, as the manifest records it and a restore checks it: every table (SQLite's
// own sqlite_* tables aside) with its row count, and the last migration applied.
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';

export async function listTables(db: Db): Promise<string[]> {
  const sql = db.dialect === 'sqlite'
    ? "SELECT name AS name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'";
  const rows = await db.sequelize.query<{ name: string }>(sql, { type: QueryTypes.SELECT });
  return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b));
}

export async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const quote = (t: string) => (db.dialect === 'sqlite' ? `"${t.replace(/"/g, '""')}"` : `\`${t.replace(/`/g, '``')}\``);
  for (const table of await listTables(db)) {
    const [row] = await db.sequelize.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`, { type: QueryTypes.SELECT });
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The name of the last migration applied (umzug's govmail_migrations), or null on an unmigrated database. */
export async function migrationHead(db: Db): Promise<string | null> {
  const tables = await listTables(db);
  if (!tables.includes('govmail_migrations')) return null;
  const [row] = await db.sequelize.query<{ name: string }>('SELECT name FROM govmail_migrations ORDER BY name DESC LIMIT 1', { type: QueryTypes.SELECT });
  return row?.name ?? null;
}
