// The restore drill (issue 17 item 4): a small world (an agency with a hotline inbox whose password is sealed,
// tickets with their raw mail, accounts, audit rows) is backed up with `govmail backup`, restored with
// `govmail restore` into a second, empty database, and then `govmail audit:verify` passes on the copy and every
// ticket, message and raw mail is there byte for byte. Restore refuses a non-empty target and a damaged dump, and
// warns when SECRET_KEY cannot open the sealed secrets. On MariaDB the target is a second database on the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { emptyDb, freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { buildAgency, buildTicket } from '../../support/ticket-factory.js';
import { env } from '../../../server/config/env.js';
import { audit } from '../../../server/services/audit/index.js';
import { systemActor } from '../../../server/services/auth/index.js';
import { setHotlineInbox } from '../../../server/services/ingestion/index.js';
import { createAccount } from '../../../server/services/users/index.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';

/** Raw mail as it may arrive: CRLF, UTF-8 Vietnamese, an 8-bit part that is not UTF-8, quotes, backslashes, NUL. */
function rawMail(n: number): Buffer {
  return Buffer.concat([
    Buffer.from(`From: Công dân ${n} <congdan${n}@example.vn>\r\nSubject: =?UTF-8?B?${Buffer.from(`Phản ánh ${n}`).toString('base64')}?=\r\n`
      + `Message-ID: <drill-${n}@example.vn>\r\nContent-Type: text/plain; charset=windows-1258\r\n\r\nO'Brien said "\\n" (x); \r\n`),
    Buffer.from([0xe0, 0xf2, 0x00, 0xff, 0x27, 0x5c, 0x0a, 0x0d, 0x1a]),
    Buffer.from(`\r\n-- ${n}\r\n`),
  ]);
}

async function rows(db: TestDb, table: string, order: string): Promise<Record<string, unknown>[]> {
  return db.sequelize.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`, { type: QueryTypes.SELECT });
}

async function tableCount(db: TestDb): Promise<number> {
  const sql = db.kind === 'sqlite'
    ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'"
    : 'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()';
  const [row] = await db.sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT });
  return Number(row.n);
}

for (const kind of testDbKinds()) {
  describe(`backup and restore drill [${kind}]`, function () {
    this.timeout(180_000); // each step runs the CLI in a child process: seconds each on a loaded machine
    // Read when the world is built, not when the file loads: other suites in the same mocha process may set
    // another SECRET_KEY before this one runs (setEnvForTests), and the audit rows are keyed with the current one.
    let secretKey: string;
    const targets: TestDb[] = [];
    let source: TestDb;
    let work: string;
    let backupDir: string;
    let tickets: TicketAttrs[];
    let manifest: { tables: Record<string, number>; audit_head: { seq: number; id: number; hash: string }; dump: { file: string } };

    const target = async () => {
      const db = await emptyDb(kind);
      targets.push(db);
      return db;
    };

    before(async () => {
      secretKey = env().SECRET_KEY;
      source = await freshDb(kind);
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-backup-'));
      const agency = await buildAgency(source, { code: 'STNMT', hotline_address: 'hotline@stnmt.example.vn' });
      await setHotlineInbox(source, secretKey, { agency, agencyCode: 'STNMT', imapUrl: 'imap://hotline:mat-khau@127.0.0.1:1143/INBOX?tls=false' });
      const admin = systemActor('drill');
      await createAccount(source, { username: 'canbo.a', role: 'agent', agency: 'STNMT', password: 'Mat-khau-dai-123' }, admin);
      await createAccount(source, { username: 'lanhdao', role: 'leader', password: 'Mat-khau-dai-456' }, admin);
      tickets = [];
      for (let n = 1; n <= 3; n++) {
        const t = await buildTicket(source, { agency_id: agency.id, received: `2026-03-1${n}T08:00`, citizen_name: `Nguyễn Văn ${n}` });
        tickets.push(t);
        const raw = rawMail(n);
        const sha256 = `drill-raw-${n}`;
        await source.models.RawMessage.create({ sha256, bytes: raw, size: raw.length, created_at: t.received_at });
        await source.models.Message.create({
          inbox_id: null, uid_validity: null, uid: null, message_id: `<drill-${n}@example.vn>`, sha256, direction: 'in',
          classification: 'human', class_reason: null, ticket_id: t.id, from_address: t.citizen_address, subject: t.subject,
          text_body: `Nội dung ${n}`, html_sanitized: null, search_text: 'x', quarantine_reason: null, quarantine_detail: null,
          received_at: t.received_at,
        } as never);
        await audit(source, { actor: 'drill', action: 'ticket.drill', target: t.ref, details: { n } });
      }
      backupDir = path.join(work, 'backup');
      fs.mkdirSync(backupDir, { mode: 0o755 }); // an empty folder the operator made, as the README allows
      const run = await runGovmail(['backup', '--out', backupDir, '--json'], { DATABASE_URL: source.url, SECRET_KEY: secretKey });
      expect(run.code, run.stderr).to.equal(0);
      manifest = run.json();
    });

    after(async () => {
      for (const db of targets) await db.destroy();
      await source?.destroy();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    it('writes a manifest whose counts and audit head are the source\'s, beside a dump readable by its owner only', async () => {
      expect(manifest.tables.tickets).to.equal(3);
      expect(manifest.tables.raw_messages).to.equal(3);
      expect(manifest.tables.users).to.equal(2);
      const [head] = await source.sequelize.query<{ seq: number; last_id: number; last_hash: string }>('SELECT seq, last_id, last_hash FROM audit_head', { type: QueryTypes.SELECT });
      expect(manifest.audit_head).to.deep.equal({ seq: Number(head.seq), id: Number(head.last_id), hash: head.last_hash });
      expect(manifest.audit_head.seq).to.be.at.least(5);
      expect(fs.statSync(path.join(backupDir, manifest.dump.file)).mode & 0o077).to.equal(0);
      expect(fs.statSync(backupDir).mode & 0o077, 'the folder itself, though it existed').to.equal(0);
    });

    it('restores into a fresh database where audit:verify passes and every ticket, message and raw mail is byte for byte', async () => {
      const copy = await target();
      const env = { DATABASE_URL: copy.url, SECRET_KEY: secretKey };
      const run = await runGovmail(['restore', backupDir, '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      const result = run.json<{ rows: number; warnings: string[]; secret_key: { sample: string | null; ok: boolean } }>();
      expect(result.warnings).to.deep.equal([]);
      expect(result.secret_key).to.deep.equal({ sample: 'hotline_inboxes.password_enc', ok: true });
      expect(result.rows).to.equal(Object.values(manifest.tables).reduce((a, b) => a + b, 0));

      const verify = await runGovmail(['audit:verify', '--json'], env);
      expect(verify.code, verify.stderr).to.equal(0);
      expect(verify.json()).to.deep.include({ ok: true, rows: manifest.audit_head.seq });

      for (const [table, order] of [['tickets', 'id'], ['messages', 'id'], ['raw_messages', 'sha256'], ['users', 'id'], ['audit_log', 'id'], ['hotline_inboxes', 'id']]) {
        expect(await rows(copy, table, order), table).to.deep.equal(await rows(source, table, order));
      }
      const raws = await copy.models.RawMessage.findAll({ order: [['sha256', 'ASC']], raw: true });
      expect(raws.map((r) => Buffer.compare(Buffer.from(r.bytes), rawMail(Number(r.sha256.slice(-1)))))).to.deep.equal([0, 0, 0]);
      expect((await copy.models.Ticket.findAll({ order: [['id', 'ASC']], raw: true })).map((t) => t.ref)).to.deep.equal(tickets.map((t) => t.ref));
    });

    it('refuses a target that is not empty and leaves it as it was', async () => {
      const before = await source.models.Ticket.count();
      const run = await runGovmail(['restore', backupDir], { DATABASE_URL: source.url, SECRET_KEY: secretKey });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/target database is not empty .*restore only into a new, empty database/);
      expect(await source.models.Ticket.count()).to.equal(before);
    });

    it('refuses a dump that no longer matches its sha256 and loads nothing', async () => {
      const damaged = path.join(work, 'damaged');
      fs.cpSync(backupDir, damaged, { recursive: true });
      const dump = path.join(damaged, manifest.dump.file);
      const bytes = fs.readFileSync(dump);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01; // one bit, same size
      fs.writeFileSync(dump, bytes);
      const copy = await target();
      const run = await runGovmail(['restore', damaged], { DATABASE_URL: copy.url, SECRET_KEY: secretKey });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.contain('does not match the sha256 in the manifest');
      expect(await tableCount(copy)).to.equal(0);
    });

    it('restores under another SECRET_KEY but warns that it cannot open the sealed secrets', async () => {
      const copy = await target();
      const run = await runGovmail(['restore', backupDir], { DATABASE_URL: copy.url, SECRET_KEY: 'another-key-0123456789abcdef-0123456789' });
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.contain('warning: SECRET_KEY cannot open a hotline IMAP password');
      expect(run.stdout).to.contain('SECRET_KEY does NOT open the sealed secrets');
    });
  });
}
