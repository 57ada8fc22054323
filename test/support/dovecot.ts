// A private Dovecot for integration tests: its own config, base_dir, state_dir, log and mail root under a
// temp dir, IMAP and LMTP on free loopback ports. The SQL part is the product's own config-files.ts output,
// so the tests prove the config govmail ships, not a test copy of it; so is the last_login plugin fragment
// (mail logins land in mail_logins, as in production).
//
// Runs as root (as the tests do here). Dovecot's SQLite lookups then happen in the root auth-worker, so the
// test database file needs no group changes; in production see provisioning.md pitfall 13.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mailServerConfigFiles, VMAIL_GID, VMAIL_UID, type MailDbTarget } from '../../server/services/mailserver/config-files.js';
import { DICT_SQL_FILE, LAST_LOGIN_CONF_FILE } from '../../server/services/mailserver/last-login-conf.js';
import { QUOTA_CONF_FILE } from '../../server/services/mailserver/quota-conf.js';
import { dovecotConf } from './dovecot-conf.js';
import type { TestDb } from './databases.js';
import { freePort, waitForPort } from './free-port.js';
import { lmtpDeliver } from './lmtp-client.js';
import { mailDbTarget } from './mail-db-target.js';

const run = promisify(execFile);
const STOP_TIMEOUT_MS = 15_000;

export interface DovecotInstance {
  host: string;
  imapPort: number;
  lmtpPort: number;
  mailRoot: string;
  /** This instance's dovecot.conf, for `doveadm -c` run from elsewhere (e.g. the DOVEADM_KICK command). */
  confFile: string;
  /** `doveadm -c <this config> …args`; resolves with stdout, rejects with stderr on a non-zero exit. */
  doveadm(args: string[]): Promise<string>;
  /** LMTP delivery; resolves with the 250 line, rejects with an LmtpError carrying the code (e.g. 550). */
  deliver(address: string, raw: Buffer): Promise<string>;
  /** SIGTERM to the master and wait for it to exit; ports stay reserved for restart(). */
  stop(): Promise<void>;
  /** Start again on the same ports (for outage tests). */
  restart(): Promise<void>;
  /** stop() and remove the temp dir. */
  destroy(): Promise<void>;
  logFile: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startDovecot(opts: { db: TestDb | MailDbTarget }): Promise<DovecotInstance> {
  const target = 'driver' in opts.db ? opts.db : await mailDbTarget(opts.db);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-dovecot-'));
  fs.chmodSync(dir, 0o755); // login processes run as dovenull and chroot below base_dir
  const mailRoot = path.join(dir, 'mail');
  fs.mkdirSync(mailRoot);
  fs.chownSync(mailRoot, VMAIL_UID, VMAIL_GID);
  // The product's files, installed in the temp dir: passdb/userdb SQL, the last_login plugin and the quota
  // plugins with their dict.
  const files = mailServerConfigFiles(target, { mailRoot, configDir: dir });
  for (const name of ['dovecot-sql.conf.ext', DICT_SQL_FILE, LAST_LOGIN_CONF_FILE, QUOTA_CONF_FILE] as const) {
    fs.writeFileSync(path.join(dir, name), files[name], { mode: 0o640 });
  }
  const [imapPort, lmtpPort] = [await freePort(), await freePort()];
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, dovecotConf(dir, {
    sqlConf: path.join(dir, 'dovecot-sql.conf.ext'), lastLoginConf: path.join(dir, LAST_LOGIN_CONF_FILE), quotaConf: path.join(dir, QUOTA_CONF_FILE),
  }, imapPort, lmtpPort));
  const logFile = path.join(dir, 'dovecot.log');
  const pidFile = path.join(dir, 'run', 'master.pid');

  const masterPid = (): number | null => {
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : 0;
    return pid && alive(pid) ? pid : null;
  };
  const waitForMasterPid = async () => {
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (masterPid() === null) {
      if (Date.now() > deadline) throw new Error(`dovecot wrote no live PID to ${pidFile}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const start = async () => {
    // The master daemonizes; its stdio must not be ours, or the test runner waits on it forever (pitfall 10).
    const out = fs.openSync(path.join(dir, 'start.out'), 'a');
    const child = spawn('dovecot', ['-c', conf], { stdio: ['ignore', out, out], detached: true });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve).on('error', () => resolve(-1)));
    fs.closeSync(out);
    if (code !== 0) throw new Error(`dovecot failed to start (exit ${code}):\n${fs.readFileSync(path.join(dir, 'start.out'), 'utf8')}`);
    await waitForPort(imapPort);
    await waitForPort(lmtpPort);
    // The listeners are bound before the master daemonizes and writes its PID file; stop() needs that file.
    await waitForMasterPid();
  };
  const stop = async () => {
    const pid = masterPid();
    if (pid === null) return;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (alive(pid)) {
      if (Date.now() > deadline) throw new Error(`dovecot master ${pid} still running ${STOP_TIMEOUT_MS} ms after SIGTERM`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  // A crashed or interrupted suite must not leave a daemon or temp files behind.
  const onExit = () => {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      /* not running */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  await start();
  return {
    host: '127.0.0.1',
    imapPort,
    lmtpPort,
    mailRoot,
    confFile: conf,
    logFile,
    doveadm: async (args) => {
      try {
        return (await run('doveadm', ['-c', conf, ...args])).stdout;
      } catch (e) {
        const err = e as { stderr?: string; code?: number };
        throw new Error(`doveadm ${args.join(' ')} exited ${err.code}: ${err.stderr ?? ''}`.trim());
      }
    },
    deliver: (address, raw) => lmtpDeliver(lmtpPort, address, raw),
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    destroy: async () => {
      await stop();
      process.off('exit', onExit);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
