// Issue 13 item 10: ticket, mail review, reply template, mailbox and metrics pages carry Cache-Control: no-store, so neither the browser's
// history cache nor a proxy keeps citizen mail, mailbox details or figures after the user signs out.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent } from '../../support/web.js';
import { buildAgency, buildTicket } from '../../support/ticket-factory.js';

forEachDb('issue 13 item 10 (no-store): ticket, mailbox and metrics pages are not cached', (getDb) => {
  const db = (): TestDb => getDb();

  it('issue 13 item 10 (no-store): each page answers Cache-Control: no-store', async () => {
    const agency = await buildAgency(db());
    const ticket = await buildTicket(db(), { agency_id: agency.id, received: '2026-03-10T08:00' });
    await db().models.MailDomain.create({ domain: 'nostore.gov.vn', agency_id: agency.id, active: true });
    await db().models.Mailbox.create({ address: 'canbo@nostore.gov.vn', local_part: 'canbo', domain: 'nostore.gov.vn', kind: 'staff', agency_id: agency.id,
      password_hash: '{SHA512-CRYPT}x', maildir: 'nostore.gov.vn/canbo/', quota_mb: 100, active: true, allow_login: true, must_change_password: false } as never);
    const app = testApp(db());
    const admin = await buildUser(db(), { role: 'admin' });
    const { agent } = await loginAgent(app, admin.username, admin.password);
    const pages = ['/tickets', `/tickets/${ticket.ref}`, '/review', '/reply-templates', '/hr/mailboxes', '/hr/mailboxes/canbo@nostore.gov.vn', '/account/mailbox', '/metrics', '/metrics/export.csv'];
    for (const page of pages) {
      const res = await agent.get(page).set('Accept', 'text/html');
      expect(res.status, `${page}: ${res.status}`).to.equal(200);
      expect(res.headers['cache-control'], page).to.equal('no-store');
    }
    // A page without citizen data keeps the default.
    expect((await agent.get('/').expect(200)).headers['cache-control']).not.to.equal('no-store');
  });
});
