/**
 * Quota use into govmail: Dovecot's quota plugin counts what each mailbox holds (backend `count`, the limit
 * comes from userdb's quota_rule = *:storage=<quota_mb>M) and its quota_clone plugin copies the use into
 * `mail_quota` (migration 0011) through dict-sql after every change, so the self-service page shows real use.
 * Pure, like last-login-conf.ts: unit-tested, written by `govmail mailserver:config`, loaded by the test Dovecot.
 *
 * Why this shape (Dovecot 2.3):
 * - quota_clone *sets* the values (priv/quota/storage, priv/quota/messages) instead of incrementing them, so a
 *   lost write is corrected by the next change, and dict-sql's set is the same upsert as for mail_logins.
 * - `priv/` keys belong to a user: the map names the column that holds the user (username_field).
 * - The plugins go into every protocol that changes mail (imap, pop3, lmtp) and the global list (doveadm):
 *   `$mail_plugins` in a protocol block reads that block's earlier value, so appending to the global list at
 *   the end of dovecot.conf would not reach a protocol block set before it.
 * - The dict runs in Dovecot's dict service; its settings (root, socket mode) are in the last-login fragment,
 *   which must be included too.
 */
import type { MailDbTarget } from './config-files.js';

export const QUOTA_CONF_FILE = 'dovecot-quota.conf';
export const QUOTA_DICT = 'govmail_quota';
export const MAIL_QUOTA_TABLE = 'mail_quota';

/** dict-sql maps (appended to dovecot-dict-sql.conf.ext): one column per key, the address as the user. */
export function quotaDictMaps(): string {
  return ['storage', 'messages'].map((key) => `
map {
  pattern = priv/quota/${key}
  table = ${MAIL_QUOTA_TABLE}
  username_field = address
  value_field = ${key === 'storage' ? 'bytes' : 'messages'}
  value_type = uint
}
`).join('');
}

const PLUGINS = 'quota quota_clone';

/** The dovecot.conf fragment; include it at the end of dovecot.conf, after the last-login fragment. */
export function quotaConf(target: MailDbTarget, dictConfPath: string): string {
  return `mail_plugins = $mail_plugins ${PLUGINS}
protocol imap {
  mail_plugins = $mail_plugins ${PLUGINS} imap_quota
}
protocol pop3 {
  mail_plugins = $mail_plugins ${PLUGINS}
}
protocol lmtp {
  mail_plugins = $mail_plugins ${PLUGINS}
}
plugin {
  quota = count:User quota
  # the count backend needs virtual sizes
  quota_vsizes = yes
  quota_clone_dict = proxy::${QUOTA_DICT}
}
dict {
  ${QUOTA_DICT} = ${target.driver}:${dictConfPath}
}
`;
}
