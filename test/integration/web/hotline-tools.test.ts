// Issue 15 item 4 on /admin/hotlines, through the real app and a real Dovecot: "test connection" tries what the
// form shows (it used to try the stored settings and report success while the form showed others), and a save
// that starts an inbox over asks first what the mail already in it is, with the count, instead of silently making
// it all history (the cut-off was CLI-only). Both go through the same path as saving (resolveInboxForm).
import net from 'node:net';
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { testApp, buildUser, loginAgent, TEST_SECRET } from '../../support/web.js';
import { hashPassword } from '../../../server/services/crypto/password-hash.js';
import { openSecret } from '../../../server/services/crypto/secret-box.js';
import { appendMessages, type ImapConfig } from '../../../server/mail/imap.js';
import { pollAllInboxes } from '../../../server/services/ingestion/poll-inbox.js';
import { ingestCtx, mail } from '../ingestion/hotline-fixture.js';

const DOMAIN = 'hotline.hoabinh.gov.vn';
const PASSWORD = 'Hotline-Tools-Secret-15';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The hidden fields of the confirmation page, as its form posts them back. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out[m[1]!] = m[2]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
  }
  return out;
}

forEachDb('issue 15 item 4: truthful hotline tools', (getDb) => {
  let dv: DovecotInstance;
  const db = (): TestDb => getDb();
  let app: ReturnType<typeof testApp>;
  let admin: { agent: Awaited<ReturnType<typeof loginAgent>>['agent']; csrf: string; username: string };
  const ids: Record<string, number> = {};
  const form = (code: string, over: Record<string, string> = {}) => ({
    _csrf: admin.csrf, host: dv.host, port: String(dv.imapPort), plain: '1', user: `${code.toLowerCase()}@${DOMAIN}`, password: PASSWORD,
    folder: 'INBOX', interval: '60', ...over,
  });
  const box = (code: string): ImapConfig => ({ host: dv.host, port: dv.imapPort, secure: false, user: `${code.toLowerCase()}@${DOMAIN}`, pass: PASSWORD, folder: 'INBOX' });
  const inbox = (code: string) => db().models.HotlineInbox.findOne({ where: { agency_id: ids[code] }, raw: true });
  const result = (html: string) => (/data-testid="test-result">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/\s+/g, ' ');

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    for (const code of ['TCN', 'TCW', 'CUT', 'ALL']) {
      const local = code.toLowerCase();
      const agency = await db().models.Agency.create({ code, name: `Sở ${code}`, kind: 'department', hotline_address: `${local}@${DOMAIN}` });
      ids[code] = agency.id;
      await db().models.Mailbox.create({ address: `${local}@${DOMAIN}`, local_part: local, domain: DOMAIN, kind: 'hotline', agency_id: agency.id,
        password_hash: await hashPassword(PASSWORD, 'SHA512-CRYPT'), maildir: `${DOMAIN}/${local}/`, quota_mb: 100,
        active: true, allow_login: true, must_change_password: false } as never);
    }
    dv = await startDovecot({ db: db() });
    app = testApp(db());
    const u = await buildUser(db(), { role: 'admin' });
    admin = { ...(await loginAgent(app, u.username, u.password)), username: u.username };
  });
  after(async () => {
    await dv?.destroy();
  });

  it('issue 15 item 4: "test connection" tries the settings on the form, not the stored ones', async () => {
    // Stored: good settings. Typed: a port where nothing listens. The test must fail, and save nothing.
    await admin.agent.post('/admin/hotlines/TCN').type('form').send({ ...form('TCN'), confirm: '1' }).expect(303);
    const closed = await closedPort();
    const bad = await admin.agent.post('/admin/hotlines/TCN/test').type('form').send(form('TCN', { port: String(closed) })).expect(200);
    expect(result(bad.text)).to.contain('Kiểm tra kết nối thất bại');
    expect(bad.text).to.contain(`value="${closed}"`); // the form keeps what was typed
    expect((await inbox('TCN'))!.imap_port).to.equal(dv.imapPort);
    // The issue-13 rule holds for the test too: a changed port with a blank password is refused before connecting.
    const again = await admin.agent.post('/admin/hotlines/TCN/test').type('form').send(form('TCN', { port: String(closed), password: '' })).expect(422);
    expect(again.text).to.contain('Nhập lại mật khẩu').and.not.contain('data-testid="test-result"');
    // The stored settings unchanged on the form, blank password: the stored password is used, and it works.
    const same = await admin.agent.post('/admin/hotlines/TCN/test').type('form').send(form('TCN', { password: '' })).expect(200);
    expect(result(same.text)).to.contain('Kết nối thành công').and.contain('Đã thử cài đặt đang hiển thị trên biểu mẫu');

    // Stored: a wrong password. Typed: the right one. The test succeeds, and the stored password stays as it was.
    await admin.agent.post('/admin/hotlines/TCW').type('form').send({ ...form('TCW', { password: 'wrong-password-15' }), confirm: '1' }).expect(303);
    expect(result((await admin.agent.post('/admin/hotlines/TCW/test').type('form').send({ _csrf: admin.csrf }).expect(200)).text)).to.contain('thất bại');
    const typed = await admin.agent.post('/admin/hotlines/TCW/test').type('form').send(form('TCW')).expect(200);
    expect(result(typed.text)).to.contain('Kết nối thành công');
    expect(typed.text).not.to.contain(PASSWORD);
    expect(openSecret((await inbox('TCW'))!.password_enc, TEST_SECRET)).to.equal('wrong-password-15');
    const audits = await db().models.AuditLog.findAll({ where: { actor: admin.username, action: 'hotline.connection_tested', target: 'agency:TCW' }, order: [['id', 'ASC']], raw: true });
    const details = audits.map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details) as Record<string, unknown>);
    expect(details.map((d) => [d.from ?? 'stored', d.outcome])).to.deep.equal([['stored', 'failed'], ['form', 'ok']]);
  });

  it('issue 15 item 4: a new hotline asks what the mail already in it is, counts it, and new mail since the date gets receipts', async () => {
    await appendMessages(box('CUT'), [mail({ to: `cut@${DOMAIN}`, from: 'old1@example.vn' }), mail({ to: `cut@${DOMAIN}`, from: 'old2@example.vn' })], [],
      new Date('2026-11-01T09:00:00+07:00'));
    await appendMessages(box('CUT'), [mail({ to: `cut@${DOMAIN}`, from: 'recent@example.vn', subject: 'Đường hỏng sau mưa' })], [], new Date('2026-11-20T09:00:00+07:00'));
    const ask = await admin.agent.post('/admin/hotlines/CUT').type('form').send(form('CUT', { old_mail: 'new_since', since: '15/11/2026' })).expect(200); // typed day/month/year
    expect(ask.text).to.contain('data-testid="confirm"').and.contain('Thư nhận từ 00:00 15/11/2026 sẽ được xử lý như thư mới');
    expect(ask.text).to.match(/Số thư đang có trong thư mục<\/dt><dd>3</).and.match(/Nhập làm lịch sử \(nhận trước 00:00 15\/11\/2026\)<\/dt><dd>2</)
      .and.match(/Xử lý như thư mới \(nhận từ 00:00 15\/11\/2026\)<\/dt><dd>1</);
    expect(ask.text).to.contain('1 công dân sẽ nhận biên nhận');
    expect(ask.text).not.to.contain(PASSWORD); // the typed password goes back sealed
    expect(await inbox('CUT')).to.equal(null);
    const back = hiddenFields(ask.text);
    expect(back.password).to.equal('');
    expect(back.password_sealed).to.match(/^v1\./);
    await admin.agent.post('/admin/hotlines/CUT').type('form').send({ ...back, _csrf: admin.csrf }).expect(303);
    const saved = (await inbox('CUT'))!;
    expect(new Date(saved.history_cutoff!).toISOString()).to.equal('2026-11-14T17:00:00.000Z');
    expect(openSecret(saved.password_enc, TEST_SECRET)).to.equal(PASSWORD);
    // A sealed password opens only for the settings it was typed for.
    const moved = await admin.agent.post('/admin/hotlines/CUT').type('form').send({ ...back, _csrf: admin.csrf, host: '127.0.0.2' }).expect(422);
    expect(moved.text).to.contain('Nhập lại mật khẩu');

    await pollAllInboxes(db(), ingestCtx({ ownAddresses: [`cut@${DOMAIN}`, 'no-reply@hoabinh.gov.vn'] }), { secretKey: TEST_SECRET, agencyCode: 'CUT' });
    const tickets = await db().models.Ticket.findAll({ where: { agency_id: ids.CUT }, raw: true });
    expect(Object.fromEntries(tickets.map((t) => [t.citizen_address, Boolean(t.history)]))).to.deep.equal({ 'old1@example.vn': true, 'old2@example.vn': true, 'recent@example.vn': false });
    expect(await db().models.Outbox.count({ where: { to_address: ['old1@example.vn', 'old2@example.vn'] } })).to.equal(0);
    expect(await db().models.Outbox.count({ where: { to_address: 'recent@example.vn' } })).to.equal(1);
  });

  it('issue 15 item 4: "import as history" is asked with the count too, and a save that does not start the inbox over asks nothing', async () => {
    await appendMessages(box('ALL'), [mail({ to: `all@${DOMAIN}` }), mail({ to: `all@${DOMAIN}` })]);
    const ask = await admin.agent.post('/admin/hotlines/ALL').type('form').send(form('ALL')).expect(200);
    expect(ask.text).to.contain('sẽ được nhập làm lịch sử').and.match(/Số thư đang có trong thư mục<\/dt><dd>2</);
    expect(await inbox('ALL')).to.equal(null);
    await admin.agent.post('/admin/hotlines/ALL').type('form').send({ ...hiddenFields(ask.text), _csrf: admin.csrf }).expect(303);
    const first = (await inbox('ALL'))!;
    expect(new Date(first.history_cutoff!).getTime()).to.be.at.most(Date.now());
    // Only the interval changes: same server, login and folder, so no question and the cut-off stays.
    await admin.agent.post('/admin/hotlines/ALL').type('form').send(form('ALL', { password: '', interval: '120' })).expect(303);
    const after = (await inbox('ALL'))!;
    expect([after.poll_interval_s, new Date(after.history_cutoff!).getTime()]).to.deep.equal([120, new Date(first.history_cutoff!).getTime()]);
    // Settings that cannot log in are still asked, saying the count failed, and can be saved.
    const unreachable = await admin.agent.post('/admin/hotlines/ALL').type('form').send(form('ALL', { folder: 'Khong-Co' })).expect(200);
    expect(unreachable.text).to.contain('Không đếm được thư');
  });
});
