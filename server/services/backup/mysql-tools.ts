// The MariaDB/MySQL command-line tools a backup and a restore run: mariadb-dump (or mysqldump) and the mariadb
// (or mysql) client. MariaDB 10.5+ names them mariadb-*, older MariaDB and MySQL mysql*; the first found is used.
// The password goes in a defaults file readable by us alone, never on the command line where `ps` shows it.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BackupError } from './backup-error.js';

export interface MysqlTarget { host: string; port: number; user: string; password: string; database: string }

/** mysql://user:pass@host:3306/govmail (or mariadb://) → the parts the command-line tools take. */
export function mysqlTarget(url: string): MysqlTarget {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new BackupError('backup.no_database', 'DATABASE_URL names no database (mysql://user:pass@host:3306/DATABASE)');
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password), database };
}

const TOOLS = {
  dump: { names: ['mariadb-dump', 'mysqldump'], what: 'a dump tool' },
  client: { names: ['mariadb', 'mysql'], what: 'the command-line client' },
} as const;

const INSTALL_HINT = 'install the client tools: on Debian/Ubuntu `apt-get install mariadb-client` (MySQL: `mysql-client`)';

interface Run { code: number; stderr: string }

function run(bin: string, args: string[], stdinFile?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: [stdinFile ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    if (stdinFile) {
      const input = createReadStream(stdinFile);
      input.on('error', (e) => {
        child.kill();
        reject(e);
      });
      child.stdin!.on('error', () => undefined); // the client exiting early is reported by its exit code
      input.pipe(child.stdin!);
    }
  });
}

/** Runs the first of the tool's names that is installed, with a private defaults file holding the password. */
async function runTool(tool: keyof typeof TOOLS, target: MysqlTarget, args: string[], stdinFile?: string): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'govmail-my-'));
  const defaults = path.join(dir, 'client.cnf');
  try {
    const quoted = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    await writeFile(defaults, `[client]\nhost=${quoted(target.host)}\nport=${target.port}\nuser=${quoted(target.user)}\npassword=${quoted(target.password)}\n`, { mode: 0o600 });
    for (const bin of TOOLS[tool].names) {
      let result: Run;
      try {
        // --defaults-extra-file must come first.
        result = await run(bin, [`--defaults-extra-file=${defaults}`, ...args], stdinFile);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      if (result.code !== 0) throw new BackupError('backup.tool_failed', `${bin} failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return;
    }
    throw new BackupError('backup.tool_missing', `neither ${TOOLS[tool].names.join(' nor ')} is installed (${TOOLS[tool].what}): ${INSTALL_HINT}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A consistent dump of the whole database in one file: --single-transaction reads every table in one
 * REPEATABLE READ snapshot without locking writers out (all govmail tables are InnoDB); --hex-blob writes the raw
 * mail as 0x… so no byte depends on the client's character set; no CREATE DATABASE, so it restores under any name.
 */
export async function dumpDatabase(target: MysqlTarget, outFile: string, opts: { binlogPosition: boolean }): Promise<void> {
  await runTool('dump', target, [
    // The binary-log coordinates of the snapshot, as a comment (=2) for the operator (needs the RELOAD privilege).
    ...(opts.binlogPosition ? ['--master-data=2'] : []),
    '--single-transaction', '--quick', '--hex-blob', '--default-character-set=utf8mb4', '--no-tablespaces',
    '--skip-lock-tables', '--routines', '--triggers', `--result-file=${outFile}`, target.database,
  ]);
}

/** Feeds a dump to the client, into the target database. */
export async function loadDump(target: MysqlTarget, dumpFile: string): Promise<void> {
  await runTool('client', target, ['--default-character-set=utf8mb4', '--binary-mode', target.database], dumpFile);
}
