// /metrics "Báo cáo định kỳ" (issue 16 item 3): the page links the last month, quarter and half-year as PDF and
// XLSX, with a form for a chosen period; a download is the dashboard of the signed-in leader's scope for that
// period (the service decides the scope), another agency is refused, and a bad period is a 400.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent } from '../../support/web.js';
import { seedMetricsDataset } from '../metrics/metrics-dataset.js';
import { dashboard, parseBound } from '../../../server/services/metrics/index.js';
import type { AgencyAttrs } from '../../../server/db/models/foundation.js';

const binary = (r: import('superagent').Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => done(null, Buffer.concat(chunks)));
};

forEachDb('web /metrics reports', (getDb) => {
  let syt: AgencyAttrs;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    ({ syt } = await seedMetricsDataset(getDb()));
    app = testApp(getDb());
  });
  const as = async (role: 'leader' | 'admin', agencyId: number | null) => {
    const { username, password } = await buildUser(getDb(), { role, agencyId });
    return (await loginAgent(app, username, password)).agent;
  };

  it('links the last finished month, quarter and half-year as PDF and XLSX, and offers a form for a chosen period', async () => {
    const page = await (await as('leader', syt.id)).get('/metrics').expect(200);
    expect(page.text).to.contain('Báo cáo định kỳ');
    for (const kind of ['month', 'quarter', 'half']) {
      expect(page.text).to.match(new RegExp(`href="/metrics/report\\.pdf\\?period=[0-9A-Z-]+" data-testid="report-${kind}-pdf"`));
      expect(page.text).to.contain(`data-testid="report-${kind}-xlsx"`);
    }
    expect(page.text).to.contain('Báo cáo tháng').and.contain('Báo cáo quý').and.contain('Báo cáo 6 tháng');
    expect(page.text).to.contain('formaction="/metrics/report.xlsx"').and.contain('<optgroup label="Báo cáo quý">');
  });

  it('gives a leader of one agency that agency\'s monthly XLSX, with the dashboard\'s figures, and refuses another agency', async () => {
    const agent = await as('leader', syt.id);
    const res = await agent.get('/metrics/report.xlsx?period=2026-03').buffer(true).parse(binary).expect(200)
      .expect('content-type', /spreadsheetml/).expect('content-disposition', /bao-cao-2026-03-SYT\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const rows = book.getWorksheet('Theo cơ quan')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 7));
    const d = await dashboard(getDb(), { role: 'leader', agencyId: syt.id }, { from: parseBound('2026-03-01', 'from'), to: parseBound('2026-03-31', 'to') });
    const m = d.agencies[0]!;
    expect(rows.map((r) => r[0])).to.deep.equal(['Cơ quan', 'Sở Y tế', 'Tổng cộng']);
    expect(rows[1]).to.deep.equal(['Sở Y tế', m.received, m.on_time, m.late, m.open, m.referred]);
    await agent.get('/metrics/report.pdf?period=2026-03&agency=SXD').expect(403);
    await agent.get('/metrics/report.pdf?period=2026-13').expect(400);
  });

  it('gives a province-wide admin the quarter\'s PDF of every agency, in Vietnamese', async () => {
    const res = await (await as('admin', null)).get('/metrics/report.pdf?period=2026-Q1').buffer(true).parse(binary).expect(200)
      .expect('content-type', 'application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'web-report-')), 'q1.pdf');
    fs.writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).to.contain('Quý I năm 2026').and.contain('Sở Y tế').and.contain('Sở Xây dựng').and.contain('Toàn tỉnh');
  });
});
