/**
 * After a suspend or a leaver: end the mailbox's open IMAP/POP3 sessions when a kicker is configured
 * (DOVEADM_KICK, see services/mailserver/session-kick.ts). Runs after the change is committed, so a client
 * that reconnects at once already meets allow_login = 0. The kick is best effort: a failure is logged and
 * written to the audit log, and never undoes or fails the suspend.
 */
import type { Db } from '../../db/index.js';
import { audit } from '../audit/index.js';
import type { SessionKicker } from '../mailserver/index.js';

export interface KickLog {
  warn(details: Record<string, unknown>, msg: string): void;
  info(details: Record<string, unknown>, msg: string): void;
}

export interface SessionCut {
  kicker: SessionKicker | null;
  log?: KickLog;
}

export type SessionCutResult = 'off' | 'kicked' | 'none' | 'failed';

export async function cutSessions(db: Db, address: string, actor: string, cut: SessionCut | undefined): Promise<SessionCutResult> {
  if (!cut?.kicker) return 'off';
  try {
    const r = await cut.kicker.kick(address);
    cut.log?.info({ address, sessions: r }, 'open mail sessions ended');
    if (r === 'kicked') await audit(db, { actor, action: 'mailbox.kick', target: address, details: { ok: true } });
    return r;
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    cut.log?.warn({ address, error }, 'could not end open mail sessions; they last until the client disconnects');
    try {
      await audit(db, { actor, action: 'mailbox.kick', target: address, details: { ok: false, error } });
    } catch (auditError) {
      cut.log?.warn({ address, error: String(auditError) }, 'could not audit the failed kick');
    }
    return 'failed';
  }
}
