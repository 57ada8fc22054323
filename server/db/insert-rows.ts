// Multi-row INSERT without building a model instance per row. Model.bulkCreate's per-row instance bookkeeping
// was most of the hotline ingestion's time per mail (scripts/bench/README.md); this writes the same values
// and fills created_at / updated_at the way create() does. No hooks and no validation run: callers pass rows
// built by the same functions the one-row paths use. Returns nothing: read ids back by a unique key.
//
// The statement goes straight to the current transaction's driver connection with positional `?` parameters.
// Through sequelize, the values were either escaped into the SQL text (moment formatting every Date, and whole
// mail bodies scanned again by sequelize's query checks) or bound by name, which SQLite resolves with a
// linear search per parameter, so the time grew with the square of the rows. Dates are written in sequelize's own text form.
// On MySQL, mysql2 escapes the values client-side, as sequelize's replacements do everywhere else here: both
// need backslash escapes, which connect.ts guarantees by pinning each connection's sql_mode (whatever the
// server's my.cnf says; test/integration/db/hostile-sql-mode.test.ts). Server-side binding (execute) would prepare
// one statement per row count and table, and those count against the server's max_prepared_stmt_count.
import type { ModelAttributeColumnOptions, ModelStatic, Model, Sequelize } from 'sequelize';
import { dbTime } from './connect.js';
import { currentTransaction } from './transaction.js';

// Under SQLite's (32,766) and MySQL's (65,535) limit of parameters per statement.
const MAX_PARAMS_PER_STATEMENT = 30_000;

type SqlQuoting = { quoteTable(table: unknown): string; quoteIdentifier(name: string): string };
type Value = string | number | boolean | Buffer | null;
/** node-sqlite3's Database#run and mysql2's Connection#query share this shape. */
type DriverConnection = Record<'run' | 'query', ((sql: string, values: Value[], done: (e: Error | null) => void) => unknown) | undefined>;

export async function insertRows<M extends Model>(model: ModelStatic<M>, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const sequelize = model.sequelize!;
  const transaction = currentTransaction() as unknown as { connection?: DriverConnection; sequelize: Sequelize } | undefined;
  if (!transaction?.connection || transaction.sequelize !== sequelize) {
    throw new Error(`insertRows(${model.name}) must run inside inTransaction() on the model's own database`);
  }
  const now = new Date();
  const stamps: Record<string, Date> = {};
  for (const field of [model.options.createdAt, model.options.updatedAt]) if (typeof field === 'string') stamps[field] = now;
  const columns = [...new Set([...Object.keys(stamps), ...rows.flatMap((r) => Object.keys(r))])];
  const attributes = model.getAttributes() as Record<string, ModelAttributeColumnOptions>;
  const unknown = columns.find((c) => !attributes[c]);
  if (unknown) throw new Error(`insertRows(${model.name}): no column ${unknown}`);
  const qi = (sequelize.getQueryInterface() as unknown as { queryGenerator: SqlQuoting }).queryGenerator;
  const head = `INSERT INTO ${qi.quoteTable(model.getTableName())} (${columns.map((c) => qi.quoteIdentifier(c)).join(',')}) VALUES `;
  const inline = sequelize.getDialect() === 'sqlite';
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length));
  const toDriver = columns.map((c) => converter(sequelize, model.name, c, attributes[c]!));
  for (let at = 0; at < rows.length; at += perStatement) {
    const chunk = rows.slice(at, at + perStatement) as Record<string, unknown>[];
    const values: Value[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      let tuple = '(';
      for (let j = 0; j < columns.length; j++) {
        // A row's own value wins over the stamp, as in create(); a column the row lacks is NULL.
        const value = toDriver[j]!(columns[j]! in row ? row[columns[j]!] : stamps[columns[j]!]);
        if (j) tuple += ',';
        // node-sqlite3 binding a NULL or a number (type probes through the global object) costs more than
        // SQLite parsing the literal; a safe integer's decimal form is exactly the value it binds.
        if (inline && value === null) tuple += 'NULL';
        else if (inline && Number.isSafeInteger(value)) tuple += String(value);
        else {
          tuple += '?';
          values.push(value);
        }
      }
      tuples.push(`${tuple})`);
    }
    await run(transaction.connection, head + tuples.join(','), values);
  }
}

function run(connection: DriverConnection, sql: string, values: Value[]): Promise<void> {
  const method = connection.run ?? connection.query;
  return new Promise((resolve, reject) => {
    method!.call(connection, sql, values, (e) => (e ? reject(e) : resolve()));
  });
}

/** A column's value → what the driver binds. Hundreds of thousands of values per bench run, so per column, once. */
function converter(sequelize: Sequelize, table: string, column: string, attribute: ModelAttributeColumnOptions): (value: unknown) => Value {
  const isDate = (attribute.type as { key?: string }).key === 'DATE';
  // Most of a group's times are the same few instants (now, received), so each is formatted once.
  const dates = new Map<number, string>();
  return (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0; // what create() stores in a BOOLEAN (TINYINT) column
    if (isDate && value instanceof Date) {
      let text = dates.get(value.getTime());
      if (text === undefined) dates.set(value.getTime(), (text = dateText(sequelize, attribute, value)));
      return text;
    }
    if (Buffer.isBuffer(value)) return value;
    throw new TypeError(`insertRows(${table}).${column}: cannot store a ${value instanceof Date ? 'Date in a non-DATE column' : typeof value}; ` +
      'pass text, a number, a boolean, a Buffer or a Date');
  };
}

/** What create() writes for a DATE column: with milliseconds on SQLite and for MySQL DATE(3), else to the second. */
function dateText(sequelize: Sequelize, attribute: ModelAttributeColumnOptions, date: Date): string {
  const text = dbTime(sequelize, date);
  if (sequelize.getDialect() === 'sqlite' || (attribute.type as { _length?: unknown })._length) return text;
  return text.slice(0, 19);
}
