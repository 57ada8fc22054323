// What the soak runs against, built from the test machinery (test/support) so there is one way to start each
// server: a fresh MariaDB database, a private Dovecot with one hotline inbox per agency, an SMTP capture standing in
// for the relay, one agent per agency, and govmail role processes (`govmail worker|scheduler|web`, compiled, as
// jobs/roles.test.ts starts them). Workers come in two kinds: one steady worker that is never killed (its RSS is
// a long-lived process's), and a pool the chaos loop SIGKILLs and replaces.
import fs from 'node:fs';
import { freshDb, type TestDb } from '../../test/support/databases.js';
import { startDovecot, type DovecotInstance } from '../../test/support/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../../test/support/smtp-capture.js';
import { compiledBin, removeCompiledBin, startRoleProcess, type RoleName, type RoleProcess } from '../../test/support/role-process.js';
import { buildUser } from '../../test/support/web.js';
import { addHotline, DOMAIN, SECRET_KEY } from '../../test/integration/ingestion/hotline-fixture.js';
import { ingestContextFor, type IngestContext } from '../../server/services/ingestion/index.js';
import type { Actor } from '../../server/services/tickets/index.js';

export const BASE_URL = 'https://govmail.soak.test';
export const MAIL_FROM = 'no-reply@hoabinh.gov.vn';
export const ALERT_ADDRESS = 'ops@soak.example';

export interface WorldOptions { inboxes: number; killableWorkers: number; leaseSeconds: number }

export interface Hotline { code: string; address: string; agent: Actor }

export interface World {
  db: TestDb;
  dv: DovecotInstance;
  smtp: SmtpCapture;
  hotlines: Hotline[];
  /** the context the web builds for a reply (server/web routes call deps.ingestContext()) */
  replyContext: IngestContext;
  long: RoleProcess[];
  killable: RoleProcess[];
  /** SIGKILL one pool worker at random and start its replacement */
  killOne(pick: number): Promise<void>;
  /** every process alive, for the drain: the pool back at full strength */
  alive(): RoleProcess[];
  destroy(): Promise<void>;
}

export async function buildWorld(opts: WorldOptions): Promise<World> {
  const db = await freshDb('mariadb');
  const made: { dv?: DovecotInstance; smtp?: SmtpCapture } = {};
  const all: RoleProcess[] = [];
  try {
    await compiledBin();
    await db.models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    made.dv = await startDovecot({ db });
    made.smtp = await startSmtpCapture();
    const hotlines: Hotline[] = [];
    for (let i = 0; i < opts.inboxes; i++) {
      const code = `SK${String(i + 1).padStart(2, '0')}`;
      const cfg = await addHotline(db, made.dv, code);
      const agency = (await db.models.Agency.findOne({ where: { code } }))!;
      const { user } = await buildUser(db, { role: 'agent', agencyId: agency.id, displayName: `Cán bộ ${code}` });
      hotlines.push({ code, address: cfg.user, agent: { id: user.id, username: user.username, role: user.role, agency_id: user.agency_id } });
    }
    const env = { DATABASE_URL: db.url, SECRET_KEY, SMTP_URL: made.smtp.url, MAIL_FROM, BASE_URL, ALERT_ADDRESS,
      INBOX_LEASE_SECONDS: String(opts.leaseSeconds), JOB_LEASE_SECONDS: String(Math.max(5, opts.leaseSeconds)),
      RECEIPTS_PER_HOUR: '100000', NODE_ENV: 'test' };
    const start = async (role: RoleName) => {
      const p = await startRoleProcess(role, env);
      all.push(p);
      return p;
    };
    const long = await Promise.all([start('worker'), start('scheduler'), start('web')]);
    const killable = await Promise.all(Array.from({ length: opts.killableWorkers }, () => start('worker')));
    const replyContext = await ingestContextFor(db, { SECRET_KEY, MAIL_FROM, BASE_URL, PROVINCE_NAME: 'Tỉnh Hòa Bình', ALERT_ADDRESS: [ALERT_ADDRESS] });
    const { dv, smtp } = made as Required<typeof made>;
    return {
      db, dv, smtp, hotlines, replyContext, long, killable,
      async killOne(pick) {
        const i = pick % killable.length;
        await killable[i].kill();
        killable[i] = await start('worker');
      },
      alive: () => all.filter((p) => p.proc.exitCode === null && p.proc.signalCode === null),
      async destroy() {
        await Promise.all(all.map((p) => p.kill()));
        await smtp.stop();
        await dv.destroy();
        await db.destroy();
        await removeCompiledBin();
      },
    };
  } catch (e) {
    await Promise.all(all.map((p) => p.kill()));
    await made.smtp?.stop();
    await made.dv?.destroy();
    await db.destroy();
    await removeCompiledBin();
    throw e;
  }
}

/** Resident set size of a process in bytes, from /proc (Linux), or null once it is gone. */
export function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Connections open to this database, from the server's process list (other tests share the server). */
export async function dbConnections(db: TestDb): Promise<number> {
  const [rows] = await db.sequelize.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = :name',
    { replacements: { name: db.mysql!.database } });
  return Number((rows as { n: number | string }[])[0].n);
}
