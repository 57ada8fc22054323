import { expect } from 'chai';
import { mailServerConfigFiles, mailServerUserSql, MAIL_SERVER_FILES, type MailDbTarget } from '../../../server/services/mailserver/config-files.js';
import { mailDbTargetFromUrl } from '../../../server/services/mailserver/write-config.js';

const SQLITE: MailDbTarget = { driver: 'sqlite', file: '/srv/govmail/govmail.sqlite' };
const MYSQL: MailDbTarget = { driver: 'mysql', host: '10.0.0.5', port: 3306, user: 'mailserver', password: 's3cret', database: 'govmail' };
const OPTS = { mailRoot: '/var/vmail' };

/** The value of `key = …` in a Dovecot file, with backslash continuations joined. */
function setting(file: string, key: string): string {
  const joined = file.replace(/\\\n\s*/g, ' ');
  return new RegExp(`^${key} = (.*)$`, 'm').exec(joined)?.[1] ?? '';
}

describe('mail server config files', () => {
  it('produces every file for both drivers', () => {
    for (const target of [SQLITE, MYSQL]) expect(Object.keys(mailServerConfigFiles(target, OPTS))).to.have.members([...MAIL_SERVER_FILES]);
  });

  it("concatenates with CONCAT() for MySQL, where || is a logical OR, and with || for SQLite", () => {
    const my = setting(mailServerConfigFiles(MYSQL, OPTS)['dovecot-sql.conf.ext'], 'user_query');
    const lite = setting(mailServerConfigFiles(SQLITE, OPTS)['dovecot-sql.conf.ext'], 'user_query');
    expect(my).to.contain("CONCAT('/var/vmail/', m.maildir) AS home").and.not.to.contain('||');
    expect(lite).to.contain("'/var/vmail/' || m.maildir AS home").and.not.to.contain('CONCAT');
    expect(my).to.contain("CONCAT('*:storage=', m.quota_mb, 'M') AS quota_rule");
  });

  it('checks allow_login for login only, so a suspended mailbox still receives', () => {
    const conf = mailServerConfigFiles(MYSQL, OPTS);
    expect(setting(conf['dovecot-sql.conf.ext'], 'password_query')).to.contain('m.allow_login = 1');
    for (const key of ['user_query', 'iterate_query']) expect(setting(conf['dovecot-sql.conf.ext'], key)).not.to.contain('allow_login');
    for (const name of ['virtual-mailboxes.cf', 'virtual-aliases.cf', 'sender-logins.cf'] as const) expect(conf[name]).not.to.contain('allow_login');
  });

  it('requires the mailbox and its domain to be active in every lookup', () => {
    const conf = mailServerConfigFiles(SQLITE, OPTS);
    for (const key of ['password_query', 'user_query', 'iterate_query']) {
      expect(setting(conf['dovecot-sql.conf.ext'], key)).to.contain('m.active = 1').and.to.contain('d.active = 1');
    }
  });

  it('compares alias expiry in UTC on MySQL and as an instant on SQLite', () => {
    expect(mailServerConfigFiles(MYSQL, OPTS)['virtual-aliases.cf']).to.contain('a.expires_at > UTC_TIMESTAMP(3)');
    expect(mailServerConfigFiles(SQLITE, OPTS)['virtual-aliases.cf']).to.contain("julianday(a.expires_at) > julianday('now')");
  });

  it('writes the connection each daemon expects', () => {
    expect(setting(mailServerConfigFiles(MYSQL, OPTS)['dovecot-sql.conf.ext'], 'connect')).to.equal('host=10.0.0.5 port=3306 dbname=govmail user=mailserver password=s3cret');
    expect(mailServerConfigFiles(MYSQL, OPTS)['virtual-domains.cf']).to.match(/^hosts = inet:10\.0\.0\.5:3306$/m);
    expect(mailServerConfigFiles(SQLITE, OPTS)['virtual-domains.cf']).to.match(/^dbpath = \/srv\/govmail\/govmail\.sqlite$/m);
    expect(setting(mailServerConfigFiles({ ...MYSQL, password: '' }, OPTS)['dovecot-sql.conf.ext'], 'connect')).not.to.contain('password=');
  });

  it('documents a SELECT-only account on the three mail tables, and the upserts on mail_logins and mail_quota only', () => {
    expect(mailServerUserSql('govmail', 'mailserver', '10.0.0.9', 'pw')).to.deep.equal([
      "CREATE USER IF NOT EXISTS 'mailserver'@'10.0.0.9' IDENTIFIED BY 'pw';",
      "GRANT SELECT ON `govmail`.`mail_domains` TO 'mailserver'@'10.0.0.9';",
      "GRANT SELECT ON `govmail`.`mailboxes` TO 'mailserver'@'10.0.0.9';",
      "GRANT SELECT ON `govmail`.`mail_aliases` TO 'mailserver'@'10.0.0.9';",
      "GRANT SELECT, INSERT, UPDATE ON `govmail`.`mail_logins` TO 'mailserver'@'10.0.0.9';",
      "GRANT SELECT, INSERT, UPDATE ON `govmail`.`mail_quota` TO 'mailserver'@'10.0.0.9';",
    ]);
    expect(mailServerConfigFiles(MYSQL, OPTS)['dovecot-sql.conf.ext']).to.contain("#   GRANT SELECT ON `govmail`.`mailboxes` TO 'mailserver'@'127.0.0.1';");
  });

  it('maps the last_login key to a mail_logins row, over the same connection as passdb/userdb', () => {
    for (const target of [SQLITE, MYSQL]) {
      const conf = mailServerConfigFiles(target, OPTS);
      const dict = conf['dovecot-dict-sql.conf.ext'];
      expect(setting(dict, 'connect')).to.equal(setting(conf['dovecot-sql.conf.ext'], 'connect'));
      expect(dict).to.match(/^ {2}pattern = shared\/last-login\/\$user$/m).and.match(/^ {2}table = mail_logins$/m)
        .and.match(/^ {2}value_field = last_login_unix$/m).and.match(/^ {4}address = \$user$/m);
    }
  });

  it('enables last_login for imap and pop3 only, through the dict proxy, naming the dict file by its install path', () => {
    const my = mailServerConfigFiles(MYSQL, { ...OPTS, configDir: '/etc/dovecot/govmail' })['dovecot-last-login.conf'];
    expect(my).to.contain('govmail_last_login = mysql:/etc/dovecot/govmail/dovecot-dict-sql.conf.ext');
    expect(my).to.contain('last_login_dict = proxy::govmail_last_login').and.contain('last_login_key = last-login/%Lu');
    expect(my.match(/mail_plugins = \$mail_plugins last_login/g)).to.have.length(2);
    expect(my).to.match(/protocol imap \{/).and.match(/protocol pop3 \{/).and.not.match(/protocol lmtp/);
    expect(my).not.to.contain('password=');
    expect(mailServerConfigFiles(SQLITE, OPTS)['dovecot-last-login.conf']).to.contain('govmail_last_login = sqlite:/etc/dovecot/dovecot-dict-sql.conf.ext');
  });

  it('maps the quota_clone keys to one mail_quota row per user: bytes and messages by address', () => {
    const dict = mailServerConfigFiles(SQLITE, OPTS)['dovecot-dict-sql.conf.ext'];
    for (const [key, column] of [['storage', 'bytes'], ['messages', 'messages']]) {
      expect(dict).to.contain(`  pattern = priv/quota/${key}\n  table = mail_quota\n  username_field = address\n  value_field = ${column}\n`);
    }
  });

  it('enables quota and quota_clone in every protocol that changes mail and globally, cloning through the dict proxy', () => {
    const conf = mailServerConfigFiles(MYSQL, { ...OPTS, configDir: '/etc/dovecot/govmail' })['dovecot-quota.conf'];
    expect(conf).to.match(/^mail_plugins = \$mail_plugins quota quota_clone$/m);
    for (const protocol of ['imap', 'pop3', 'lmtp']) expect(conf).to.match(new RegExp(`protocol ${protocol} \\{\\n {2}mail_plugins = \\$mail_plugins quota quota_clone`));
    expect(conf).to.contain('quota_clone imap_quota').and.contain('quota = count:User quota').and.contain('quota_vsizes = yes');
    expect(conf).to.contain('quota_clone_dict = proxy::govmail_quota').and.contain('govmail_quota = mysql:/etc/dovecot/govmail/dovecot-dict-sql.conf.ext');
    expect(conf).to.contain('!include /etc/dovecot/govmail/dovecot-quota.conf').and.not.contain('password=');
  });

  it('refuses values the daemons cannot read back: spaces or quotes in credentials, a relative mail root', () => {
    expect(() => mailServerConfigFiles({ ...MYSQL, password: 'two words' }, OPTS)).to.throw(/password/);
    expect(() => mailServerConfigFiles({ ...MYSQL, user: "o'brien" }, OPTS)).to.throw(/user/);
    expect(() => mailServerConfigFiles(SQLITE, { mailRoot: 'var/vmail' })).to.throw(/absolute/);
    expect(() => mailServerConfigFiles(SQLITE, { mailRoot: '/var/100%' })).to.throw(/mailRoot/);
    expect(() => mailServerConfigFiles(SQLITE, { ...OPTS, configDir: 'etc/dovecot' })).to.throw(/configDir/);
  });
});

describe('mail server DB target from the app database URL', () => {
  const cases: [string, MailDbTarget][] = [
    ['sqlite:/srv/govmail/govmail.sqlite', { driver: 'sqlite', file: '/srv/govmail/govmail.sqlite' }],
    ['mysql://govmail:p%40ss@db.local:3307/govmail', { driver: 'mysql', host: 'db.local', port: 3307, user: 'govmail', password: 'p@ss', database: 'govmail' }],
    ['mariadb://root@127.0.0.1/govmail_test', { driver: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'govmail_test' }],
  ];
  for (const [url, want] of cases) it(`reads ${url}`, () => expect(mailDbTargetFromUrl(url)).to.deep.equal(want));

  it('resolves a relative SQLite path against the working directory', () => {
    expect(mailDbTargetFromUrl('sqlite:data/govmail.sqlite')).to.deep.equal({ driver: 'sqlite', file: `${process.cwd()}/data/govmail.sqlite` });
  });

  it('refuses an in-memory database and a URL without a database name', () => {
    expect(() => mailDbTargetFromUrl('sqlite::memory:')).to.throw(/in-memory/);
    expect(() => mailDbTargetFromUrl('mysql://root@127.0.0.1:3306/')).to.throw(/no database/);
    expect(() => mailDbTargetFromUrl('postgres://x@y/z')).to.throw(/unsupported/);
  });
});
