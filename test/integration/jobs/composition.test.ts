// The composition root (server/composition.ts) as the worker and the CLI use it: its job handlers send through
// the SMTP_URL and MAIL_FROM of the config it was built from, the ingestion context is read afresh at each call,
// and close() closes what the root opened, never a database handed to it.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { parseEnv } from '../../../server/config/env.js';
import { buildRoot } from '../../../server/composition.js';
import { createLogger } from '../../../server/logger.js';
import { enqueueAlert } from '../../../server/services/outbox/enqueue.js';
import { enqueue } from '../../../server/services/queue/index.js';
import { JobRunner } from '../../../jobs/runner.js';

const MAIL_FROM = 'he-thong@hoabinh.gov.vn';
const configFor = (db: TestDb, smtpUrl: string) => parseEnv({
  NODE_ENV: 'test', DATABASE_URL: db.url, SECRET_KEY: 'composition-test-secret-0123456789abcdef', SMTP_URL: smtpUrl,
  MAIL_FROM, BASE_URL: 'https://govmail.hoabinh.gov.vn', LOG_LEVEL: 'silent',
});

forEachDb('composition root', (getDb) => {
  let smtp: SmtpCapture;
  before(async () => {
    smtp = await startSmtpCapture();
  });
  after(async () => smtp?.stop());

  it('runs outbox.flush through one transport to its SMTP_URL, and leaves a database handed to it open', async function () {
    this.timeout(30_000);
    const db = getDb();
    const root = buildRoot(configFor(db, smtp.url), { db, log: createLogger('silent') });
    await enqueueAlert(db, 'composition-test', ['quantri@hoabinh.gov.vn'], MAIL_FROM, '[govmail] thử', 'nội dung');
    await enqueue(db, 'outbox.flush', {});
    const runner = new JobRunner(db, await root.jobs(), root.log);
    expect(await runner.runOnce()).to.equal('ran');
    expect(smtp.messages.map((m) => m.envelope)).to.deep.equal([{ from: MAIL_FROM, to: ['quantri@hoabinh.gov.vn'] }]);
    expect(await root.transport()).to.equal(await root.transport());
    expect(await root.jobs()).to.equal(await root.jobs());
    await root.close();
    expect(await db.models.Outbox.count()).to.equal(1);
  });

  it('reads the ingestion context at each call: a hotline address set after the root was built is its own', async () => {
    const db = getDb();
    const root = buildRoot(configFor(db, smtp.url), { db });
    const before = await root.ingestContext();
    expect(before).to.include({ secret: 'composition-test-secret-0123456789abcdef', mailFrom: MAIL_FROM, ownDomain: 'mid.govmail.hoabinh.gov.vn' });
    expect(before.ownAddresses).to.not.include('tiepdan-snv@hoabinh.gov.vn');
    await db.models.Agency.create({ code: 'SNV', name: 'Sở Nội vụ', kind: 'department', hotline_address: 'tiepdan-snv@hoabinh.gov.vn' });
    expect((await root.ingestContext()).ownAddresses).to.include('tiepdan-snv@hoabinh.gov.vn');
    await root.close();
  });

  it('opens its own database on first use and closes it', async () => {
    const root = buildRoot(configFor(getDb(), smtp.url));
    const own = root.db();
    expect(own).to.not.equal(getDb());
    expect(root.db()).to.equal(own);
    expect(await own.models.Agency.count()).to.equal(1);
    await root.close();
    let error: unknown;
    await own.models.Agency.count().catch((e: unknown) => (error = e));
    expect(error, 'a query on the closed database').to.be.instanceOf(Error);
  });
});
