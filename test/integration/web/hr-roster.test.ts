// The roster import pages: upload → preview (row+field errors, nothing written) → confirm → job → progress →
// credentials once; an agency HR officer's rows are limited to their agency; uploads belong to their owner.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, csrfOf } from '../../support/web.js';
import { seedHoabinh } from '../../support/provisioning-fixtures.js';
import { rosterCsv } from '../../support/roster-factory.js';
import { WEB_UPLOAD_MAX_BYTES } from '../../../server/services/uploads/upload-runs.js';
import { runJobs, upload, useTestSecretInWorker } from '../../support/hr-web.js';

const GOOD = [
  { employee_code: 'W001', full_name: 'Nguyễn Văn An', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'W002', full_name: 'Đặng Thị Ánh Nguyệt', agency_code: 'SNV', position: 'Trưởng phòng' },
  { employee_code: 'W003', full_name: 'Âu Dương Phong', agency_code: 'STP', position: 'Chuyên viên' },
];

forEachDb('web: /hr/roster', (getDb) => {
  let snvId: number;
  before(async () => {
    await seedHoabinh(getDb());
    snvId = (await getDb().models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    useTestSecretInWorker();
  });

  it('previews a roster with row and field errors and writes nothing', async () => {
    const db = getDb();
    const hr = await buildUser(db, { role: 'hr' });
    const { agent, csrf } = await loginAgent(testApp(db), hr.username, hr.password);
    const csv = rosterCsv([...GOOD, { employee_code: 'W001', full_name: '', agency_code: 'NOPE', position: 'x' }, { employee_code: 'W009', full_name: 'Lê Văn Bình', agency_code: 'SNV', position: 'x', personal_email: 'not-an-email' }]);
    const up = await upload(agent, '/hr/roster/upload', csrf, 'danh-sách.csv', csv).expect(201);
    expect(up.body.next).to.match(/^\/hr\/roster\/uploads\/[A-Za-z0-9_-]{20,}$/);
    const page = await agent.get(up.body.next).expect(200);
    expect(page.text).to.contain('danh-sách.csv');
    expect(page.text).to.match(/<td>5<\/td><td><code translate="no">employee_code<\/code><\/td>/);
    expect(page.text).to.match(/<td>5<\/td><td><code translate="no">full_name<\/code><\/td>/);
    expect(page.text).to.match(/<td>5<\/td><td><code translate="no">agency_code<\/code><\/td><td>Không có cơ quan nào mã &quot;NOPE&quot;/);
    expect(page.text).to.match(/<td>6<\/td><td><code translate="no">personal_email<\/code><\/td>/);
    expect(page.text).to.contain('Đặng Thị Ánh Nguyệt');
    expect(await db.models.Staff.count()).to.equal(0);
  });

  it('imports after confirm as a job, reports 100% progress, and hands the PDF out exactly once', async () => {
    const db = getDb();
    const hr = await buildUser(db, { role: 'hr' });
    const { agent, csrf } = await loginAgent(testApp(db), hr.username, hr.password);
    const up = await upload(agent, '/hr/roster/upload', csrf, 'roster.csv', rosterCsv(GOOD)).expect(201);
    const preview = await agent.get(up.body.next).expect(200);
    expect(preview.text).to.contain('data-testid="preview-created">3<');
    expect(await db.models.Staff.count()).to.equal(0);

    await agent.post(`${up.body.next}/confirm`).type('form').send({ _csrf: csrf }).expect(303).expect('location', up.body.next);
    // A second confirm (double click) queues nothing more.
    await agent.post(`${up.body.next}/confirm`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await db.models.Job.count({ where: { name: 'upload.import' } })).to.equal(1);
    const before = await agent.get(`${up.body.next}/progress`).set('Accept', 'application/json').expect(200);
    expect(before.body).to.include({ status: 'queued', percent: 0, finished: false });

    expect(await runJobs(db)).to.equal(1);
    const after = await agent.get(`${up.body.next}/progress`).set('Accept', 'application/json').expect(200);
    expect(after.body).to.include({ status: 'done', percent: 100, finished: true });
    expect(await db.models.Mailbox.count({ where: { kind: 'staff' } })).to.equal(3);
    const run = await db.models.UploadRun.findOne({ where: { token: up.body.next.split('/').pop() } });
    expect(run!.content, 'the uploaded file is erased after the import').to.equal(null);
    expect(new Date(run!.expires_at).getTime(), 'the download page lives as long as the passwords').to.be.above(Date.now() + 70 * 3600_000);

    const page = await agent.get(up.body.next).expect(200);
    expect(page.text).to.contain('data-testid="result-created">3<');
    expect(page.text).to.contain('data-testid="download-pdf"');
    const pdf = await agent.post(`${up.body.next}/credentials.pdf`).type('form').send({ _csrf: csrf }).buffer(true)
      .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); })
      .expect(200).expect('content-type', /application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    const again = await agent.post(`${up.body.next}/credentials.xlsx`).type('form').send({ _csrf: csrf }).expect(410);
    expect(again.text).to.contain('data-testid="credentials-taken"');
    const later = await agent.get(up.body.next).expect(200);
    expect(later.text).to.contain('data-testid="credentials-taken"').and.not.contain('data-testid="download-pdf"');
    expect(await db.models.AuditLog.count({ where: { action: 'credentials.take', actor: hr.username } })).to.equal(1);
  });

  it('limits an agency HR officer to rows of their agency', async () => {
    const db = getDb();
    const hr = await buildUser(db, { role: 'hr', agencyId: snvId });
    const { agent, csrf } = await loginAgent(testApp(db), hr.username, hr.password);
    const rows = [{ employee_code: 'S001', full_name: 'Trần Thị Hoa', agency_code: 'SNV', position: 'x' }, { employee_code: 'S002', full_name: 'Phạm Văn Cường', agency_code: 'STC', position: 'x' }];
    const up = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', rosterCsv(rows)).expect(201);
    const page = await agent.get(up.body.next).expect(200);
    expect(page.text).to.match(/<td>3<\/td><td><code translate="no">agency_code<\/code><\/td><td>Cơ quan &quot;STC&quot; nằm ngoài phạm vi của bạn./);
    // Confirmed without skipping invalid rows: nothing is written.
    await agent.post(`${up.body.next}/confirm`).type('form').send({ _csrf: csrf }).expect(303);
    await runJobs(db);
    expect(await db.models.Staff.count({ where: { employee_code: ['S001', 'S002'] } })).to.equal(0);
    const done = await agent.get(up.body.next).expect(200);
    expect(done.text).to.contain('data-testid="run-not-written"');

    // With skip_invalid only the officer's own agency's row is imported.
    const up2 = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', rosterCsv(rows)).expect(201);
    await agent.post(`${up2.body.next}/confirm`).type('form').send({ _csrf: csrf, skip_invalid: '1' }).expect(303);
    await runJobs(db);
    const staff = await db.models.Staff.findAll({ where: { employee_code: ['S001', 'S002'] } });
    expect(staff.map((s) => s.employee_code)).to.deep.equal(['S001']);
  });

  it('refuses a file over the size cap, and explains an unreadable one under the form', async () => {
    const db = getDb();
    const hr = await buildUser(db, { role: 'admin' });
    const { agent, csrf } = await loginAgent(testApp(db), hr.username, hr.password);
    const big = await upload(agent, '/hr/roster/upload', csrf, 'big.csv', Buffer.alloc(WEB_UPLOAD_MAX_BYTES + 1, 0x41)).expect(413);
    expect(big.body.error).to.include({ id: 'hr.upload.too_large', message: 'Tệp quá lớn.' });
    // An unreadable file is refused at the upload (it is parsed once, there), with the reason shown under the form.
    const xls = await upload(agent, '/hr/roster/upload', csrf, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])).expect(422);
    expect(xls.body.error).to.include({ id: 'hr.err.table.xls', status: 422 });
    expect(xls.body.error.message).to.contain('Excel 97–2003');
    // A preview left past its hour cannot be confirmed: upload again.
    const late = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', rosterCsv(GOOD)).expect(201);
    await db.models.UploadRun.update({ expires_at: new Date(Date.now() - 1000) }, { where: { token: late.body.next.split('/').pop() } });
    const refused = await agent.post(`${late.body.next}/confirm`).type('form').send({ _csrf: csrf }).expect(410);
    expect(refused.text).to.contain('hãy tải lên lại');
    expect(await db.models.Job.count({ where: { name: 'upload.import', status: 'queued' } })).to.equal(0);
  });

  it("answers 404 for another user's upload, refuses uploads without CSRF, and keeps agents out", async () => {
    const db = getDb();
    const app = testApp(db);
    const a = await buildUser(db, { role: 'hr' });
    const b = await buildUser(db, { role: 'hr' });
    const agent = await buildUser(db, { role: 'agent' });
    const sa = await loginAgent(app, a.username, a.password);
    const sb = await loginAgent(app, b.username, b.password);
    const up = await upload(sa.agent, '/hr/roster/upload', sa.csrf, 'r.csv', rosterCsv(GOOD)).expect(201);
    await sb.agent.get(up.body.next).expect(404);
    await sb.agent.post(`${up.body.next}/confirm`).type('form').send({ _csrf: sb.csrf }).expect(404);
    const noCsrf = await sa.agent.post('/hr/roster/upload').set('Content-Type', 'application/octet-stream').set('Accept', 'application/json').send(Buffer.from('x')).expect(403);
    expect(noCsrf.body.error.id).to.equal('error.csrf');
    await sa.agent.post(`${up.body.next}/confirm`).type('form').send({}).expect(403);
    const sc = await loginAgent(app, agent.username, agent.password);
    await sc.agent.get('/hr/roster').expect(403);
    expect(csrfOf((await sa.agent.get('/hr/roster').expect(200)).text)).to.equal(sa.csrf);
  });
});
