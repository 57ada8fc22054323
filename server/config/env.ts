// The one reader of process.env. Everything is validated at start-up; every problem is printed at once
// so an operator fixes a bad .env in one pass instead of one error per restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** The neutral emblem shipped with the app, used until PROVINCE_EMBLEM names the province's own. */
export const DEFAULT_PROVINCE_NAME = 'Tỉnh Hòa Bình';
export const DEFAULT_EMBLEM_FILE = fileURLToPath(new URL('../../views/static/emblem.svg', import.meta.url));
const EMBLEM_TYPES = ['.svg', '.png', '.jpg', '.jpeg', '.webp'];
const EMBLEM_MAX_BYTES = 1_000_000;
const WEB_PROCESSES_MAX = 64;

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .default('sqlite:data/govmail.sqlite')
      .refine((v) => /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(v), {
        message: 'must start with sqlite: (e.g. sqlite:data/govmail.sqlite) or mysql:// (e.g. mysql://user:pass@host:3306/govmail)',
      }),
    SECRET_KEY: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.string().url({ message: 'must be an absolute URL such as https://govmail.example.gov.vn' }).optional(),
    SMTP_URL: z
      .string()
      .default('smtp://127.0.0.1:25')
      .refine((v) => /^smtps?:\/\//.test(v), { message: 'must be smtp://host:port or smtps://user:pass@host:port' }),
    MAIL_FROM: z.string().email({ message: 'must be an e-mail address' }).default('no-reply@hoabinh.gov.vn'),
    TZ: z.string().default('Asia/Ho_Chi_Minh'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GOVMAIL_ROLES: z
      .string()
      .default('web,worker,scheduler')
      .refine((v) => v.split(',').every((r) => ['web', 'worker', 'scheduler'].includes(r.trim())), {
        message: 'must be a comma list of web, worker, scheduler',
      }),
    // How many processes serve the web role, sharing PORT (server/web-cluster.ts): a Node process uses one CPU.
    // `auto`: one per CPU. The worker and scheduler roles always stay one process each.
    WEB_PROCESSES: z
      .string()
      .default('1')
      .refine((v) => v.trim() === 'auto' || (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= WEB_PROCESSES_MAX), {
        message: `must be a whole number from 1 to ${WEB_PROCESSES_MAX}, or auto (one per CPU)`,
      })
      .transform((v) => (v.trim() === 'auto' ? Math.min(WEB_PROCESSES_MAX, os.availableParallelism()) : Number(v))),
    // How long a hotline inbox (INBOX_) or a claimed job (JOB_) stays with a worker that stopped renewing it: a
    // worker killed outright loses its inboxes and jobs to the others this long after its last renewal.
    // Renewals come every third of it, so a shorter lease costs more writes; a longer one, a slower takeover.
    INBOX_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(120),
    JOB_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60),
    // Inbox lease stints (inbox_lease_history) older than this are deleted by the hotline.reconcile job: a worker
    // renews each lease every few seconds, so the table would grow for ever; a recent window is what anyone reads.
    LEASE_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // Unset: on in development, off in production (a production database never gets the demo province by accident).
    SEED_DEMO: booleanish.optional(),
    COOKIE_SECURE: booleanish.optional(),
    // Express's `trust proxy`: a hop count, addresses/subnets (loopback, 10.0.0.0/8), or false. Set when a reverse
    // proxy terminates https; cookies are then Secure. Unset: only a proxy on loopback is trusted.
    TRUST_PROXY: z
      .string()
      .refine((v) => v.trim().toLowerCase() !== 'true', { message: 'must not be true (any client could then pick the address the sign-in limit counts): give the hop count (1) or the proxy addresses' })
      .refine((v) => /^(false|\d+|([a-z]+|[0-9a-f.:]+(\/\d+)?)(\s*,\s*([a-z]+|[0-9a-f.:]+(\/\d+)?))*)$/i.test(v.trim()), { message: 'must be a hop count (1), false, or a comma list of addresses/subnets such as loopback, 10.0.0.0/8' })
      .optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    DKIM_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain such as hoabinh.gov.vn' }).optional(),
    DKIM_SELECTOR: z.string().regex(/^[a-z0-9._-]+$/i, { message: 'must be a DNS label such as govmail2026' }).optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().optional(),
    // Receipts (phiếu tiếp nhận) sent in any hour, all senders together; past it they are held in the outbox and
    // the admins alerted, since a sender address is easily forged (a flood would make us send to strangers).
    RECEIPTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(200),
    // A citizen's answer reopens a resolved or closed case at most this many days after it was closed; later it
    // opens a new case linked to the old one (services/tickets/citizen-answer.ts).
    REOPEN_WINDOW_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    // The files of one reply to a citizen (the official letter as PDF, scans) together, in MB; the citizen's mailbox
    // and the outbox table both have limits.
    REPLY_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
    // A command run with the address appended after a suspend or a leaver, to end open IMAP/POP3 sessions.
    // The citizen face (/tra-cuu and the receipts): whose hotline this is, and its emblem (an image file).
    PROVINCE_NAME: z.string().trim().min(2, { message: 'must name the province or agency, e.g. Tỉnh Hòa Bình' }).max(120).default(DEFAULT_PROVINCE_NAME),
    PROVINCE_EMBLEM: z.string().optional(),
    // Operations (server/services/ops): who may scrape /metrics/prom (a bearer token, addresses/subnets, or both;
    // neither set: the endpoint refuses everyone), where alerts go, and when an inbox counts as stale.
    METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{32,256}$/, { message: 'must be 32 to 256 printable characters without spaces (e.g. `openssl rand -hex 32`)' }).optional(),
    METRICS_ALLOW: z
      .string()
      .refine((v) => v.split(',').every((a) => validAddressOrSubnet(a.trim())), { message: 'must be a comma list of addresses or subnets such as 127.0.0.1, 10.0.0.0/8, ::1 (a prefix length of at most 32 for IPv4, 128 for IPv6)' })
      .optional(),
    ALERT_ADDRESS: z
      .string()
      .refine((v) => v.split(',').every((a) => z.string().email().safeParse(a.trim()).success), { message: 'must be an e-mail address, or a comma list of them (e.g. vanhanh@hoabinh.gov.vn)' })
      .optional(),
    INBOX_STALE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
    // How often each process writes its counters and histograms (HTTP latency, poll passes) to the database, where
    // /metrics/prom adds up every process's (services/ops/process-metrics.ts); well under the 15 minutes after
    // which a process's rows count as those of a process gone.
    METRICS_PUBLISH_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
    DOVEADM_KICK: z
      .string()
      .refine((v) => !/^[a-z]+:\/\//i.test(v.trim()), { message: 'must be a command such as `doveadm kick` (the address is appended); a doveadm HTTP API URL is not supported' })
      .optional(),
  });

/** `10.0.0.5`, `10.0.0.0/8`, `::1` or `fd00::/8`: the prefix must fit the address family, or the scrape's
 *  allow-list would fail when the app starts instead of here, where the message says what to fix. */
function validAddressOrSubnet(entry: string): boolean {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
  const family = m ? isIP(m[1]!) : 0;
  if (family === 0) return false;
  return m![2] === undefined || Number(m![2]) <= (family === 4 ? 32 : 128);
}

const DKIM_VARS = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY_FILE'] as const;

/** DKIM is all three variables or none; the key file is read and parsed at start-up, not at the first send. */
function dkimProblems(source: Record<string, string | undefined>): string[] {
  const set = DKIM_VARS.filter((k) => source[k] !== undefined);
  if (set.length === 0) return [];
  if (set.length < DKIM_VARS.length) return [`DKIM needs all of ${DKIM_VARS.join(', ')} (missing: ${DKIM_VARS.filter((k) => !set.includes(k)).join(', ')})`];
  try {
    createPrivateKey(fs.readFileSync(source.DKIM_PRIVATE_KEY_FILE!, 'utf8'));
    return [];
  } catch (e) {
    return [`DKIM_PRIVATE_KEY_FILE must be a readable PEM private key (${e instanceof Error ? e.message : String(e)})`];
  }
}

/** The emblem is read at start-up: a missing or odd file would otherwise show citizens a broken image. */
function emblemProblems(file: string | undefined): string[] {
  if (file === undefined) return [];
  const fix = `PROVINCE_EMBLEM must be the path of a ${EMBLEM_TYPES.join('/')} image under 1 MB, or unset for the neutral emblem`;
  if (!EMBLEM_TYPES.includes(path.extname(file).toLowerCase())) return [`${fix} (got ${file})`];
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return [`${fix} (${file} is not a file)`];
    if (stat.size > EMBLEM_MAX_BYTES) return [`${fix} (${file} is ${stat.size} bytes)`];
    fs.accessSync(file, fs.constants.R_OK);
    return [];
  } catch (e) {
    return [`${fix} (${e instanceof Error ? e.message : String(e)})`];
  }
}

/** Checks across variables, run on the raw values so they are reported even when another variable is malformed. */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (source.NODE_ENV === 'production' && !source.SECRET_KEY) {
    problems.push('SECRET_KEY is required in production (32+ random characters; e.g. `openssl rand -hex 32`)');
  }
  const idle = Number(source.SESSION_IDLE_MINUTES ?? 120);
  const max = Number(source.SESSION_MAX_HOURS ?? 12);
  if (idle > max * 60) problems.push(`SESSION_IDLE_MINUTES (${idle}) must not exceed SESSION_MAX_HOURS (${max}) in minutes`);
  if (source.SECRET_KEY !== undefined && source.SECRET_KEY.length < 32) problems.push('SECRET_KEY must be at least 32 characters');
  problems.push(...dkimProblems(source));
  problems.push(...emblemProblems(source.PROVINCE_EMBLEM));
  return problems;
}

export type Env = Omit<z.infer<typeof schema>, 'SECRET_KEY' | 'BASE_URL' | 'SEED_DEMO' | 'TRUST_PROXY' | 'PROVINCE_EMBLEM' | 'METRICS_ALLOW' | 'ALERT_ADDRESS'> & {
  /** addresses/subnets allowed to scrape /metrics/prom (METRICS_ALLOW); empty: no address rule */
  METRICS_ALLOW: string[];
  /** where operational alerts go (ALERT_ADDRESS); empty: the province-wide admins, else MAIL_FROM */
  ALERT_ADDRESS: string[];
  /** the emblem image's absolute path (DEFAULT_EMBLEM_FILE when unset) */
  PROVINCE_EMBLEM: string;
  SECRET_KEY: string;
  BASE_URL: string;
  SEED_DEMO: boolean;
  /** the value for Express's `trust proxy` setting */
  TRUST_PROXY: false | number | string;
  /** cookies carry Secure: COOKIE_SECURE if set, else when BASE_URL is https or a proxy is trusted */
  SECURE_COOKIES: boolean;
  SECRET_KEY_IS_DEV_DEFAULT: boolean;
  /** the signing key for outgoing mail, when DKIM_* are set (the shape createMailTransport takes) */
  DKIM: { domainName: string; keySelector: string; privateKey: string } | null;
};

/** TRUST_PROXY as Express takes it; unset trusts only a proxy on this machine (the previous fixed setting). */
function trustProxyValue(raw: string | undefined): false | number | string {
  if (raw === undefined) return 'loopback';
  const v = raw.trim();
  if (v.toLowerCase() === 'false') return false;
  return /^\d+$/.test(v) ? Number(v) : v;
}

const listOf = (v: string | undefined): string[] => (v ?? '').split(',').map((a) => a.trim()).filter(Boolean);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default). Throws ConfigError listing every problem. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(blanksRemoved);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || 'env'} ${i.message}`)),
    ...crossFieldProblems(blanksRemoved),
  ];
  if (!result.success || problems.length) throw new ConfigError(problems);
  const env = result.data;
  const baseUrl = env.BASE_URL ?? `http://localhost:${env.PORT}`;
  const trustProxy = trustProxyValue(env.TRUST_PROXY);
  return {
    ...env,
    SEED_DEMO: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
    METRICS_ALLOW: listOf(env.METRICS_ALLOW),
    ALERT_ADDRESS: listOf(env.ALERT_ADDRESS).map((a) => a.toLowerCase()),
    TRUST_PROXY: trustProxy,
    // A proxy is trusted only because it terminates https in front of us (an unset TRUST_PROXY proves nothing).
    SECURE_COOKIES: env.COOKIE_SECURE ?? (baseUrl.startsWith('https:') || (env.TRUST_PROXY !== undefined && trustProxy !== false)),
    SECRET_KEY: env.SECRET_KEY ?? DEV_SECRET,
    SECRET_KEY_IS_DEV_DEFAULT: env.SECRET_KEY === undefined,
    BASE_URL: baseUrl,
    PROVINCE_EMBLEM: env.PROVINCE_EMBLEM ? path.resolve(env.PROVINCE_EMBLEM) : DEFAULT_EMBLEM_FILE,
    DKIM: env.DKIM_DOMAIN && env.DKIM_SELECTOR && env.DKIM_PRIVATE_KEY_FILE
      ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: fs.readFileSync(env.DKIM_PRIVATE_KEY_FILE, 'utf8') }
      : null,
  };
}

let cached: Env | undefined;

/** The process-wide configuration, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests and the CLI may override single values (e.g. DATABASE_URL per test database). */
export function setEnvForTests(overrides: Partial<Record<string, string>>): Env {
  cached = parseEnv({ ...process.env, ...overrides });
  return cached;
}
