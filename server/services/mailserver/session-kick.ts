/**
 * Ending a mailbox's open IMAP/POP3 sessions. Suspending or disabling a mailbox only stops new logins: an
 * open session keeps working until `doveadm kick <user>` (provisioning.md pitfall 3, proven in the lab).
 * govmail runs the operator's command with the address as its last argument, e.g. `doveadm kick`,
 * `doveadm -c /etc/dovecot/dovecot.conf kick` or `ssh mail1 doveadm kick` (set as DOVEADM_KICK).
 * No shell: the prefix is split on blanks, so the address can never be read as shell syntax.
 */
import { execFile } from 'node:child_process';

export const KICK_TIMEOUT_MS = 10_000;
/** doveadm's EX_NOUSER: "No users kicked", i.e. the mailbox had no open session. Not a failure. */
const EX_NOUSER = 68;

export interface SessionKicker {
  /** Resolves with 'kicked' or 'none' (no open session); rejects with what the command said. */
  kick(address: string): Promise<'kicked' | 'none'>;
}

export function parseKickCommand(setting: string): string[] {
  const argv = setting.trim().split(/\s+/).filter(Boolean);
  if (argv.length === 0) throw new Error('DOVEADM_KICK is empty');
  return argv;
}

export function commandKicker(setting: string, timeoutMs = KICK_TIMEOUT_MS): SessionKicker {
  const [cmd, ...args] = parseKickCommand(setting);
  return {
    kick: (address) => new Promise((resolve, reject) => {
      execFile(cmd!, [...args, address], { timeout: timeoutMs, windowsHide: true }, (err, _stdout, stderr) => {
        if (!err) return resolve('kicked');
        const code = (err as { code?: unknown }).code;
        if (code === EX_NOUSER) return resolve('none');
        const why = err.killed ? `timed out after ${timeoutMs} ms` : typeof code === 'number' ? `exited ${code}` : err.message;
        reject(new Error(`${cmd} ${why}${stderr.trim() ? `: ${stderr.trim().slice(0, 300)}` : ''}`));
      });
    }),
  };
}

/** The kicker for a DOVEADM_KICK value; none when it is unset (sessions then end on their own). */
export function sessionKickerFrom(setting: string | undefined): SessionKicker | null {
  return setting && setting.trim() ? commandKicker(setting) : null;
}
