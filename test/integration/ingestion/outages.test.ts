// Issue 4 acceptance, "outages": Dovecot killed (the whole process tree, kill -9) in the middle of a poll (after the first group committed) and
// started again: the next poll resumes at the cursor, nothing is lost and nothing is ingested twice.
// (SMTP 451 then 250 is in failure-modes.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { withImapMailbox, type ImapConfig } from '../../../server/mail/imap.js';
import { GROUP_MAX_MESSAGES, GROUPS_AHEAD } from '../../../server/services/ingestion/ingest-stream.js';
import { addHotline, append, DOMAIN, ingestCtx, mail, poll } from './hotline-fixture.js';

// Sized in commit groups: reading runs GROUPS_AHEAD groups ahead of the commits, so when the first group is
// committed the next GROUPS_AHEAD are read and one more is being read. A smaller inbox could be fetched whole
// before the outage, which then would not land mid-poll.
const MESSAGES = (GROUPS_AHEAD + 3) * GROUP_MAX_MESSAGES;

/** The test Dovecot's process tree (the master we started and its children), for a kill -9 outage. */
function dovecotTree(dv: DovecotInstance): number[] {
  const master = Number(fs.readFileSync(path.join(path.dirname(dv.logFile), 'run', 'master.pid'), 'utf8').trim());
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* exited meanwhile */ }
  }
  const tree = [master];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

async function crashDovecot(dv: DovecotInstance): Promise<void> {
  const tree = dovecotTree(dv);
  for (const pid of tree) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  while (tree.some(alive)) await new Promise((r) => setTimeout(r, 10));
}

forEachDb('hotline ingestion outages', (getDb) => {
  let dv: DovecotInstance;
  let box: ImapConfig;
  const db = (): TestDb => getDb();
  const ctx = ingestCtx({ ackLimitPerHour: 1_000, ackLimitPerDay: 1_000 });

  before(async function () {
    this.timeout(120_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    box = await addHotline(db(), dv, 'STP');
    await append(box, Array.from({ length: MESSAGES }, (_, i) =>
      mail({ to: `stp@${DOMAIN}`, from: `citizen${i}@example.vn`, subject: `Phản ánh ${i}`, messageId: `<outage-${i}@citizen.example>` })));
  });
  after(async () => dv?.destroy());

  it('Dovecot killed mid-poll after the first group committed: the next poll resumes, nothing lost, nothing twice', async function () {
    this.timeout(180_000);
    const first = poll(db(), ctx);
    // Stop as soon as the first group is committed, while the poll is still working through the rest.
    for (let n = 0; n < GROUP_MAX_MESSAGES;) {
      await new Promise((r) => setTimeout(r, 5));
      n = await db().models.Message.count();
    }
    // A clean SIGTERM lets the logged-in imap process finish serving us; an outage is the whole server gone.
    await crashDovecot(dv);
    await first;
    const during = await db().models.Message.count();
    const inbox = (await db().models.HotlineInbox.findOne())!;
    expect(during, 'the outage must land mid-poll').to.be.within(GROUP_MAX_MESSAGES, MESSAGES - 1);
    expect(inbox.consecutive_failures).to.equal(1);
    expect(inbox.last_error).to.match(/ImapError|connection/i);
    // The cursor is the last committed UID: every row at or below it exists, none above it.
    const uids = (await db().models.Message.findAll({ attributes: ['uid'] })).map((r) => Number(r.uid)).sort((a, b) => a - b);
    expect(uids.at(-1)).to.equal(Number(inbox.last_uid));

    await dv.restart();
    const second = await poll(db(), ctx);
    expect(second.fetched).to.equal(MESSAGES - during);
    const server = await withImapMailbox(box, (m) => m.uidsAfter(0));
    const rows = await db().models.Message.findAll({ attributes: ['uid', 'ticket_id'] });
    expect(rows.map((r) => Number(r.uid)).sort((a, b) => a - b)).to.deep.equal(server);
    expect(new Set(rows.map((r) => r.ticket_id)).size).to.equal(MESSAGES);
    expect(await db().models.Ticket.count()).to.equal(MESSAGES);
    expect(await db().models.Outbox.count({ where: { kind: 'ack' } })).to.equal(MESSAGES);
    const after = (await db().models.HotlineInbox.findOne())!;
    expect([Number(after.last_uid), after.consecutive_failures, after.last_error]).to.deep.equal([server.at(-1), 0, null]);
  });
});
