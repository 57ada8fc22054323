// Hostile review, item 2: an insider with write access to the database must not be able to remove or rewrite
// audit rows unnoticed. Deleting the last rows used to verify as intact (audit_head was never compared); the
// chain was a plain SHA-256, which anyone can recompute; and nothing outside the database pinned the head.
// Checked through the real `govmail` command, as an operator or an auditor runs it.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { forEachDb, freshDb, type TestDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { audit } from '../../../server/services/audit/audit-log.js';
import { execWrite, withDbTimes, type Db } from '../../../server/db/index.js';
import { env } from '../../../server/config/env.js';
import { migrateDown, migrateUp } from '../../../server/db/migrate.js';
import { migrations } from '../../../server/db/migrations/index.js';

interface Row { id: number; at: string | Date; actor: string; action: string; target: string | null; details: string | null; prev_hash: string; hash: string }
interface Verdict { ok: boolean; rows: number; brokenRowId?: number; reason?: string }

const GENESIS = '0'.repeat(64);

/** The chain as it was before it was keyed: sha256 over the row's canonical text. Anyone can compute it. */
const plainHash = (prev: string, at: Date, r: Pick<Row, 'actor' | 'action' | 'target' | 'details'>) =>
  createHash('sha256').update(JSON.stringify([prev, at.toISOString(), r.actor, r.action, r.target, r.details])).digest('hex');

const asDate = (at: string | Date) => (at instanceof Date ? at : new Date(String(at).replace(' +00:00', 'Z').replace(' ', 'T')));

async function rows(db: Db): Promise<Row[]> {
  return db.sequelize.query<Row>('SELECT id, at, actor, action, target, details, prev_hash, hash FROM audit_log ORDER BY id', { type: QueryTypes.SELECT });
}

async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  return column in (await db.sequelize.getQueryInterface().describeTable(table));
}

/** What an insider with database access does: rewrite rows from `fromIndex` on with the plain hash, and the head. */
async function recomputePlain(db: Db, fromIndex: number, opts: { markLegacy?: boolean } = {}): Promise<void> {
  const all = await rows(db);
  let prev = fromIndex === 0 ? GENESIS : all[fromIndex - 1]!.hash;
  const legacy = opts.markLegacy && (await hasColumn(db, 'audit_log', 'chain')) ? ', chain = 1' : '';
  for (const r of all.slice(fromIndex)) {
    const hash = plainHash(prev, asDate(r.at), r);
    await execWrite(db.sequelize, `UPDATE audit_log SET prev_hash = :prev, hash = :hash${legacy} WHERE id = :id`, { prev, hash, id: r.id });
    prev = hash;
  }
  await execWrite(db.sequelize, 'UPDATE audit_head SET last_hash = :prev WHERE id = 1', { prev });
}

async function appendRows(db: Db, tag: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await audit(db, { actor: 'hr.snv', action: 'test.append', target: `${tag}${i}`, details: { i, name: 'Đặng Thị Ánh Nguyệt' } });
}

forEachDb('issue 13 item 2: audit chain', (getDb) => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'govmail-audit-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  const cli = (db: Db, args: string[]) => runGovmail(args, { DATABASE_URL: db.url, SECRET_KEY: env().SECRET_KEY });

  it('deleting the last rows fails audit:verify, naming the missing row the head records', async () => {
    const db = getDb();
    await appendRows(db, 'tail', 5);
    const before = await rows(db);
    const keep = before[before.length - 3]!;
    await execWrite(db.sequelize, 'DELETE FROM audit_log WHERE id > :id', { id: keep.id });
    const run = await cli(db, ['audit:verify', '--json']);
    expect(run.code, run.stderr).to.equal(1);
    const verdict = run.json<Verdict>();
    expect(verdict).to.include({ ok: false, brokenRowId: before[before.length - 1]!.id });
    expect(verdict.reason).to.match(/removed/);
    expect(run.stderr).to.contain(`row ${before[before.length - 1]!.id}`);
  });

  it('a chain recomputed with plain SHA-256 after an edit does not verify, even marked as pre-upgrade rows', async () => {
    const db = await freshDb(getDb().kind);
    try {
      await appendRows(db, 'edit', 6);
      const victim = (await rows(db))[3]!;
      await execWrite(db.sequelize, 'UPDATE audit_log SET actor = :actor WHERE id = :id', { actor: 'someone.else', id: victim.id });
      await recomputePlain(db, 3);
      const run = await cli(db, ['audit:verify', '--json']);
      expect(run.code, run.stderr).to.equal(1);
      expect(run.json<Verdict>()).to.include({ ok: false, brokenRowId: victim.id });

      // Rewriting every row as if it predated the keyed chain does not help either.
      await recomputePlain(db, 0, { markLegacy: true });
      const all = await cli(db, ['audit:verify', '--json']);
      expect(all.code, all.stderr).to.equal(1);
      expect(all.json<Verdict>()).to.include({ ok: false, brokenRowId: (await rows(db))[0]!.id });
    } finally {
      await db.destroy();
    }
  });

  it('an operator anchors the head outside: later rows verify, a rewound head and removed rows do not', async () => {
    const db = await freshDb(getDb().kind);
    try {
      await appendRows(db, 'anchor', 3);
      const head = await cli(db, ['audit:head', '--json']);
      expect(head.code, head.stderr).to.equal(0);
      const anchor = head.json<{ seq: number; id: number; hash: string }>();
      const [first, second, third] = await rows(db);
      expect(anchor).to.include({ seq: 3, id: third!.id, hash: third!.hash });
      const file = join(dir, `head-${db.kind}.json`);
      await writeFile(file, head.stdout);

      await appendRows(db, 'later', 2);
      const later = await cli(db, ['audit:verify', '--head', file, '--json']);
      expect(later.code, later.stderr).to.equal(0);
      expect(later.json<Verdict>()).to.include({ ok: true, rows: 5 });

      // The insider removes everything after the second row and rewinds the head to it: consistent inside the
      // database, but not with the anchor.
      await execWrite(db.sequelize, 'DELETE FROM audit_log WHERE id > :id', { id: second!.id });
      const lastId = (await hasColumn(db, 'audit_head', 'last_id')) ? ', last_id = :id' : '';
      await execWrite(db.sequelize, `UPDATE audit_head SET seq = 2, last_hash = :hash${lastId} WHERE id = 1`, { hash: second!.hash, id: second!.id });
      const rewound = await cli(db, ['audit:verify', '--head', file, '--json']);
      expect(rewound.code, rewound.stderr).to.equal(1);
      expect(rewound.json<Verdict>()).to.include({ ok: false, brokenRowId: third!.id });
      expect(first!.id).to.be.below(second!.id);

      const missing = await cli(db, ['audit:verify', '--head', join(dir, 'no-such-file.json')]);
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.contain('no-such-file.json');
    } finally {
      await db.destroy();
    }
  });

  it('a database chained with plain SHA-256 before the upgrade verifies after migrate, and its old rows stay tamper-evident', async () => {
    const db: TestDb = await freshDb(getDb().kind);
    try {
      // Back to the schema before the chain was keyed (nothing to undo on a build that never keyed it).
      const keyed = migrations.findIndex((m) => m.name.endsWith('-audit-keyed-chain'));
      if (keyed >= 0) await migrateDown(db.sequelize, migrations[keyed]!.name);
      let prev = GENESIS;
      const at = new Date('2026-03-02T01:30:00.123Z');
      for (let i = 0; i < 4; i++) {
        const r = { actor: 'cli', action: 'roster.import', target: `batch ${i}`, details: JSON.stringify({ created: i }) };
        const hash = plainHash(prev, at, r);
        await db.sequelize.query('INSERT INTO audit_log (at, actor, action, target, details, prev_hash, hash) VALUES (:at, :actor, :action, :target, :details, :prev, :hash)',
          { replacements: withDbTimes(db.sequelize, { at, ...r, prev, hash }), type: QueryTypes.INSERT });
        prev = hash;
      }
      await execWrite(db.sequelize, 'UPDATE audit_head SET seq = 4, last_hash = :prev WHERE id = 1', { prev });

      await migrateUp(db.sequelize, { secretKey: env().SECRET_KEY });
      await appendRows(db, 'after-upgrade', 2);
      const ok = await cli(db, ['audit:verify', '--json']);
      expect(ok.code, ok.stderr).to.equal(0);
      expect(ok.json<Verdict>().ok).to.equal(true);

      // The old rows are still plain SHA-256: an insider edits one and recomputes the chain from there on.
      const all = await rows(db);
      await execWrite(db.sequelize, 'UPDATE audit_log SET details = :d WHERE id = :id', { d: JSON.stringify({ created: 999 }), id: all[1]!.id });
      await recomputePlain(db, 1);
      const broken = await cli(db, ['audit:verify', '--json']);
      expect(broken.code, broken.stderr).to.equal(1);
      // The old rows agree with each other again; the first row after them (chained with the key) cannot.
      expect(broken.json<Verdict>()).to.include({ ok: false, brokenRowId: all[4]!.id });
    } finally {
      await db.destroy();
    }
  });
});
