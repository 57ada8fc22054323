// `govmail reconcile --json` (issue 4 §8) as an operator runs it: the real bin against the real Dovecot.
// A message row deleted by hand is a UID on the server that nothing accounts for: a gap, and exit code 1.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { runGovmail } from '../../support/cli.js';
import type { ReconcileReport } from '../../../server/services/ingestion/reconcile.js';
import { addHotline, append, DOMAIN, mail, poll, SECRET_KEY } from './hotline-fixture.js';

forEachDb('govmail reconcile', (getDb) => {
  let dv: DovecotInstance;
  let env: Record<string, string>;
  const db = (): TestDb => getDb();

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    const stp = await addHotline(db(), dv, 'STP');
    const stc = await addHotline(db(), dv, 'STC');
    await append(stp, Array.from({ length: 5 }, (_, i) => mail({ to: `stp@${DOMAIN}`, from: `c${i}@example.vn` })));
    await append(stc, [mail({ to: `stc@${DOMAIN}`, from: 'c@example.vn' })]);
    await poll(db());
    env = { DATABASE_URL: db().url, SECRET_KEY, NODE_ENV: 'test' };
  });
  after(async () => dv?.destroy());

  it('reports every UID accounted for and exits 0 when nothing is missing', async function () {
    this.timeout(60_000);
    const run = await runGovmail(['reconcile', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const reports = run.json<ReconcileReport[]>();
    expect(reports.map((r) => [r.agency, r.on_server, r.ingested, r.pending, r.gaps])).to.have.deep.members([
      ['STP', 5, 5, 0, []], ['STC', 1, 1, 0, []],
    ]);
  });

  it('shows a message deleted from the messages table by hand as a gap, exits 1, and --agency limits the report', async function () {
    this.timeout(60_000);
    const inbox = (await db().models.HotlineInbox.findOne({ where: { imap_user: `stp@${DOMAIN}` } }))!;
    const victim = (await db().models.Message.findOne({ where: { inbox_id: inbox.id, uid: 3 } }))!;
    await db().models.TicketEvent.destroy({ where: { message_id: victim.id } });
    await victim.destroy();
    const run = await runGovmail(['reconcile', '--json'], env);
    expect(run.code).to.equal(1);
    const stp = run.json<ReconcileReport[]>().find((r) => r.agency === 'STP')!;
    expect([stp.on_server, stp.ingested, stp.gaps]).to.deep.equal([5, 4, [3]]);
    const only = await runGovmail(['reconcile', '--agency', 'STC', '--json'], env);
    expect(only.code, only.stderr).to.equal(0);
    expect(only.json<ReconcileReport[]>().map((r) => r.agency)).to.deep.equal(['STC']);
  });
});
