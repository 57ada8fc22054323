/**
 * Mail logins into govmail: Dovecot's own last_login plugin, writing through dict-sql into `mail_logins`
 * (migration 0007), so coverage's "never logged in" counts IMAP/POP3 users and not only web logins.
 * Pure, like config-files.ts: the same text is unit-tested, written by `govmail mailserver:config` and
 * loaded by the test Dovecot (test/support/dovecot.ts).
 *
 * Why this shape (Dovecot 2.3, measured on 2.3.19.1 against SQLite 3.40 and MariaDB):
 * - dict-sql `set` is an upsert: INSERT … ON DUPLICATE KEY UPDATE on MySQL, INSERT … ON CONFLICT DO UPDATE
 *   on SQLite (≥ 3.24). Both need mail_logins.address as the primary key, and on MySQL the account needs
 *   SELECT besides INSERT and UPDATE (the UPDATE part reads the column: "SELECT command denied" otherwise).
 * - The plugin writes key `shared/<last_login_key>` with ioloop_time as the value (unix seconds).
 * - Through `proxy::` the SQL runs in Dovecot's dict service, not in the imap process: the imap process runs
 *   as the vmail uid, which can neither read the 0640 credential file nor write a SQLite file.
 * - Only imap and pop3 get the plugin: enabled globally, LMTP deliveries and doveadm would count as logins.
 */
import type { MailDbTarget } from './config-files.js';

export const DICT_SQL_FILE = 'dovecot-dict-sql.conf.ext';
export const LAST_LOGIN_CONF_FILE = 'dovecot-last-login.conf';
/** The dict name in `dict { … }`; the plugin reaches it as proxy::<name> over the default dict socket. */
export const LAST_LOGIN_DICT = 'govmail_last_login';
export const MAIL_LOGINS_TABLE = 'mail_logins';

/** dict-sql's map: key shared/last-login/<user> ↔ row (address = <user>, last_login_unix = value). */
export function dictSqlConf(connect: string): string {
  return `connect = ${connect}

map {
  pattern = shared/last-login/$user
  table = ${MAIL_LOGINS_TABLE}
  value_field = last_login_unix
  value_type = uint
  fields {
    address = $user
  }
}
`;
}

/**
 * The dovecot.conf fragment enabling the plugin. `dictConfPath` is where dovecot-dict-sql.conf.ext lives on the
 * mail server. Include it at the end of dovecot.conf (or as local.conf): `mail_plugins = $mail_plugins …` then
 * adds to whatever the protocol sections before it set.
 */
export function lastLoginConf(target: MailDbTarget, dictConfPath: string): string {
  return `protocol imap {
  mail_plugins = $mail_plugins last_login
}
protocol pop3 {
  mail_plugins = $mail_plugins last_login
}
plugin {
  last_login_dict = proxy::${LAST_LOGIN_DICT}
  # %Lu: the address in lower case, as in mailboxes.address, whatever case the client typed.
  last_login_key = last-login/%Lu
}
dict {
  ${LAST_LOGIN_DICT} = ${target.driver}:${dictConfPath}
}
service dict {
  # Root, like the auth-worker that reads the same credentials: the dict process reads the 0640 file above
  # and, with SQLite, writes the govmail database file (provisioning.md pitfall 13).
  user = root
  unix_listener dict {
    # The imap processes run as the vmail uid, which need not be a system account, so the socket cannot be
    # given to it by name. The dict only has the map above: a local user could at worst fake a login time.
    mode = 0666
  }
}
`;
}
