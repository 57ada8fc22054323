// IMAP LOGIN checks against the test Dovecot, a few at a time.
import { ImapFlow } from 'imapflow';
import type { DovecotInstance } from './dovecot.js';

let penaltyIp = 0;

/** true when LOGIN succeeds, false on AUTHENTICATIONFAILED; anything else throws. */
export async function canLogin(dv: DovecotInstance, user: string, pass: string): Promise<boolean> {
  // Failures are attributed to throw-away TEST-NET addresses via ID, so Dovecot's per-IP auth penalty
  // (provisioning.md pitfall 2) never slows the next login from 127.0.0.1.
  penaltyIp = (penaltyIp % 250) + 1;
  const client = new ImapFlow({
    host: dv.host, port: dv.imapPort, secure: false, logger: false, auth: { user, pass },
    clientInfo: { name: 'govmail-test', 'x-originating-ip': `192.0.2.${penaltyIp}` },
  });
  try {
    await client.connect();
    await client.logout();
    return true;
  } catch (e) {
    if ((e as { authenticationFailed?: boolean }).authenticationFailed) return false;
    throw e;
  }
}

/** Logs every account in with `concurrency` connections at a time; returns the users that failed. */
export async function failedLogins(dv: DovecotInstance, accounts: { user: string; pass: string }[], concurrency = 8): Promise<string[]> {
  const failed: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < accounts.length) {
      const a = accounts[next++]!;
      if (!(await canLogin(dv, a.user, a.pass))) failed.push(a.user);
    }
  }));
  return failed;
}
