// Issue 17 item 7 in CI: the soak of scripts/soak (npm run soak) for SOAK_MINUTES (5 by default) on MariaDB, its own
// tier in scripts/test-all.sh beside the others. One soak runs in before(); each check of its table is a test, so
// a failure names what went wrong (lost, duplicated, memory, connections) and the table is printed either way.
import { expect } from 'chai';
import { formatTable, runSoak, SOAK_DEFAULTS, type SoakResult } from '../../scripts/soak/run.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 5);

describe(`soak: ${MINUTES} min of citizens, staff, bounces, auto-replies and SIGKILLed workers [mariadb]`, function () {
  let r: SoakResult;
  const row = (prefix: string) => {
    const found = r.rows.filter((x) => x.measure.startsWith(prefix));
    expect(found, `rows starting "${prefix}"`).to.not.deep.equal([]);
    return found;
  };

  before(async function () {
    this.timeout((MINUTES + SOAK_DEFAULTS.drainMinutes + 8) * 60_000);
    r = await runSoak({ ...SOAK_DEFAULTS, minutes: MINUTES });
    process.stdout.write(`${formatTable(r)}\n`);
  });

  it('ran the load: citizens wrote, staff replied, DSNs and auto-replies came back, workers were killed and restarted', () => {
    expect(r.mail.delivered.case ?? 0).to.be.greaterThan(0);
    expect(r.mail.delivered.followup ?? 0).to.be.greaterThan(0);
    expect((r.mail.delivered.auto_reply ?? 0) + (r.mail.delivered.bounce ?? 0)).to.be.greaterThan(0);
    expect(r.ledger.replies.length).to.be.greaterThan(0);
    expect(r.ledger.kills).to.be.greaterThan(0);
    expect(r.ledger.errors).to.deep.equal([]);
  });

  it('drained the queue: every mail delivered is stored and nothing is left queued in the outbox', () => {
    expect(row('queue drained').every((x) => x.ok), row('queue drained')[0].value).to.equal(true);
    expect(r.mail.outbox.queued ?? 0).to.equal(0);
  });

  it('lost no mail: each first mail opened its own ticket, each follow-up joined its case, DSNs and auto-replies are stored as such', () => {
    expect(r.mail.lost).to.deep.equal([]);
    expect(r.mail.misfiled).to.deep.equal([]);
  });

  it('duplicated nothing: no mail stored twice, no extra ticket, no receipt or reply received twice by the relay', () => {
    expect(r.mail.duplicateMessages).to.deep.equal([]);
    expect(r.mail.extraTickets).to.equal(0);
    expect(r.mail.duplicateSends).to.deep.equal([]);
    expect(r.mail.receiptsPerTicketOverOne).to.equal(0);
    expect(r.mail.repliesWithoutOneRow).to.equal(0);
    expect(r.mail.sentNotReceived).to.deep.equal([]);
  });

  it('kept the long-lived processes\' memory flat', () => {
    for (const x of row('RSS ')) expect(x.ok, `${x.measure}: ${x.value}, limit ${x.limit}`).to.equal(true);
  });

  it('kept the database connection count flat, and the web answered throughout', () => {
    for (const x of [...row('DB connections'), ...row('web /healthz')]) expect(x.ok, `${x.measure}: ${x.value}`).to.equal(true);
    expect(r.failures).to.deep.equal([]);
  });
});
