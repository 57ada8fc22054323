// Row counts read from a mariadb-dump file itself, so the manifest says what the dump holds. Counting the live
// tables instead would race with the writes that go on during the dump (it reads one snapshot; a COUNT(*) run
// beside it reads another). The format is mariadb-dump's: one `CREATE TABLE `name` (` line per table, and rows as
// `INSERT INTO `name` VALUES (…),(…);`, one statement on one line or (MariaDB 10.11+) one tuple per line; strings
// are in single quotes with backslash escapes, so a newline inside a value is written \n and a line break in the
// file is never inside a value.
const CREATE = /^CREATE TABLE `((?:[^`]|``)+)` \(/;
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` VALUES/;

const unquote = (name: string) => name.replace(/``/g, '`');

/** Where the dump's snapshot sits in the binary log, as --master-data=2 writes it (commented out) at the top. */
const BINLOG_POSITION = /^-- CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\d+);/;

export interface BinlogPosition { file: string; position: number }

export function binlogPosition(line: string): BinlogPosition | null {
  const m = BINLOG_POSITION.exec(line);
  return m ? { file: m[1], position: Number(m[2]) } : null;
}

/** Feeds the dump line by line; `counts()` gives every table created in it with its row count (0 when empty). */
export class DumpRowCounter {
  private readonly rows = new Map<string, number>();
  /** the table whose INSERT statement is open, with the scanner's place inside it */
  private open: { table: string; depth: number; quoted: boolean } | null = null;

  line(text: string): void {
    if (this.open) {
      this.scan(text, 0);
      return;
    }
    const created = CREATE.exec(text);
    if (created) {
      const table = unquote(created[1]);
      this.rows.set(table, this.rows.get(table) ?? 0);
      return;
    }
    const insert = INSERT.exec(text);
    if (!insert) return;
    this.open = { table: unquote(insert[1]), depth: 0, quoted: false };
    this.scan(text, insert[0].length);
  }

  /** Counts the tuples `(…)` that open at depth 0 outside quoted strings, until the statement's `;`. */
  private scan(text: string, from: number): void {
    const s = this.open!;
    let tuples = 0;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (s.quoted) {
        if (c === '\\') i++;
        else if (c === "'") s.quoted = false;
      } else if (c === "'") {
        s.quoted = true;
      } else if (c === '(') {
        if (s.depth === 0) tuples++;
        s.depth++;
      } else if (c === ')') {
        s.depth--;
      } else if (c === ';' && s.depth === 0) {
        this.open = null;
        break;
      }
    }
    this.rows.set(s.table, (this.rows.get(s.table) ?? 0) + tuples);
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.rows.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
