// A disposable hotline worker for crash tests: polls every inbox and flushes the outbox to SMTP, both in a
// loop and side by side (as the real worker's jobs do), until it is killed. Tests kill -9 it at random points.
//   node --import tsx test/support/ingest-child.ts
// env: DATABASE_URL, SMTP_URL, SECRET_KEY, INGEST_CTX (JSON IngestContext), LEASE_MS,
//      WORKER_ID (lease owner), COUNT_FETCHES=1 (print `fetch` for every fetched message: ingestMessage asks
//      ctx.now() once per message it is handed, so the lines count fetches across processes). It never exits by itself: the parent decides from the database when it is done.
// stdout: one line per pass, `poll <fetched>` or `flush <sent>`, so the parent can time its kills on progress.
import { openDb } from '../../server/db/index.js';
import { createMailTransport } from '../../server/mail/transport.js';
import { pollAllInboxes } from '../../server/services/ingestion/poll-inbox.js';
import type { IngestContext } from '../../server/services/ingestion/ingest-context.js';
import { flushOutbox } from '../../server/services/outbox/flush.js';

const PAUSE_MS = 20;
const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`ingest-child: ${name} is required`);
  return v;
};

const db = openDb(need('DATABASE_URL'));
const ctx = JSON.parse(need('INGEST_CTX')) as IngestContext;
if (process.env.COUNT_FETCHES === '1') {
  ctx.now = () => {
    process.stdout.write('fetch\n');
    return new Date();
  };
}
const secretKey = need('SECRET_KEY');
const leaseMs = Number(process.env.LEASE_MS ?? 2_000);
const owner = process.env.WORKER_ID ?? `child-${process.pid}`;
const pause = () => new Promise((r) => setTimeout(r, PAUSE_MS));

async function pollLoop(): Promise<void> {
  for (;;) {
    const c = await pollAllInboxes(db, ctx, { secretKey, owner, leaseMs });
    process.stdout.write(`poll ${c.fetched}\n`);
    await pause();
  }
}

async function flushLoop(): Promise<void> {
  const transport = createMailTransport(need('SMTP_URL'));
  for (;;) {
    const r = await flushOutbox(db, transport, { alertTo: ctx.alertTo, alertFrom: ctx.mailFrom });
    process.stdout.write(`flush ${r.sent}\n`);
    await pause();
  }
}

process.stdout.write('ready\n');
Promise.all([pollLoop(), flushLoop()]).catch((e: unknown) => {
  process.stderr.write(`ingest-child: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
