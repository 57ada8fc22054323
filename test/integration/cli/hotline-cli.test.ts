// `govmail poll --once` and `govmail outbox:flush` as an operator runs them: the real bin against the real
// Dovecot and an SMTP peer. Both take the ingestion context and the SMTP transport from the composition root
// (server/composition.ts), built from the environment they were started with.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import { runGovmail } from '../../support/cli.js';
import { addHotline, append, DOMAIN, mail, SECRET_KEY, startHotlineServers } from '../ingestion/hotline-fixture.js';

const MAIL_FROM = 'tiep-nhan@hoabinh.gov.vn';

forEachDb('govmail poll and outbox:flush', (getDb) => {
  let dv: DovecotInstance;
  let smtp: SmtpCapture;
  const db = (): TestDb => getDb();

  before(async function () {
    this.timeout(60_000);
    ({ dv, smtp } = await startHotlineServers(db()));
  });
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
  });

  it('poll --once makes a ticket of a citizen mail, and outbox:flush sends its receipt through SMTP_URL', async function () {
    this.timeout(180_000);
    const stp = await addHotline(db(), dv, 'STP');
    await append(stp, [mail({ to: `stp@${DOMAIN}`, from: 'Trần Thị B <congdan-b@example.vn>' })]);
    const env = { DATABASE_URL: db().url, SECRET_KEY, NODE_ENV: 'test', SMTP_URL: smtp.url, MAIL_FROM };

    const poll = await runGovmail(['poll', '--once', '--json'], env);
    expect(poll.code, poll.stderr).to.equal(0);
    expect(poll.json()).to.include({ fetched: 1, tickets: 1 });
    expect(await db().models.Ticket.count()).to.equal(1);

    const flush = await runGovmail(['outbox:flush', '--json'], env);
    expect(flush.code, flush.stderr).to.equal(0);
    expect(flush.json()).to.deep.equal({ sent: 1, failed: 0, deferred: 0, unknown: 0 });
    expect(smtp.messages.map((m) => m.envelope.to)).to.deep.equal([['congdan-b@example.vn']]);
  });
});
