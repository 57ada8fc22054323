// Issue 17 item 2: separate roles. 2 web, 3 worker and 2 scheduler processes (`govmail web|worker|scheduler`, real
// child processes) over one MariaDB and 50 hotline inboxes in a real Dovecot. Checked from the database, never by
// timing: the inbox lease history (inbox_lease_history) shows one owner per inbox at a time; a worker killed with
// SIGKILL keeps its inboxes until its lease runs out and then loses them to the others; the scheduled ticks exist
// once per slot and ran once; every mail delivered while each role is restarted in turn is exactly one ticket.
//
// MariaDB only, on purpose: separate role processes are how govmail runs past one machine, and that is MariaDB's
// (or MySQL's) job; a SQLite database is a file on one machine, run by `npm start` as one process with all three
// roles. The lease race between processes sharing a SQLite file is covered by ingestion/two-workers.test.ts.
import { expect } from 'chai';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import { compiledBin, startRoleProcess, tearDownRoles, until as untilWithin, type RoleName, type RoleProcess } from '../../support/role-process.js';
import { addHotline, mail, SECRET_KEY, startHotlineServers } from '../ingestion/hotline-fixture.js';
import { leaseStints } from '../../../server/services/ingestion/index.js';

const INBOXES = 50;
// Short, so the takeover comes soon; not so short that a process stalled on a loaded machine loses its leases.
const LEASE_SECONDS = 10;
const WAIT_MS = 120_000;
const MAILS_PER_RESTART = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = (what: string, check: () => Promise<boolean>, explain?: () => Promise<unknown>) => untilWithin(what, check, explain, WAIT_MS);

for (const kind of testDbKinds().filter((k) => k === 'mariadb')) {
  describe(`separate roles: 2 web, 3 worker, 2 scheduler processes [${kind}]`, function () {
    let db: TestDb;
    let dv: DovecotInstance;
    let smtp: SmtpCapture;
    const addresses: string[] = [];
    const running: RoleProcess[] = [];
    /** Workers stopped with SIGTERM, and when the signal went. */
    const stoppedCleanly = new Map<string, number>();
    let delivered = 0;

    const env = () => ({ DATABASE_URL: db.url, SECRET_KEY: SECRET_KEY, SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@hoabinh.gov.vn',
      INBOX_LEASE_SECONDS: String(LEASE_SECONDS), RECEIPTS_PER_HOUR: '100000', NODE_ENV: 'test' });
    const start = async (role: RoleName) => {
      const p = await startRoleProcess(role, env());
      running.push(p);
      return p;
    };
    const of = (role: RoleName) => running.filter((p) => p.role === role && p.proc.exitCode === null && p.proc.signalCode === null);
    // One citizen per mail (a new sender never threads into another's case), delivered through Dovecot's LMTP.
    const deliver = async (n: number) => {
      const i = delivered++;
      const to = addresses[n % INBOXES];
      await dv.deliver(to, mail({ to, from: `cd${i}@example.vn`, subject: `Phản ánh số ${i}`, messageId: `<roles-${i}@citizen.example>` }));
    };
    const messages = () => db.models.Message.count({ where: { direction: 'in' } });
    const inboxState = () => db.models.HotlineInbox.findAll({ raw: true, attributes: ['id', 'lease_owner', 'lease_until', 'last_uid', 'last_error'] });

    before(async function () {
      this.timeout(300_000);
      db = await freshDb(kind);
      await compiledBin();
      ({ dv, smtp } = await startHotlineServers(db));
      for (let i = 0; i < INBOXES; i++) addresses.push((await addHotline(db, dv, `R${String(i + 1).padStart(2, '0')}`)).user);
      await Promise.all([start('web'), start('web'), start('worker'), start('worker'), start('worker'), start('scheduler'), start('scheduler')]);
    });
    after(async function () {
      this.timeout(60_000);
      await tearDownRoles({ running, smtp, dv, db });
    });

    it('every inbox gets an owner among the workers, and the mail delivered to each becomes a ticket', async function () {
      this.timeout(WAIT_MS + 30_000);
      for (let n = 0; n < INBOXES; n++) await deliver(n);
      await until('50 tickets', async () => (await messages()) === delivered, inboxState);
      const owners = new Set(of('worker').map((w) => w.owner));
      const inboxes = await db.models.HotlineInbox.findAll();
      for (const i of inboxes) expect(owners.has(i.lease_owner!), `inbox ${i.id} owned by ${i.lease_owner}`).to.equal(true);
      for (const w of of('web')) expect((await fetch(`${w.baseUrl}/healthz`)).status).to.equal(200);
    });

    it('a worker killed with SIGKILL keeps its inboxes until its lease runs out; then the others take them over', async function () {
      this.timeout(WAIT_MS + 60_000);
      const inboxes = await db.models.HotlineInbox.findAll();
      const workers = of('worker');
      const held = (w: RoleProcess) => inboxes.filter((i) => i.lease_owner === w.owner).map((i) => i.id);
      const doomed = workers.reduce((a, b) => (held(b).length > held(a).length ? b : a));
      const doomedInboxes = held(doomed);
      expect(doomedInboxes.length).to.be.greaterThan(0);
      await doomed.kill();
      for (let n = 0; n < INBOXES; n++) await deliver(n);
      await until('the dead worker\'s inboxes taken over and all mail in', async () =>
        (await messages()) === delivered && (await db.models.HotlineInbox.count({ where: { lease_owner: doomed.owner! } })) === 0, inboxState);
      const stints = await leaseStints(db);
      for (const id of doomedInboxes) {
        const mine = stints.filter((s) => s.inbox_id === id);
        const last = mine.map((s) => s.owner).lastIndexOf(doomed.owner!);
        expect(mine[last].released_at, 'a killed worker never released').to.equal(null);
        const next = mine[last + 1];
        expect(next, `inbox ${id} taken over`).to.not.equal(undefined);
        expect(next.owner).to.not.equal(doomed.owner);
        expect(next.claimed_at.getTime(), `inbox ${id}: taken only after the dead lease ran out`).to.be.greaterThan(mine[last].held_until.getTime());
      }
      await start('worker');
    });

    it('a rolling restart of each role loses no mail: every mail delivered meanwhile is exactly one ticket', async function () {
      this.timeout(6 * WAIT_MS);
      // Someone keeps asking the web: at least one web process must answer each time while the other restarts.
      let restarting = true;
      let unanswered = 0;
      let asked = 0;
      const asker = (async () => {
        while (restarting) {
          asked++;
          const answers = await Promise.all(of('web').map((w) => fetch(`${w.baseUrl}/healthz`).then((r) => r.status === 200, () => false)));
          if (!answers.includes(true)) unanswered++;
          await sleep(100);
        }
      })();
      const stepMs: string[] = [];
      let n = 0;
      try {
        for (const role of ['worker', 'scheduler', 'web'] as const) {
          for (const old of of(role)) {
            const began = Date.now();
            // Start the replacement first, as a service manager rolling one unit at a time keeps the others up.
            await start(role);
            // Citizens write while the old process stops (a worker hands its inboxes over meanwhile).
            const signalledAt = Date.now();
            const stopping = old.stop();
            for (let k = 0; k < MAILS_PER_RESTART; k++) await deliver(n++);
            expect(await stopping, `govmail ${role} exits 0 after SIGTERM`).to.equal(0);
            if (role === 'worker') stoppedCleanly.set(old.owner!, signalledAt);
            stepMs.push(`${role} ${Date.now() - began} ms`);
          }
        }
      } finally {
        restarting = false;
        await asker;
      }
      process.stdout.write(`      rolling restart steps: ${stepMs.join(", ")}\n`);
      await until('every mail delivered during the restarts ingested', async () => (await messages()) === delivered, inboxState);
      expect(unanswered, `web checks with no web process answering, of ${asked}`).to.equal(0);
      const rows = await db.models.Message.findAll({ where: { direction: 'in' }, attributes: ['message_id', 'ticket_id'] });
      expect(rows).to.have.length(delivered);
      expect(new Set(rows.map((r) => r.message_id)).size, 'no mail ingested twice').to.equal(delivered);
      expect(new Set(rows.map((r) => r.ticket_id)).size, 'one ticket per mail').to.equal(delivered);
      expect(await db.models.Ticket.count()).to.equal(delivered);
      // The receipts: one outbox row per mail, each tried (the outbox.flush ticks of the schedulers, run by the
      // workers). A row the SIGKILLed worker was sending stays 'sending'/'unknown' by design: never sent twice.
      await until('every receipt tried', async () => (await db.models.Outbox.count({ where: { kind: 'ack', status: 'queued' } })) === 0,
        async () => db.models.Outbox.count({ where: { kind: 'ack', status: 'queued' } }));
      expect(await db.models.Outbox.count({ where: { kind: 'ack' } })).to.equal(delivered);
      expect(await db.models.Outbox.count({ where: { kind: 'ack', status: 'failed' } })).to.equal(0);
      expect(new Set(smtp.messages.flatMap((m) => m.envelope.to)).size, 'receipts reached the citizens').to.be.greaterThan(delivered - 50);
    });

    it('the lease history shows one owner per inbox at a time, and stopped workers released theirs', async () => {
      const stints = await leaseStints(db);
      const workers = new Set(running.filter((p) => p.role === 'worker').map((p) => p.owner));
      for (let i = 0; i < stints.length; i++) {
        const s = stints[i];
        expect(workers.has(s.owner), `stint by ${s.owner}`).to.equal(true);
        const next = stints[i + 1];
        if (!next || next.inbox_id !== s.inbox_id) continue;
        const ended = (s.released_at ?? s.held_until).getTime();
        expect(next.claimed_at.getTime(), `inbox ${s.inbox_id}: ${next.owner} claimed before ${s.owner} let go`).to.be.at.least(ended);
      }
      expect(new Set(stints.map((s) => s.inbox_id)).size).to.equal(INBOXES);
      // Every lease still held when SIGTERM came is released. A lease that ran out before (a worker stalled longer
      // than the lease on a loaded machine, and another took the inbox over, as the check above allows) is no longer
      // the worker's to release.
      const unreleased = stints.filter((s) => stoppedCleanly.has(s.owner) && s.released_at === null && s.held_until.getTime() >= stoppedCleanly.get(s.owner)!);
      expect(unreleased, 'a worker stopped with SIGTERM releases every lease').to.deep.equal([]);
    });

    it('two schedulers produce each periodic job once per slot, and the workers ran them', async () => {
      const jobs = await db.models.Job.findAll({ where: { name: ['outbox.flush', 'sla.tick', 'metrics.refresh', 'sessions.purge'] }, raw: true });
      const keys = jobs.map((j) => j.unique_key);
      expect(new Set(keys).size, 'one job per slot').to.equal(jobs.length);
      for (const j of jobs) expect(j.unique_key).to.match(new RegExp(`^${j.name.replace('.', '\\.')}@\\d+$`));
      for (const name of ['outbox.flush', 'sla.tick', 'metrics.refresh']) {
        expect(jobs.filter((j) => j.name === name && j.status === 'done').length, `${name} ran`).to.be.greaterThan(0);
      }
      expect(jobs.filter((j) => j.status === 'failed').map((j) => j.last_error)).to.deep.equal([]);
    });
  });
}
