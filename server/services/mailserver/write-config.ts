// Writes the Dovecot and Postfix SQL config files for the database govmail itself uses.
import fs from 'node:fs';
import path from 'node:path';
import { mailServerConfigFiles, MAIL_SERVER_FILES, type MailDbTarget, type MailServerFileName, type MailServerOptions } from './config-files.js';

/** The files hold DB credentials: readable by the owner and the mail server's group only. */
export const CONFIG_FILE_MODE = 0o640;

export interface WriteMailServerConfigOptions extends MailServerOptions {
  /** The mail server should connect as a SELECT-only account, not as the app (MySQL only). */
  readOnlyUser?: { user: string; password: string };
  /** chown the files to this group (e.g. postfix's gid) so the daemons can read them; needs root. */
  group?: number;
}

/** `sqlite:relative/or/abs.sqlite` or `mysql://user:pass@host:port/db` (also mariadb://) → a target. */
export function mailDbTargetFromUrl(dbUrl: string): MailDbTarget {
  if (dbUrl.startsWith('sqlite:')) {
    const file = dbUrl.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '' || file === ':memory:') throw new Error('mail server config: an in-memory SQLite database cannot be shared with Dovecot');
    return { driver: 'sqlite', file: path.resolve(file) };
  }
  const u = new URL(dbUrl);
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') throw new Error(`mail server config: unsupported database URL scheme ${u.protocol}`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('mail server config: the database URL names no database');
  return {
    driver: 'mysql',
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
  };
}

/** Writes every file into outDir (created if missing) and returns their absolute paths by name. */
export function writeMailServerConfig(
  dbUrl: string,
  outDir: string,
  opts: WriteMailServerConfigOptions,
): Record<MailServerFileName, string> {
  let target = mailDbTargetFromUrl(dbUrl);
  if (opts.readOnlyUser && target.driver === 'mysql') target = { ...target, ...opts.readOnlyUser };
  // By default the files stay where they are written, and the last-login fragment names the dict file there.
  const files = mailServerConfigFiles(target, { ...opts, configDir: opts.configDir ?? path.resolve(outDir) });
  fs.mkdirSync(outDir, { recursive: true });
  const paths = {} as Record<MailServerFileName, string>;
  for (const name of MAIL_SERVER_FILES) {
    const file = path.resolve(outDir, name);
    // Write then chmod: the mode argument of writeFileSync is ignored for an existing file.
    fs.writeFileSync(file, files[name], { mode: CONFIG_FILE_MODE });
    fs.chmodSync(file, CONFIG_FILE_MODE);
    if (opts.group !== undefined) fs.chownSync(file, process.getuid?.() ?? 0, opts.group);
    paths[name] = file;
  }
  return paths;
}
