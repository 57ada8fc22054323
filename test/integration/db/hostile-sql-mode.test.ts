// Hostile review, item 6: both mysql2 and sequelize escape text for MySQL with backslashes (' → \'). A server
// whose my.cnf sets sql_mode=NO_BACKSLASH_ESCAPES reads \' as a backslash and the end of the string, so
// escaped text becomes SQL. The connection pins its own sql_mode at connect time; these tests put the server
// in that mode (GLOBAL, as my.cnf would, for the moment the connections are made) and check that text with
// backslashes and quotes round-trips exactly and injects nothing. On SQLite there is no sql_mode; the same
// round trips run there too.
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import { QueryTypes } from 'sequelize';
import { inTransaction, openDb, type Db } from '../../../server/db/index.js';
import { insertRows } from '../../../server/db/insert-rows.js';
import { forEachDb, MARIADB_ADMIN_URL } from '../../support/databases.js';

// Each one breaks out of a backslash-escaped string literal when backslashes are not escapes. 0x73656e74 is
// 'sent' written without quotes, so the injected SQL survives the escaping of its own quotes.
const BREAKOUT_UPDATE = "x', status = 0x73656e74 -- ";
const BREAKOUT_WHERE = "nothing' OR 1=1 -- ";
const TRICKY = `a\\b \\' \\\\' '' "q" \\0 \\n ${BREAKOUT_UPDATE} ${BREAKOUT_WHERE}`;

const outboxRow = (key: string, text: string) => ({
  idempotency_key: key, kind: 'receipt', ticket_id: null, to_address: 'dan@example.vn', from_address: 'hotline@hoabinh.gov.vn',
  subject: text.slice(0, 200), text_body: text, html_body: null, headers: null, message_id: null, status: 'queued', attempts: 0,
  next_attempt_at: new Date(),
});

function adminConnection() {
  const url = new URL(MARIADB_ADMIN_URL);
  return mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: url.username || 'root', password: decodeURIComponent(url.password) });
}

/**
 * Opens a second handle on the test database while the server's GLOBAL sql_mode includes NO_BACKSLASH_ESCAPES,
 * and makes its pool open a few connections then (a session copies the global mode when it connects). The
 * global mode is restored at once, so other databases on this server are affected for a moment only.
 * Returns the handle and the mode a plain connection got in that moment (proof the server was in it).
 */
async function openUnderNoBackslashEscapes(url: string): Promise<{ db: Db; plainSessionMode: string }> {
  const admin = await adminConnection();
  const [[{ mode }]] = (await admin.query('SELECT @@GLOBAL.sql_mode AS mode')) as unknown as [[{ mode: string }]];
  try {
    await admin.query('SET GLOBAL sql_mode = ?', [`${mode},NO_BACKSLASH_ESCAPES`]);
    const plain = await adminConnection();
    const [[{ session }]] = (await plain.query('SELECT @@SESSION.sql_mode AS session')) as unknown as [[{ session: string }]];
    await plain.end();
    const db = openDb(url);
    // Concurrent sleeps make the pool open three connections now; later queries reuse these idle ones.
    await Promise.all([1, 2, 3].map(() => db.sequelize.query('SELECT SLEEP(0.2)')));
    return { db, plainSessionMode: session };
  } finally {
    await admin.query('SET GLOBAL sql_mode = ?', [mode]);
    await admin.end();
  }
}

forEachDb('issue 13 item 6: sql_mode NO_BACKSLASH_ESCAPES', (getDb) => {
  let db: Db;
  let own: Db | undefined;
  before(async function () {
    if (getDb().kind === 'sqlite') {
      db = getDb();
      return;
    }
    const opened = await openUnderNoBackslashEscapes(getDb().url);
    db = own = opened.db;
    expect(opened.plainSessionMode, 'the server gave new sessions NO_BACKSLASH_ESCAPES').to.contain('NO_BACKSLASH_ESCAPES');
  });
  after(async () => {
    await own?.close();
  });

  it('stores text with backslashes and quotes through insertRows exactly', async () => {
    await inTransaction(db.sequelize, () => insertRows(db.models.Outbox, [outboxRow('nbe-insert-rows', TRICKY)]));
    const [row] = await db.sequelize.query<{ text_body: string; subject: string; status: string }>(
      "SELECT text_body, subject, status FROM outbox WHERE idempotency_key = 'nbe-insert-rows'", { type: QueryTypes.SELECT });
    expect(row).to.deep.equal({ text_body: TRICKY, subject: TRICKY.slice(0, 200), status: 'queued' });
  });

  it('a replacement cannot set another column', async () => {
    await db.models.Outbox.create(outboxRow('nbe-update', 'before') as never);
    await db.models.Outbox.create(outboxRow('nbe-bystander', 'bystander') as never);
    // The WHERE is on its own line, so a `--` comment injected into the SET would leave it standing.
    await db.sequelize.query('UPDATE outbox SET text_body = :text\n WHERE idempotency_key = :key', { replacements: { text: BREAKOUT_UPDATE, key: 'nbe-update' } });
    const rows = await db.sequelize.query<{ idempotency_key: string; text_body: string; status: string }>(
      "SELECT idempotency_key, text_body, status FROM outbox WHERE idempotency_key IN ('nbe-update', 'nbe-bystander') ORDER BY idempotency_key",
      { type: QueryTypes.SELECT });
    expect(rows).to.deep.equal([
      { idempotency_key: 'nbe-bystander', text_body: 'bystander', status: 'queued' },
      { idempotency_key: 'nbe-update', text_body: BREAKOUT_UPDATE, status: 'queued' },
    ]);
  });

  it('a model where-clause value cannot widen the match', async () => {
    await db.models.Outbox.create(outboxRow('nbe-where', 'a body') as never);
    const found = await db.models.Outbox.findAll({ where: { text_body: BREAKOUT_WHERE } });
    expect(found.map((r) => r.idempotency_key)).to.deep.equal([]);
    await db.models.Outbox.create(outboxRow('nbe-where-exact', BREAKOUT_WHERE) as never);
    const exact = await db.models.Outbox.findAll({ where: { text_body: BREAKOUT_WHERE } });
    expect(exact.map((r) => r.idempotency_key)).to.deep.equal(['nbe-where-exact']);
  });
});
