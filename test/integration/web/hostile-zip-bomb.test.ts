// Hostile review, item 1: a 0.5 MB XLSX that unzips to 500 MB took the web process from 210 MB to 1.8 GB RSS
// and blocked it for about 12 s, and the preview parsed the upload again on every view. Uploads are now read
// once, when they arrive: the zip directory's sizes are checked before any parser sees the file, rows, columns
// and cells are capped, and the parsing runs off the web process's event loop. Measured on the real web process
// (its own OS process, RSS read from /proc), with the bomb generated here.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildUser, loginAgent, TEST_SECRET } from '../../support/web.js';
import { upload } from '../../support/hr-web.js';
import { startWebProcess, watchPeakRss, type WebProcess } from '../../support/web-process.js';
import { MiB, xlsxBomb } from '../../support/zip-bomb.js';
import { rosterCsv } from '../../support/roster-factory.js';
import { seedHoabinh } from '../../support/provisioning-fixtures.js';
import { openSecret } from '../../../server/services/crypto/secret-box.js';
import { uploadTable } from '../../../server/services/uploads/upload-runs.js';
import { parseTable } from '../../../server/services/import/table-reader.js';

const RSS_LIMIT_BYTES = 300 * MiB;

forEachDb('issue 13 item 1: zip bomb and absurd tables in roster and org uploads', (getDb) => {
  let web: WebProcess;
  before(async function () {
    this.timeout(120_000);
    await seedHoabinh(getDb());
    web = await startWebProcess({ databaseUrl: getDb().url, secretKey: TEST_SECRET });
  });
  after(async () => web?.stop());

  async function signIn(role: 'hr' | 'admin') {
    // supertest takes the web process's URL where it would take an in-process app.
    return loginAgent(web.baseUrl as never, await buildUser(getDb(), { role }));
  }

  it('refuses a 0.5 MB roster XLSX that unzips to 500 MB at upload, before parsing it; the web process stays under 300 MB', async () => {
    const { agent, csrf } = await signIn('hr');
    const bomb = xlsxBomb({ sheetMiB: 500 });
    expect(bomb.length).to.be.below(MiB);
    const rss = watchPeakRss(web.rssBytes);
    const res = await upload(agent, '/hr/roster/upload', csrf, 'danh-sách.xlsx', bomb);
    const peak = rss.stop();
    expect(res.status, res.text).to.equal(422);
    expect(res.body.error.message).to.match(/^Tệp giải nén quá lớn: 500 MB, tối đa \d+ MB/);
    expect(peak, `peak RSS ${Math.round(peak / MiB)} MB`).to.be.below(RSS_LIMIT_BYTES);
    expect(await getDb().models.UploadRun.count(), 'nothing is kept of a refused upload').to.equal(0);
  });

  it('refuses the same bomb as an org chart, in English for an English page', async () => {
    const { agent, csrf } = await signIn('admin');
    const rss = watchPeakRss(web.rssBytes);
    const res = await upload(agent, '/admin/agencies/upload?lang=en', csrf, 'co-quan.xlsx', xlsxBomb({ sheetMiB: 500 }));
    const peak = rss.stop();
    expect(res.status, res.text).to.equal(422);
    expect(res.body.error.message).to.match(/unzips to 500 MB, more than the \d+ MB allowed/);
    expect(peak, `peak RSS ${Math.round(peak / MiB)} MB`).to.be.below(RSS_LIMIT_BYTES);
  });

  it('refuses a workbook whose zip directory understates what its sheet inflates to, without inflating it all', async () => {
    const { agent, csrf } = await signIn('hr');
    const liar = xlsxBomb({ sheetMiB: 500, declaredSheetMiB: 1 });
    const rss = watchPeakRss(web.rssBytes);
    const res = await upload(agent, '/hr/roster/upload', csrf, 'danh-sách.xlsx', liar);
    const peak = rss.stop();
    expect(res.status, res.text).to.equal(422);
    expect(res.body.error.message).to.contain('xl/worksheets/sheet1.xml').and.match(/bị hỏng hoặc bị làm giả/);
    expect(peak, `peak RSS ${Math.round(peak / MiB)} MB`).to.be.below(RSS_LIMIT_BYTES);
  });

  it('refuses CSV files with absurd rows, naming the limit and the row', async () => {
    const { agent, csrf } = await signIn('hr');
    const header = 'employee_code,full_name,agency_code,position\n';
    const blankLines = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', header + '\n'.repeat(4 * MiB));
    expect(blankLines.status, blankLines.text).to.equal(422);
    expect(blankLines.body.error.message).to.match(/^Tệp có hơn 50\.000 dòng/);

    const longCell = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', `${header}NV1,${'Nguyễn '.repeat(1_000)},SNV,x\n`);
    expect(longCell.status, longCell.text).to.equal(422);
    expect(longCell.body.error.message).to.match(/^Dòng 2, cột 2: ô dài hơn 1\.000 ký tự/);

    const wide = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', `${Array.from({ length: 200 }, (_, i) => `c${i}`).join(',')}\n`);
    expect(wide.status, wide.text).to.equal(422);
    expect(wide.body.error.message).to.match(/^Dòng 1 có 200 cột, tối đa 50/);
    expect(await getDb().models.UploadRun.count()).to.equal(0);
  });

  it('reads an upload once: the run keeps the parsed table, not the file, and the preview shows it on every view', async () => {
    const { agent, csrf } = await signIn('hr');
    const csv = rosterCsv([{ employee_code: 'Z001', full_name: 'Lê Thị Thu Hà', agency_code: 'SNV', position: 'Chuyên viên' }]);
    const up = await upload(agent, '/hr/roster/upload', csrf, 'r.csv', csv);
    expect(up.status, up.text).to.equal(201);
    const run = await getDb().models.UploadRun.findOne({ where: { token: String(up.body.next).split('/').pop() } });
    const kept = openSecret(run!.content!, TEST_SECRET);
    expect(Buffer.from(kept, 'base64').toString('utf8'), 'the file itself is not kept to be parsed again').not.to.equal(csv);
    expect(uploadTable(run!, TEST_SECRET)).to.deep.equal(await parseTable(Buffer.from(csv)));
    for (let view = 0; view < 2; view++) {
      const page = await agent.get(up.body.next);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('Lê Thị Thu Hà');
    }
  });
});
