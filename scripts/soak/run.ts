// One soak: build the world, run the load for the given minutes while sampling the long-lived processes' RSS and
// the database's connections, stop the load, wait for the queue to drain, and judge. Returns the table's rows and
// the failures; index.ts prints them (npm run soak), test/soak/soak.test.ts asserts on them (CI, 5 minutes).
import os from 'node:os';
import { buildWorld, dbConnections, rssOf } from './world.js';
import { runTraffic, type Ledger } from './traffic.js';
import { checkMail, pending, type MailChecks } from './checks.js';
import { trend, type Sample, type Trend } from './trend.js';
import { seededRandom } from '../../test/support/child-worker.js';

export interface SoakOptions {
  minutes: number;
  inboxes: number;
  /** workers the chaos loop kills (one more, never killed, is sampled as a long-lived process) */
  killableWorkers: number;
  caseEverySec: number;
  replyEverySec: number;
  killEverySec: number;
  echoShare: number;
  leaseSeconds: number;
  drainMinutes: number;
  seed: number;
  sampleEverySec: number;
  /** the largest last-quarter / first-quarter median ratio still flat, for RSS and for DB connections */
  rssMaxRatio: number;
  connMaxRatio: number;
  log?: (line: string) => void;
}

export const SOAK_DEFAULTS: Omit<SoakOptions, 'minutes'> = {
  inboxes: 6, killableWorkers: 2, caseEverySec: 2, replyEverySec: 3, killEverySec: 30, echoShare: 0.2, leaseSeconds: 10,
  drainMinutes: 4, seed: 17, sampleEverySec: 5, rssMaxRatio: 1.25, connMaxRatio: 1.5,
};

export interface Row { measure: string; value: string; limit: string; ok: boolean }

export interface SoakResult {
  rows: Row[];
  failures: string[];
  mail: MailChecks;
  ledger: Ledger;
  rss: Record<string, Trend>;
  connections: Trend;
  drainSeconds: number;
  load: { before: number[]; after: number[] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => undefined);
  const before = os.loadavg();
  log(`building the world: MariaDB, Dovecot with ${o.inboxes} hotlines, SMTP capture, ${o.killableWorkers + 1} workers, scheduler, web`);
  const w = await buildWorld({ inboxes: o.inboxes, killableWorkers: o.killableWorkers, leaseSeconds: o.leaseSeconds });
  try {
    const rss: Record<string, Sample[]> = Object.fromEntries(w.long.map((p) => [`${p.role} (pid ${p.proc.pid})`, []]));
    const conns: Sample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const at = Date.now();
        w.long.forEach((p) => {
          const v = rssOf(p.proc.pid);
          if (v !== null) rss[`${p.role} (pid ${p.proc.pid})`].push({ atMs: at, value: v });
        });
        conns.push({ atMs: at, value: await dbConnections(w.db) });
        await sleep(o.sampleEverySec * 1000);
      }
    })();
    // The web process answers its health check throughout (it is one of the long-lived processes sampled).
    const web = w.long.find((p) => p.role === 'web')!;
    let unanswered = 0;
    const prober = (async () => {
      while (sampling) {
        if (!(await fetch(`${web.baseUrl}/healthz`).then((r) => r.ok, () => false))) unanswered++;
        await sleep(2000);
      }
    })();

    log(`load for ${o.minutes} min (seed ${o.seed})`);
    const ledger = await runTraffic(w, { endAtMs: Date.now() + o.minutes * 60_000, caseEverySec: o.caseEverySec, replyEverySec: o.replyEverySec,
      killEverySec: o.killEverySec, echoShare: o.echoShare, random: seededRandom(o.seed) });
    log(`load done: ${ledger.delivered.length} mails delivered, ${ledger.replies.length} replies, ${ledger.kills} kills; draining`);
    const drainBegan = Date.now();
    let left = await pending(w, ledger);
    while ((left.unstored > 0 || left.queued > 0) && Date.now() - drainBegan < o.drainMinutes * 60_000) {
      await sleep(1000);
      left = await pending(w, ledger);
    }
    const drainSeconds = (Date.now() - drainBegan) / 1000;
    sampling = false;
    await Promise.all([sampler, prober]);

    const mail = await checkMail(w, ledger);
    const rssTrends = Object.fromEntries(Object.entries(rss).map(([k, s]) => [k, trend(s, o.rssMaxRatio)]));
    const connections = trend(conns, o.connMaxRatio, 1);
    const rows: Row[] = [];
    const row = (measure: string, value: string, limit: string, ok: boolean) => rows.push({ measure, value, limit, ok });
    const d = mail.delivered;
    row('mails delivered (case/follow-up/auto-reply/DSN)', `${d.case ?? 0}/${d.followup ?? 0}/${d.auto_reply ?? 0}/${d.bounce ?? 0}`, '> 0 cases', (d.case ?? 0) > 0);
    row('staff replies', String(ledger.replies.length), '> 0', ledger.replies.length > 0);
    row('workers SIGKILLed and restarted', String(ledger.kills), '> 0', ledger.kills > 0);
    row('queue drained', left.unstored || left.queued ? `no: ${left.unstored} unstored, ${left.queued} queued` : `in ${drainSeconds.toFixed(0)} s`, `≤ ${o.drainMinutes} min`, !left.unstored && !left.queued);
    row('lost mails', String(mail.lost.length), '0', mail.lost.length === 0);
    row('misfiled mails (wrong ticket or kind)', String(mail.misfiled.length), '0', mail.misfiled.length === 0);
    row('mails stored twice', String(mail.duplicateMessages.length), '0', mail.duplicateMessages.length === 0);
    row('tickets beyond one per first mail', String(mail.extraTickets), '0', mail.extraTickets === 0);
    row('outbox mails received twice by the relay', String(mail.duplicateSends.length), '0', mail.duplicateSends.length === 0);
    row('tickets with more than one receipt', String(mail.receiptsPerTicketOverOne), '0', mail.receiptsPerTicketOverOne === 0);
    row('staff replies without exactly one outbox row', String(mail.repliesWithoutOneRow), '0', mail.repliesWithoutOneRow === 0);
    row('outbox rows sent but never received', String(mail.sentNotReceived.length), '0', mail.sentNotReceived.length === 0);
    row('outbox by status (received by the relay)', `${Object.entries(mail.outbox).map(([k, v]) => `${k} ${v}`).join(', ')} (${mail.sent})`, 'no queued', !mail.outbox.queued);
    row('received, left in sending by a kill (never resent)', String(mail.strandedSending), 'reported', true);
    for (const [name, t] of Object.entries(rssTrends)) {
      row(`RSS ${name}, MB first→last quarter`, `${mb(t.first)} → ${mb(t.last)} (×${t.ratio.toFixed(2)}, ${mb(t.slopePerMin)}/min)`, `×${o.rssMaxRatio}`, t.flat);
    }
    row('DB connections, first→last quarter', `${connections.first} → ${connections.last} (max ${Math.max(...conns.map((s) => s.value))})`, `×${o.connMaxRatio} + 1`, connections.flat);
    row('web /healthz unanswered', String(unanswered), '0', unanswered === 0);
    row('load errors (citizens, staff, echoes, chaos)', String(ledger.errors.length), '0', ledger.errors.length === 0);
    const failures = rows.filter((r) => !r.ok).map((r) => `${r.measure}: ${r.value}`);
    for (const [what, list] of [['lost', mail.lost], ['misfiled', mail.misfiled], ['stored twice', mail.duplicateMessages], ['sent twice', mail.duplicateSends],
      ['sent, not received', mail.sentNotReceived], ['load error', ledger.errors]] as const) {
      for (const x of list.slice(0, 10)) failures.push(`${what}: ${x}`);
    }
    return { rows, failures, mail, ledger, rss: rssTrends, connections, drainSeconds, load: { before, after: os.loadavg() } };
  } finally {
    await w.destroy();
  }
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

export function formatTable(r: SoakResult): string {
  const head = ['measure', 'value', 'limit', 'ok'];
  const body = r.rows.map((x) => [x.measure, x.value, x.limit, x.ok ? 'ok' : 'FAIL']);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return [line(head), `|${width.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...body.map(line), '',
    `load average before: ${load(r.load.before)}; after: ${load(r.load.after)}; ${os.cpus().length} CPUs`].join('\n');
}
