// dovecot.conf for the private test instance (test/support/dovecot.ts). Everything lives under `dir`;
// nothing is read from /etc/dovecot. The SQL part is in the product-generated dovecot-sql.conf.ext, and the
// last_login and quota plugins in the product-generated fragments, included at the end exactly as production
// does. The imap block before them stands for an operator's own settings, which the fragments must extend.
import { VMAIL_GID, VMAIL_UID } from '../../server/services/mailserver/config-files.js';

export function dovecotConf(dir: string, files: { sqlConf: string; lastLoginConf: string; quotaConf: string }, imapPort: number, lmtpPort: number): string {
  const { sqlConf } = files;
  return `# private test instance (test/support/dovecot.ts)
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_username_format = %Lu
# Row changes must show at the next login, and a negative test must not slow the next one (pitfall 2).
auth_cache_size = 0
auth_failure_delay = 0
login_trusted_networks = 127.0.0.1
mail_uid = ${VMAIL_UID}
mail_gid = ${VMAIL_GID}
first_valid_uid = ${VMAIL_UID}
mail_location = maildir:~/Maildir
passdb {
  driver = sql
  args = ${sqlConf}
}
userdb {
  driver = sql
  args = ${sqlConf}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
protocol imap {
  imap_idle_notify_interval = 2 mins
}
!include ${files.lastLoginConf}
!include ${files.quotaConf}
`;
}
