// An admin creates an agent and a leader for an agency in a real browser (issue 11 acceptance): the menu entry,
// the create form, the one-time password shown once, the list filtered to the agency; the new agent then signs
// in with that password and is made to change it. Screenshots go to test/artifacts/admin-users/ (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, submitLoginForm, type E2e } from '../support/browser.js';
import { seedHoabinh } from '../support/provisioning-fixtures.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts/admin-users');

async function createInBrowser(page: Page, user: { username: string; name: string; role: string; agency: string }): Promise<string> {
  await page.fill('[data-testid=new-username]', user.username);
  await page.fill('[data-testid=new-name]', user.name);
  await page.selectOption('[data-testid=new-role]', user.role);
  await page.selectOption('[data-testid=new-agency]', user.agency);
  await page.click('[data-testid=create-submit]');
  await page.waitForSelector('[data-testid=new-password]');
  expect(await page.textContent('[data-testid=user-scope]')).to.equal(user.agency);
  return (await page.textContent('[data-testid=new-password] code'))!.trim();
}

describe('e2e: an admin creates an agent and a leader for an agency', function () {
  this.timeout(120_000);
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
    await seedHoabinh(e2e.db);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => e2e?.stop());

  it('through the users page; the agent then signs in with the one-time password and must change it', async () => {
    const admin = await buildUser(e2e.db, { role: 'admin', displayName: 'Quản trị viên tỉnh' });
    const page = await e2e.newPage();
    await loginInBrowser(page, admin.username, admin.password);
    await page.click('a[href="/admin/users"]');
    await page.waitForSelector('[data-testid=create-user]');

    const agentPassword = await createInBrowser(page, { username: 'xuly.snv', name: 'Nguyễn Văn Xử Lý', role: 'agent', agency: 'SNV' });
    expect(await page.textContent('[data-testid=user-role]')).to.equal('Cán bộ xử lý');
    await page.screenshot({ path: path.join(ARTIFACTS, 'agent-created.png'), fullPage: true });
    await page.click('a.back');
    await page.waitForSelector('[data-testid=create-user]');
    const leaderPassword = await createInBrowser(page, { username: 'lanhdao.snv', name: 'Trần Thị Lãnh Đạo', role: 'leader', agency: 'SNV' });
    expect(leaderPassword).not.to.equal(agentPassword);
    expect(await page.textContent('[data-testid=user-role]')).to.equal('Lãnh đạo');

    await page.goto('/admin/users');
    await page.selectOption('[data-testid=filter-agency]', 'SNV');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForURL(/agency=SNV/);
    const rows = await page.$$eval('[data-testid=user-list] tr[data-user]', (trs) => trs.map((tr) => tr.getAttribute('data-user')));
    expect(rows).to.have.members(['lanhdao.snv', 'xuly.snv']);
    expect(await page.textContent('tr[data-user="lanhdao.snv"]')).to.contain('Trần Thị Lãnh Đạo').and.contain('Lãnh đạo');
    await page.screenshot({ path: path.join(ARTIFACTS, 'users-snv.png'), fullPage: true });
    await page.close();

    const agent = await e2e.newPage();
    await submitLoginForm(agent, 'xuly.snv', agentPassword);
    await agent.waitForURL(/\/account\/password$/);
    await agent.close();
    const users = await e2e.db.models.User.findAll({ where: { username: ['xuly.snv', 'lanhdao.snv'] }, order: [['username', 'ASC']] });
    expect(users.map((u) => [u.username, u.role, u.must_change_password])).to.deep.equal([['lanhdao.snv', 'leader', true], ['xuly.snv', 'agent', true]]);
  });
});
