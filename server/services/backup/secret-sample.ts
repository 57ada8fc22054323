// The dump holds secrets sealed with a key derived from SECRET_KEY (hotline IMAP passwords, shared mailboxes'
// passwords), and the audit chain is keyed from it too; SECRET_KEY itself is never in the dump. After a restore,
// one sealed secret is opened with the SECRET_KEY in use: if that fails, this is not the key the data was
// sealed with, and the operator hears it now rather than at the first poll or audit:verify.
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { openSecret } from '../crypto/index.js';
import { listTables } from './table-counts.js';

const SEALED_COLUMNS = [
  { table: 'hotline_inboxes', column: 'password_enc', what: 'a hotline IMAP password' },
  { table: 'mailbox_secrets', column: 'secret_enc', what: "a shared mailbox's password" },
] as const;

export interface KeyCheck {
  /** where the sample came from (table.column), or null when the database holds no sealed secret */
  sample: string | null;
  /** true when SECRET_KEY opened it */
  ok: boolean;
  warning?: string;
}

export async function checkSecretKey(db: Db, secretKey: string): Promise<KeyCheck> {
  const tables = await listTables(db);
  for (const { table, column, what } of SEALED_COLUMNS) {
    if (!tables.includes(table)) continue;
    const [row] = await db.sequelize.query<{ sealed: string }>(
      `SELECT ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> '' ORDER BY ${column} LIMIT 1`,
      { type: QueryTypes.SELECT });
    if (!row) continue;
    const sample = `${table}.${column}`;
    try {
      openSecret(row.sealed, secretKey);
      return { sample, ok: true };
    } catch {
      return {
        sample,
        ok: false,
        warning: `SECRET_KEY cannot open ${what} in the restored data (${sample}): it is not the key this backup was made under. `
          + 'Set the original SECRET_KEY (kept apart from the backups) before starting govmail; until then hotline polling fails and `govmail audit:verify` reports the chain broken.',
      };
    }
  }
  return { sample: null, ok: true };
}
