// Postfix map lookups for tests: `postmap -q` runs the generated sqlite:/mysql: map files through Postfix's
// own SQL drivers, so the tests exercise the real key folding, %s quoting and multi-row joining.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let configDir: string | undefined;

/**
 * postmap needs a config directory, and Debian's "No configuration" postfix has no main.cf (pitfall 9).
 * Log to stderr: when stderr is not a TTY Postfix otherwise logs fatals to syslog only, and a broken map
 * would look like "not found" (pitfall 8). /dev/stderr must be allowed by maillog_file_prefixes.
 */
function postfixConfigDir(): string {
  if (configDir && fs.existsSync(configDir)) return configDir;
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-postfix-'));
  fs.writeFileSync(path.join(configDir, 'main.cf'), 'compatibility_level = 3.6\nmyhostname = localhost.localdomain\nmaillog_file_prefixes = /dev\nmaillog_file = /dev/stderr\n');
  backdate(path.join(configDir, 'main.cf'));
  const dir = configDir;
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Postfix waits (300 ms steps, about 2 s) for a config or map file modified in the last seconds to settle.
 * Test files are written just before the query, so move their mtime an hour back.
 */
function backdate(file: string): void {
  if (Date.now() - fs.statSync(file).mtimeMs > 10_000) return;
  const longAgo = new Date(Date.now() - 3_600_000);
  fs.utimesSync(file, longAgo, longAgo);
}

/** The map type postmap needs, read from the file itself (`dbpath` only appears in sqlite maps). */
function mapType(cfFile: string): 'sqlite' | 'mysql' {
  return /^dbpath\s*=/m.test(fs.readFileSync(cfFile, 'utf8')) ? 'sqlite' : 'mysql';
}

/**
 * What Postfix gets for `key` from the map file: the value (multi-row results comma-joined), or null when
 * the key is not found. A driver or SQL error throws: postmap exits 1 for both, so stderr tells them apart.
 */
export function postmapQuery(cfFile: string, key: string): Promise<string | null> {
  backdate(cfFile);
  const args = ['-c', postfixConfigDir(), '-q', key, `${mapType(cfFile)}:${cfFile}`];
  return new Promise((resolve, reject) => {
    execFile('postmap', args, (err, stdout, stderr) => {
      if (stderr.trim()) return reject(new Error(`postmap ${args.join(' ')}: ${stderr.trim()}`));
      if (!err) return resolve(stdout.trim());
      if (err.code === 1) return resolve(null);
      reject(err);
    });
  });
}
