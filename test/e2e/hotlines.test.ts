// An admin sets an agency's hotline inbox in a real browser against a real Dovecot and tests the connection.
import { expect } from 'chai';
import { startDovecot, type DovecotInstance } from '../support/dovecot.js';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { hashPassword } from '../../server/services/crypto/password-hash.js';

const DOMAIN = 'hotline.hoabinh.gov.vn';
const PASSWORD = 'Hotline-E2E-Pass-31';

describe('e2e: hotline inbox settings and "test connection"', function () {
  this.timeout(90_000);
  let e2e: E2e;
  let dv: DovecotInstance;

  before(async () => {
    e2e = await startE2e();
    const { db } = e2e;
    await db.models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    const agency = await db.models.Agency.create({ code: 'STP', name: 'Sở Tư pháp', kind: 'department', hotline_address: `stp@${DOMAIN}` });
    await db.models.Mailbox.create({ address: `stp@${DOMAIN}`, local_part: 'stp', domain: DOMAIN, kind: 'hotline', agency_id: agency.id,
      password_hash: await hashPassword(PASSWORD, 'SHA512-CRYPT'), maildir: `${DOMAIN}/stp/`, quota_mb: 100,
      active: true, allow_login: true, must_change_password: false } as never);
    dv = await startDovecot({ db });
  });
  after(async () => {
    await dv?.destroy();
    await e2e?.stop();
  });

  it('an admin saves the IMAP settings and sees "test connection" succeed, with the password never shown', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'admin', displayName: 'Quản trị viên' });
    const page = await e2e.newPage();
    await loginInBrowser(page, username, password);
    await page.click('a[href="/admin/hotlines"]');
    await page.waitForSelector('[data-testid=hotline-list]');
    expect(await page.textContent('tr[data-agency=STP]')).to.contain('Chưa cấu hình');
    await page.click('[data-testid=edit-STP]');
    await page.fill('input[name=host]', dv.host);
    await page.fill('input[name=port]', String(dv.imapPort));
    await page.fill('input[name=user]', `stp@${DOMAIN}`);
    await page.fill('input[name=password]', PASSWORD);
    await page.fill('input[name=folder]', 'INBOX');
    await page.check('input[name=plain]'); // Dovecot beside the tests speaks plain IMAP on loopback
    await page.click('[data-testid=hotline-save]');
    // A new inbox asks first what the mail already in it is, with the count (issue 15 item 4); the typed
    // password goes back sealed, never readable.
    await page.waitForSelector('[data-testid=confirm]');
    expect(await page.content()).not.to.contain(PASSWORD);
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('.flash-ok');
    expect(await page.inputValue('input[name=password]')).to.equal('');
    expect(await page.content()).not.to.contain(PASSWORD);
    await page.click('[data-testid=hotline-test]');
    await page.waitForSelector('[data-testid=test-result]');
    expect(await page.textContent('[data-testid=test-result]')).to.contain('Kết nối thành công');
    await page.close();
  });
});
