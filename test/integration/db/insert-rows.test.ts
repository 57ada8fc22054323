// insertRows must store exactly what create() stores (the ingestion's bulk path and its one-message path are
// compared on that assumption), read back as raw SQL so no model parsing can hide a difference in the text.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { inTransaction } from '../../../server/db/index.js';
import { insertRows as insertRowsIn } from '../../../server/db/insert-rows.js';
import { forEachDb } from '../../support/databases.js';

const AT = new Date('2026-02-16T23:59:59.987Z'); // milliseconds, and the last second of a UTC day
const TRICKY = `Đơn 'khiếu nại' "số 1" \\ $1 $$ ? :name -- ; ${'dài '.repeat(2_000)}`;

const outbox = (key: string) => ({
  idempotency_key: key, kind: 'receipt', ticket_id: null, to_address: 'dan@example.vn', from_address: 'hotline@hoabinh.gov.vn',
  subject: TRICKY.slice(0, 200), text_body: TRICKY, html_body: null, headers: JSON.stringify({ 'Auto-Submitted': 'auto-replied' }),
  message_id: null, status: 'queued', attempts: 3, next_attempt_at: AT,
});

const mailbox = (address: string) => ({
  address, local_part: address.split('@')[0], domain: 'hoabinh.gov.vn', kind: 'staff', staff_id: null, agency_id: null,
  display_name: 'Nguyễn Thị Đào', password_hash: '{SHA512-CRYPT}$6$salt$hash', maildir: `hoabinh.gov.vn/${address}/`, quota_mb: 2048,
  active: true, allow_login: false, must_change_password: true, password_changed_at: AT, last_login_at: null, suspended_at: null, disabled_at: null,
});

forEachDb('insertRows', (getDb) => {
  const insertRows: typeof insertRowsIn = (model, rows) => inTransaction(getDb().sequelize, () => insertRowsIn(model, rows));

  async function rawRows(table: string, key: string, values: string[]): Promise<Record<string, unknown>[]> {
    const rows = await getDb().sequelize.query<Record<string, unknown>>(
      `SELECT * FROM ${table} WHERE ${key} IN (:values) ORDER BY ${key}`, { replacements: { values }, type: QueryTypes.SELECT });
    return rows.map(({ id: _id, created_at: _c, updated_at: _u, ...rest }) => rest);
  }

  it('stores text, nulls, numbers and DATE(3) times as create() does', async () => {
    const { Outbox } = getDb().models;
    await Outbox.create(outbox('by-create') as never);
    await insertRows(Outbox, [outbox('by-insert-rows')]);
    const [created, inserted] = await rawRows('outbox', 'idempotency_key', ['by-create', 'by-insert-rows']);
    expect({ ...inserted, idempotency_key: 'by-create' }).to.deep.equal(created);
    expect(inserted.text_body).to.equal(TRICKY);
  });

  it('stores the extreme integers and zero as create() does (SQLite gets integers as literals)', async () => {
    const { Outbox } = getDb().models;
    const cases = [-2_147_483_648, 0, 2_147_483_647];
    for (const [i, attempts] of cases.entries()) await Outbox.create({ ...outbox(`c${i}`), attempts } as never);
    await insertRows(Outbox, cases.map((attempts, i) => ({ ...outbox(`i${i}`), attempts })));
    const created = await rawRows('outbox', 'idempotency_key', cases.map((_, i) => `c${i}`));
    const inserted = await rawRows('outbox', 'idempotency_key', cases.map((_, i) => `i${i}`));
    expect(inserted.map((r) => ({ ...r, idempotency_key: null }))).to.deep.equal(created.map((r) => ({ ...r, idempotency_key: null })));
    expect(inserted.map((r) => Number(r.attempts))).to.deep.equal(cases);
  });

  it('stores booleans as create() does', async () => {
    const { Mailbox } = getDb().models;
    await Mailbox.create(mailbox('a.create@hoabinh.gov.vn') as never);
    await insertRows(Mailbox, [mailbox('b.insert@hoabinh.gov.vn')]);
    const [created, inserted] = await rawRows('mailboxes', 'address', ['a.create@hoabinh.gov.vn', 'b.insert@hoabinh.gov.vn']);
    const sameAddress = { address: created.address, local_part: created.local_part, maildir: created.maildir };
    expect({ ...inserted, ...sameAddress }).to.deep.equal(created);
  });

  it('stores raw mail bytes unchanged, including NUL and invalid UTF-8', async () => {
    const { RawMessage } = getDb().models;
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x27, 0x5c, 0x0d, 0x0a, 0x80]);
    await insertRows(RawMessage, [{ sha256: 'f'.repeat(64), bytes, size: bytes.length, created_at: AT }]);
    const row = await RawMessage.findByPk('f'.repeat(64));
    expect(Buffer.compare(Buffer.from(row!.bytes), bytes)).to.equal(0);
    expect(row!.created_at.toISOString()).to.equal(AT.toISOString());
  });

  it('refuses to run outside a transaction, and names the table', async () => {
    const error = await insertRowsIn(getDb().models.Outbox, [outbox('no-transaction')]).catch((e: Error) => e);
    expect(error).to.be.instanceOf(Error).with.property('message').that.includes('Outbox').and.includes('inTransaction');
    expect(await rawRows('outbox', 'idempotency_key', ['no-transaction'])).to.deep.equal([]);
  });

  it('rejects a value it cannot store, naming the column', async () => {
    const error = await insertRows(getDb().models.Outbox, [{ ...outbox('bad-value'), headers: { not: 'text' } }]).catch((e: Error) => e);
    expect(error).to.be.instanceOf(TypeError).with.property('message').that.includes('headers');
  });

  it('splits a batch larger than one statement may bind, and writes every row once', async () => {
    const { Outbox } = getDb().models;
    const keys = Array.from({ length: 2_500 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
    await insertRows(Outbox, keys.map((key) => ({ ...outbox(key), text_body: key })));
    const rows = await rawRows('outbox', 'idempotency_key', keys);
    expect(rows.map((r) => r.idempotency_key)).to.deep.equal(keys);
  });
});
