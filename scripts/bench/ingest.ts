// `npm run bench -- ingest [--messages N] [--idle N] [--db sqlite,mariadb] [--rounds N]`: hotline ingestion against
// a private Dovecot (test/support/dovecot.ts). N mails (default 2,000) are APPENDed to one inbox, then in one run,
// for each of N rounds (default 3; the best rate of each counts):
//   baseline  raw IMAP fetch of every source + mailparser parse of each (server/mail adapters, no database);
//   ingestion one poll into a fresh database: parse and classify (on the prepare thread, as in production),
//             thread, ticket, receipt, cursor, grouped commits;
// both rates and their ratio (goal ≥ 0.5 on SQLite; MariaDB printed too). Then, with the hotline worker IDLE-ing
// on an empty inbox, ~100 mails APPENDed one at a time: APPEND → committed ticket, p50 and p95 (goal p95 ≤ 2 s).
// About 500 ms of that is Dovecot's: it waits NOTIFY_DELAY_MSECS (500) after it notices a change before it
// tells IDLE clients (src/lib-storage/mailbox-watch.c, Dovecot 2.3).
import { randomBytes } from 'node:crypto';
import { appendMessages, withImapMailbox, type ImapConfig } from '../../server/mail/imap.js';
import { parseMail } from '../../server/mail/parse.js';
import type { Db } from '../../server/db/index.js';
import { hashPassword } from '../../server/services/crypto/password-hash.js';
import { setHotlineInbox } from '../../server/services/ingestion/inbox-store.js';
import { HotlineWorker } from '../../server/services/ingestion/hotline-worker.js';
import { pollInbox } from '../../server/services/ingestion/poll-inbox.js';
import type { IngestContext } from '../../server/services/ingestion/ingest-context.js';
import { freshDb, MARIADB_ADMIN_URL, type TestDb, type TestDbKind } from '../../test/support/databases.js';
import { startDovecot, type DovecotInstance } from '../../test/support/dovecot.js';

const SECRET = 'bench-secret-key-0123456789abcdef0123456789';
const DOMAIN = 'bench.hoabinh.gov.vn';
const PASSWORD = 'Bench-pass-42';
export const RATIO_GOAL = 0.5;
export const P95_GOAL_MS = 2_000;
const COMMIT_POLL_MS = 5;
const IDLE_GAP_MS = 50;
const DOVECOT_NOTIFY_DELAY_MS = 500;

const ctx: IngestContext = {
  secret: SECRET, ownDomain: 'mid.govmail.bench', ownAddresses: [`hotline@${DOMAIN}`], mailFrom: `no-reply@${DOMAIN}`,
  alertTo: [`admin@${DOMAIN}`], ackLimitPerHour: 1_000_000, ackLimitPerDay: 1_000_000, receiptsPerHour: 1_000_000,
  publicUrl: 'https://govmail.bench', provinceName: 'Tỉnh Hòa Bình',
};

function argOf(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** A realistic citizen mail: Vietnamese subject and body, ~2 KB, unique sender and Message-ID. */
function citizenMail(i: number): Buffer {
  const body = `Kính gửi Sở Tài nguyên và Môi trường,\r\n\r\nTôi xin phản ánh việc đất đai tại thôn ${i}, xã Hợp Thịnh. `.repeat(12);
  return Buffer.from([
    `From: Nguyễn Văn ${i} <citizen${i}.${randomBytes(3).toString('hex')}@example.vn>`, `To: hotline@${DOMAIN}`,
    `Subject: =?UTF-8?B?${Buffer.from(`Phản ánh đất đai số ${i}`).toString('base64')}?=`,
    `Message-ID: <bench-${i}-${randomBytes(6).toString('hex')}@citizen.example>`, `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n'));
}

async function addMailbox(authDb: TestDb, local: string): Promise<ImapConfig> {
  const address = `${local}@${DOMAIN}`;
  await authDb.models.Mailbox.create({ address, local_part: local, domain: DOMAIN, kind: 'hotline', agency_id: null,
    password_hash: await hashPassword(PASSWORD, 'SHA512-CRYPT'), maildir: `${DOMAIN}/${local}/`, quota_mb: 100_000,
    active: true, allow_login: true, must_change_password: false } as never);
  return { host: '127.0.0.1', port: 0, secure: false, user: address, pass: PASSWORD, folder: 'INBOX' };
}

/** An agency and its hotline inbox on `box` in `db`; returns the inbox id. */
async function addInbox(db: Db, code: string, box: ImapConfig): Promise<number> {
  await db.models.Agency.create({ code, name: `Sở ${code}`, kind: 'department', hotline_address: box.user });
  const inbox = await setHotlineInbox(db, SECRET, { agencyCode: code, historyCutoff: null,
    imapUrl: `imap://${encodeURIComponent(box.user)}:${PASSWORD}@${box.host}:${box.port}/INBOX?tls=false` });
  return inbox.id;
}

async function baseline(box: ImapConfig): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  await withImapMailbox(box, async (m) => {
    for await (const msg of m.fetchSources(await m.uidsAfter(0))) {
      await parseMail(msg.source);
      n++;
    }
  });
  return n / ((performance.now() - t0) / 1000);
}

async function fullIngest(db: Db, inboxId: number, expected: number): Promise<number> {
  const t0 = performance.now();
  const counts = await pollInbox(db, ctx, inboxId, { secretKey: SECRET });
  const seconds = (performance.now() - t0) / 1000;
  if (!counts || counts.tickets !== expected) throw new Error(`ingestion made ${counts?.tickets} tickets of ${expected}`);
  return expected / seconds;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The hotline worker (the one IMAP loop) IDLE-ing on `box`; mails appended one at a time; ms from APPEND start to the committed row. */
async function idleLatency(db: Db, box: ImapConfig, count: number): Promise<number[]> {
  const worker = new HotlineWorker(db, { secretKey: SECRET, context: async () => ctx, maxIdleMs: 30_000 });
  worker.start();
  await new Promise((r) => setTimeout(r, 500)); // connected and IDLE-ing
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const raw = citizenMail(100_000 + i);
      const id = /Message-ID: <([^>]+)>/.exec(raw.toString())![1];
      const t0 = performance.now();
      await appendMessages(box, [raw]);
      while (!(await db.models.Message.count({ where: { message_id: id } }))) {
        if (performance.now() - t0 > 30_000) throw new Error(`message ${i} not committed after 30 s`);
        await new Promise((r) => setTimeout(r, COMMIT_POLL_MS));
      }
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, IDLE_GAP_MS));
    }
  } finally {
    await worker.stop();
  }
  return latencies.sort((a, b) => a - b);
}

export async function benchIngest(args: string[] = []): Promise<Record<string, unknown>> {
  const messages = Number(argOf(args, '--messages', '2000'));
  const idleCount = Number(argOf(args, '--idle', '100'));
  const kinds = argOf(args, '--db', 'sqlite,mariadb').split(',') as TestDbKind[];
  const rounds = Math.max(1, Number(argOf(args, '--rounds', '3')));
  const authDb = await freshDb('sqlite');
  let dv: DovecotInstance | undefined;
  const results: Record<string, unknown> = {};
  try {
    await authDb.models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: authDb });
    const port = dv.imapPort;
    const bulk = { ...(await addMailbox(authDb, 'bulk')), port };
    const t0 = performance.now();
    for (let at = 0; at < messages; at += 100) await appendMessages(bulk, Array.from({ length: Math.min(100, messages - at) }, (_, k) => citizenMail(at + k)));
    console.log(`ingest: ${messages} mails APPENDed in ${((performance.now() - t0) / 1000).toFixed(1)} s; Dovecot on :${port}; MariaDB at ${MARIADB_ADMIN_URL}`);

    // Round by round, the baseline and then each database, so all see the same machine; the best rate of each
    // counts. The first round parses with cold JIT and other processes only ever slow a run down, so the best
    // is the steadiest estimate of what the code costs.
    const best: Record<string, number> = {};
    for (let round = 1; round <= rounds; round++) {
      const rates: Record<string, number> = { baseline: await baseline(bulk) };
      for (const kind of kinds) {
        const db = await freshDb(kind);
        try {
          rates[kind] = await fullIngest(db, await addInbox(db, 'BULK', bulk), messages);
        } finally {
          await db.destroy();
        }
      }
      for (const [k, rate] of Object.entries(rates)) best[k] = Math.max(best[k] ?? 0, rate);
      console.log(`  round ${round}/${rounds}: ${Object.entries(rates).map(([k, r]) => `${k} ${r.toFixed(0)}`).join(', ')} msg/s`);
    }
    const base = best.baseline!;
    console.log(`  baseline  (IMAP fetch + mailparser, no DB), best of ${rounds}: ${base.toFixed(0)} msg/s`);
    results.baseline = base;
    for (const kind of kinds) {
      const rate = best[kind]!;
      const ratio = rate / base;
      const goal = kind === 'sqlite' ? ` (goal ≥ ${RATIO_GOAL}: ${ratio >= RATIO_GOAL ? 'met' : 'MISSED'})` : '';
      console.log(`  ingestion [${kind}], best of ${rounds}: ${rate.toFixed(0)} msg/s, ratio ingestion / baseline = ${ratio.toFixed(2)}${goal}`);
      const db = await freshDb(kind);
      try {
        const idleBox = { ...(await addMailbox(authDb, `idle-${kind}`)), port };
        await addInbox(db, 'IDLE', idleBox);
        const lat = await idleLatency(db, idleBox, idleCount);
        const [p50, p95, max] = [pct(lat, 50), pct(lat, 95), lat[lat.length - 1]];
        console.log(`  IDLE      [${kind}]: APPEND → committed ticket over ${lat.length} mails: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ` +
          `max ${max.toFixed(0)} ms (goal p95 ≤ ${P95_GOAL_MS} ms: ${p95 <= P95_GOAL_MS ? 'met' : 'MISSED'}; ` +
          `${DOVECOT_NOTIFY_DELAY_MS} ms of it is Dovecot's delay before it reports new mail to IDLE)`);
        results[kind] = { rate, ratio, p50, p95, max };
      } finally {
        await db.destroy();
      }
    }
    return results;
  } finally {
    await dv?.destroy();
    await authDb.destroy();
  }
}
