// Rows written with the app's models are what a real Dovecot, configured by config-files.ts, accepts.
import { expect } from 'chai';
import { canLogin as canLoginAs } from '../../support/imap-login.js';
import { ImapFlow } from 'imapflow';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { hashPassword, type PasswordScheme } from '../../../server/services/crypto/password-hash.js';

const DOMAIN = 'sotuphap.hoabinh.gov.vn';
const PASSWORD = 'Xk7-pq2R-vn9T';

async function addMailbox(db: TestDb, local: string, over: Record<string, unknown> = {}, scheme: PasswordScheme = 'SHA512-CRYPT') {
  return db.models.Mailbox.create({
    address: `${local}@${DOMAIN}`,
    local_part: local,
    domain: DOMAIN,
    kind: 'staff',
    password_hash: await hashPassword(PASSWORD, scheme),
    maildir: `${DOMAIN}/${local}-20260301/`,
    quota_mb: 100,
    active: true,
    allow_login: true,
    must_change_password: false,
    ...over,
  });
}

/** LOGIN with the suite's password unless another is given. */
const canLogin = (dv: DovecotInstance, user: string, pass = PASSWORD) => canLoginAs(dv, user, pass);

function mimeSubject(subject: string): string {
  return `=?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`;
}

function rawMessage(to: string, subject: string): Buffer {
  return Buffer.from(
    [`From: Công dân <congdan@example.vn>`, `To: <${to}>`, `Subject: ${mimeSubject(subject)}`,
      `Message-ID: <${Date.now()}.${Math.random()}@example.vn>`, 'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Kính gửi Sở Tư pháp,', ''].join('\r\n'),
    'utf8',
  );
}

forEachDb('Dovecot reads govmail mailboxes', (getDb) => {
  let dv: DovecotInstance;

  before(async function () {
    this.timeout(30_000);
    await getDb().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: getDb() });
  });
  after(async () => {
    await dv?.destroy();
  });

  it('logs in a SHA512-CRYPT mailbox row as soon as it is written', async () => {
    await addMailbox(getDb(), 'nguyenvana');
    expect(await canLogin(dv, 'nguyenvana@' + DOMAIN)).to.equal(true);
  });

  it('logs in a BLF-CRYPT mailbox, and with the address in upper case', async () => {
    await addMailbox(getDb(), 'tranthib', {}, 'BLF-CRYPT');
    expect(await canLogin(dv, 'TranThiB@' + DOMAIN.toUpperCase())).to.equal(true);
  });

  it('refuses a wrong password', async () => {
    expect(await canLogin(dv, 'nguyenvana@' + DOMAIN, 'wrong-password')).to.equal(false);
  });

  it('gives home and quota from the row, with the maildir under the mail root', async () => {
    const out = await dv.doveadm(['user', '-f', 'home', `nguyenvana@${DOMAIN}`]);
    expect(out.trim()).to.equal(`${dv.mailRoot}/${DOMAIN}/nguyenvana-20260301/`);
    const quota = await dv.doveadm(['user', '-f', 'quota_rule', `nguyenvana@${DOMAIN}`]);
    expect(quota.trim()).to.equal('*:storage=100M');
  });

  it('refuses login to a suspended mailbox (allow_login=0) but still delivers its mail', async () => {
    await addMailbox(getDb(), 'lethic', { allow_login: false });
    expect(await canLogin(dv, 'lethic@' + DOMAIN)).to.equal(false);
    expect(await dv.deliver(`lethic@${DOMAIN}`, rawMessage(`lethic@${DOMAIN}`, 'Thư cho người bị tạm khóa'))).to.match(/^250 /);
    const count = await dv.doveadm(['-f', 'flow', 'mailbox', 'status', '-u', `lethic@${DOMAIN}`, 'messages', 'INBOX']);
    expect(count.trim()).to.equal('INBOX messages=1');
  });

  it('treats a disabled mailbox (active=0) as absent: login refused and LMTP answers 550', async () => {
    await addMailbox(getDb(), 'phamvand', { active: false });
    expect(await canLogin(dv, 'phamvand@' + DOMAIN)).to.equal(false);
    const err = await dv.deliver(`phamvand@${DOMAIN}`, rawMessage(`phamvand@${DOMAIN}`, 'x')).catch((e: unknown) => e);
    expect(err).to.have.property('code', 550);
  });

  it('refuses login and delivery when the mailbox domain is inactive', async () => {
    const db = getDb();
    await db.models.MailDomain.create({ domain: 'cu.hoabinh.gov.vn', agency_id: null, active: false });
    await db.models.Mailbox.create({
      address: 'hoangvane@cu.hoabinh.gov.vn', local_part: 'hoangvane', domain: 'cu.hoabinh.gov.vn', kind: 'staff',
      password_hash: await hashPassword(PASSWORD, 'SHA512-CRYPT'), maildir: 'cu.hoabinh.gov.vn/hoangvane-1/', quota_mb: 10,
      active: true, allow_login: true, must_change_password: false,
    });
    expect(await canLogin(dv, 'hoangvane@cu.hoabinh.gov.vn')).to.equal(false);
    const err = await dv.deliver('hoangvane@cu.hoabinh.gov.vn', rawMessage('hoangvane@cu.hoabinh.gov.vn', 'x')).catch((e: unknown) => e);
    expect(err).to.have.property('code', 550);
  });

  it("lists every existing mailbox, suspended included, in doveadm user '*'", async () => {
    const users = (await dv.doveadm(['user', '*'])).trim().split('\n').sort();
    expect(users).to.deep.equal([`lethic@${DOMAIN}`, `nguyenvana@${DOMAIN}`, `tranthib@${DOMAIN}`]);
  });

  it('delivers over LMTP a message whose Vietnamese subject reads back intact over IMAP', async () => {
    const subject = 'Đơn kiến nghị về việc cấp giấy phép xây dựng – phường Tân Thịnh';
    await dv.deliver(`nguyenvana@${DOMAIN}`, rawMessage(`nguyenvana@${DOMAIN}`, subject));
    const client = new ImapFlow({
      host: dv.host, port: dv.imapPort, secure: false, logger: false,
      auth: { user: `nguyenvana@${DOMAIN}`, pass: PASSWORD }, clientInfo: { name: 'govmail-test' },
    });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const subjects: string[] = [];
        for await (const msg of client.fetch('1:*', { envelope: true })) subjects.push(msg.envelope?.subject ?? '');
        expect(subjects).to.deep.equal([subject]);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });

  it('refuses connections while stopped and serves the same ports again after restart', async function () {
    this.timeout(30_000);
    await dv.stop();
    const down = await canLogin(dv, 'nguyenvana@' + DOMAIN).catch((e: { code?: string }) => e.code);
    expect(down).to.equal('ECONNREFUSED');
    await dv.restart();
    expect(await canLogin(dv, 'nguyenvana@' + DOMAIN)).to.equal(true);
  });
});
