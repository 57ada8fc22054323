// The long-running worker against a real Dovecot: IDLE turns an APPEND into a ticket without a manual poll,
// a Dovecot outage is survived with one alert, leases give each inbox one owner and are released on stop.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { HotlineWorker } from '../../../server/services/ingestion/hotline-worker.js';
import { addHotline, append, DOMAIN, ingestCtx, mail, SECRET_KEY } from './hotline-fixture.js';

let stateOfInboxes: () => Promise<unknown> = async () => null;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    // The inbox rows say why (last_error, lease owner, cursor) when a wait times out on a loaded machine.
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}; inboxes: ${JSON.stringify(await stateOfInboxes())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

forEachDb('hotline worker (IDLE, reconnect, leases)', (getDb) => {
  let dv: DovecotInstance;
  let stp: ImapConfig;
  const db = (): TestDb => getDb();
  const workers: HotlineWorker[] = [];
  const newWorker = (owner: string) => {
    const w = new HotlineWorker(db(), {
      secretKey: SECRET_KEY, context: async () => ingestCtx(), owner, discoverMs: 200, leaseMs: 6_000,
      // IDLE must do the work: a 60 s timeout means a ticket within seconds came from EXISTS, not a re-search.
      maxIdleMs: 60_000, backoff: { baseMs: 300, maxMs: 1_000, stableMs: 60_000 },
    });
    workers.push(w);
    return w;
  };
  const ticketsFrom = (address: string) => db().models.Ticket.count({ where: { citizen_address: address } });
  const inboxOf = async (code: string) => {
    const agency = (await db().models.Agency.findOne({ where: { code } }))!;
    return (await db().models.HotlineInbox.findOne({ where: { agency_id: agency.id } }))!;
  };

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    stp = await addHotline(db(), dv, 'STP');
    stateOfInboxes = () => db().models.HotlineInbox.findAll({ raw: true, attributes: ['id', 'uid_validity', 'last_uid', 'lease_owner', 'last_ok_at', 'consecutive_failures', 'last_error'] });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  after(async () => {
    await dv?.destroy();
  });

  it('turns a message APPENDed while the worker IDLEs into a ticket without a manual poll', async function () {
    this.timeout(30_000);
    const w = newWorker('worker-a');
    w.start();
    await until('the worker owns the inbox and has caught up', async () => (await inboxOf('STP')).last_ok_at !== null && w.owned().length === 1);
    await new Promise((r) => setTimeout(r, 300)); // now inside IDLE
    const startedAt = Date.now();
    await append(stp, [mail({ to: `stp@${DOMAIN}`, from: 'idle@example.vn' })]);
    await until('a ticket from the IDLE append', async () => (await ticketsFrom('idle@example.vn')) === 1, 20_000);
    expect(Date.now() - startedAt).to.be.below(20_000); // far below maxIdleMs: woken by EXISTS, not by the resync timer
    expect((await inboxOf('STP')).lease_owner).to.equal('worker-a');
  });

  it('reconnects after Dovecot is stopped and started, ingests what arrived, and alerts admins once', async function () {
    this.timeout(60_000);
    const alerts = () => db().models.Outbox.count({ where: { kind: 'alert' } });
    const alertsBefore = await alerts();
    const w = newWorker('worker-b');
    w.start();
    await until('the worker owns the inbox', async () => w.owned().length === 1 && (await inboxOf('STP')).consecutive_failures === 0);
    await dv.stop();
    await until('two failures recorded while Dovecot is down', async () => (await inboxOf('STP')).consecutive_failures >= 2, 20_000);
    expect((await inboxOf('STP')).last_error).to.match(/ImapError/);
    await dv.restart();
    await append(stp, [mail({ to: `stp@${DOMAIN}`, from: 'outage@example.vn' })]);
    await until('the mail appended after the restart is a ticket', async () => (await ticketsFrom('outage@example.vn')) === 1, 20_000);
    const inbox = await inboxOf('STP');
    expect(inbox.consecutive_failures).to.equal(0);
    expect(inbox.last_error).to.equal(null);
    expect(await alerts()).to.equal(alertsBefore + 1); // first failure only, however many reconnects failed
  });

  it('gives each inbox one owner across two workers, picks up a new inbox, and hands over on stop', async function () {
    this.timeout(60_000);
    const a = newWorker('worker-c');
    const b = newWorker('worker-d');
    a.start();
    await until('worker c owns STP', async () => a.owned().length === 1);
    b.start();
    const stc = await addHotline(db(), dv, 'STC');
    await until('the new inbox STC is owned', async () => (await inboxOf('STC')).lease_owner !== null);
    const owners = [(await inboxOf('STP')).lease_owner, (await inboxOf('STC')).lease_owner];
    expect(owners[0]).to.equal('worker-c');
    expect(a.owned().length + b.owned().length).to.equal(2);
    await append(stc, [mail({ to: `stc@${DOMAIN}`, from: 'new-inbox@example.vn' })]);
    await until('mail to the new inbox is a ticket', async () => (await ticketsFrom('new-inbox@example.vn')) === 1);

    await a.stop();
    expect(a.owned()).to.deep.equal([]);
    await until('worker d took STP over after c released it', async () => (await inboxOf('STP')).lease_owner === 'worker-d', 10_000);
    await append(stp, [mail({ to: `stp@${DOMAIN}`, from: 'handover@example.vn' })]);
    await until('mail after the handover is a ticket', async () => (await ticketsFrom('handover@example.vn')) === 1);
    await b.stop();
    expect((await inboxOf('STP')).lease_owner).to.equal(null);
    expect((await inboxOf('STC')).lease_owner).to.equal(null);
    expect(await db().models.Message.count({ where: { from_address: 'handover@example.vn' } })).to.equal(1);
  });
});
