import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent } from '../../support/web.js';
import { seedMetricsDataset } from '../metrics/metrics-dataset.js';
import type { AgencyAttrs } from '../../../server/db/models/foundation.js';

const MARCH = 'from=2026-03-01&to=2026-03-31';

forEachDb('web /metrics', (getDb) => {
  let syt: AgencyAttrs;
  let sxd: AgencyAttrs;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    ({ syt, sxd } = await seedMetricsDataset(getDb()));
    app = testApp(getDb());
  });
  const as = async (role: 'leader' | 'supervisor' | 'admin' | 'agent' | 'hr', agencyId: number | null) => {
    const { username, password } = await buildUser(getDb(), { role, agencyId });
    return (await loginAgent(app, username, password)).agent;
  };

  it('shows a province-wide admin every agency, with the table, three SVG charts and export links', async () => {
    const agent = await as('admin', null);
    const page = await agent.get(`/metrics?${MARCH}`).expect(200);
    expect(page.text).to.contain('data-agency="SYT"').and.contain('data-agency="SXD"');
    expect(page.text).to.match(/data-agency="SYT">.*?data-col="received">4</s);
    for (const id of ['metrics-outcomes-chart', 'metrics-trend-chart', 'metrics-first-response-chart']) expect(page.text).to.contain(`data-testid="${id}"`);
    expect(page.text).to.contain(`href="/metrics/export.csv?from=2026-03-01&amp;to=2026-03-31&amp;agency="`);
    expect(page.text).to.contain('href="/metrics"'); // the nav entry
  });

  it('defines every column under the table and says how they add up, which holds row by row (issue 15 item 6)', async () => {
    const agent = await as('admin', null);
    const page = (await agent.get(`/metrics?${MARCH}`).expect(200)).text.replaceAll('&#x3D;', '=');
    const legend = page.slice(page.indexOf('data-testid="metrics-legend"'));
    for (const key of ['received', 'on_time', 'late', 'open', 'overdue_open', 'referred', 'on_time_pct', 'fr', 'res']) {
      expect(legend).to.match(new RegExp(`data-def="${key}">[^<]{20,}<`), key);
    }
    expect(legend).to.contain('Tiếp nhận = Đúng hạn + Trễ hạn + Đang xử lý + Đã chuyển − Quá hạn chưa xử lý');
    const table = page.slice(page.indexOf('data-testid="metrics-table"'), page.indexOf('data-testid="percentile-note"'));
    const rows = [...table.matchAll(/<tr data-agency="(\w+)">(.*?)<\/tr>/gs)];
    expect(rows.length).to.be.greaterThan(1);
    for (const [, code, row] of rows) {
      const n = (col: string) => Number(new RegExp(`data-col="${col}">([\\d.]+)<`).exec(row!)![1]!.replace(/\./g, ''));
      expect(n('on_time') + n('late') + n('open') + n('referred') - n('overdue_open'), code).to.equal(n('received'));
    }
    // readable charts: gridlines with tick labels under the bars; printable without the filters and buttons
    expect(page).to.match(/data-testid="metrics-outcomes-chart"[\s\S]*?class="grid"[\s\S]*?class="tick small">0</);
    const css = (await agent.get('/static/metrics.css').expect(200)).text;
    expect(css).to.match(/@media print \{[^}]*metrics-exports[^}]*metrics-filters/);
  });

  it('shows a leader of agency A only agency A, and refuses agency B by filter or export', async () => {
    const agent = await as('leader', syt.id);
    const page = await agent.get(`/metrics?${MARCH}`).expect(200);
    expect(page.text).to.contain('data-agency="SYT"');
    expect(page.text).to.not.contain('data-agency="SXD"');
    expect(page.text).to.not.contain('Sở Xây dựng');
    await agent.get(`/metrics?${MARCH}&agency=SXD`).expect(403);
    await agent.get(`/metrics/export.csv?${MARCH}&agency=SXD`).expect(403);
    const csv = await agent.get(`/metrics/export.csv?${MARCH}`).expect(200).expect('content-type', /text\/csv/);
    const refs = csv.text.trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[1]);
    expect(refs).to.have.length(4);
    expect(new Set(refs)).to.deep.equal(new Set(['SYT']));
  });

  it('streams the XLSX export to a supervisor of agency B with only agency B', async () => {
    const agent = await as('supervisor', sxd.id);
    const res = await agent.get(`/metrics/export.xlsx?${MARCH}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer); // exceljs types its Buffer as an ArrayBuffer; a Node Buffer is what it reads
    const agencies = book.getWorksheet('Hồ sơ')!.getSheetValues().slice(2).map((row) => (row as unknown[])[2]);
    expect(agencies).to.deep.equal(['SXD', 'SXD']);
  });

  it('exports for people (issue 15 item 6): a CSV with a BOM and Vietnamese words, an XLSX with dates, widths and a frozen header', async () => {
    const agent = await as('admin', null);
    const csv = await agent.get(`/metrics/export.csv?${MARCH}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    const [header, ...lines] = text.slice(1).trimEnd().split('\r\n');
    expect(header).to.equal('Mã hồ sơ,Cơ quan,Lĩnh vực,Thời điểm tiếp nhận,Hạn giải quyết,Phản hồi đầu tiên,Thời điểm giải quyết,Giờ làm việc đến phản hồi đầu,Giờ làm việc đến giải quyết,Kết quả');
    expect(lines.length).to.be.greaterThan(0);
    expect(text).not.to.match(/,(on_time|late|open_in_time|open_overdue|referred)\r\n/);
    expect(text).not.to.match(/,(moi_truong|y_te|giao_thong|xay_dung_do_thi|khac),/);
    expect(text).to.match(/Giải quyết đúng hạn|Giải quyết trễ hạn|Đang xử lý, còn hạn|Đang xử lý, quá hạn|Đã chuyển cơ quan khác/);

    const res = await agent.get(`/metrics/export.xlsx?${MARCH}&lang=en`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tickets')!;
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).to.equal('Case ref');
    expect(sheet.getRow(1).font?.bold ?? sheet.getRow(1).getCell(1).font?.bold).to.equal(true);
    expect(sheet.getColumn(3).width).to.be.greaterThan(20);
    const received = sheet.getRow(2).getCell(4);
    expect(received.value).to.be.instanceOf(Date);
    expect(received.numFmt).to.equal('dd/mm/yyyy hh:mm');
    // the province's wall clock: a ticket received at 09:15 in Hòa Bình reads 09:15 in Excel, whatever Excel's zone
    const ticket = (await getDb().models.Ticket.findOne({ where: { ref: String(sheet.getRow(2).getCell(1).value) } }))!;
    expect(Math.abs((received.value as Date).getTime() - (ticket.received_at.getTime() + 7 * 3_600_000))).to.be.below(1000);
    const summary = book.getWorksheet('By agency')!;
    expect(summary.getRow(1).getCell(2).value).to.equal('Agency name');
    expect(summary.views[0]).to.include({ state: 'frozen', ySplit: 1 });
  });

  it('shows a leader the dashboard of their scope: tiles, breach reasons, backlog aging, trends, classes, hotline health, coverage', async () => {
    const agent = await as('leader', syt.id);
    const page = await agent.get(`/metrics?${MARCH}`).expect(200);
    for (const id of ['metrics-tiles', 'metrics-breach', 'metrics-aging', 'metrics-monthly-chart', 'metrics-classes', 'metrics-hotlines', 'metrics-coverage', 'percentile-note']) {
      expect(page.text, id).to.contain(`data-testid="${id}"`);
    }
    // SYT in March, as of now: T1 and T4 (closed 26/3) on time, T2 resolved late and T3 open past due: 2 of 4
    expect(page.text).to.match(/data-testid="tile-breach">50%</);
    expect(page.text).to.match(/data-reason="resolved_late"><td>[^<]+<\/td><td class="num">1</);
    expect(page.text).to.match(/data-reason="overdue_open"><td>[^<]+<\/td><td class="num">1</);
    expect(page.text).to.contain('data-testid="hotlines-not-set-up"'); // SYT has no hotline inbox: counted, not listed
    expect(page.text).to.not.contain('data-agency="SXD"');
  });

  it('refuses agents and HR officers', async () => {
    await (await as('agent', syt.id)).get('/metrics').set('Accept', 'application/json').expect(403);
    await (await as('hr', null)).get('/metrics').set('Accept', 'application/json').expect(403);
  });

  it('reads a period typed day/month/year and shows it that way', async () => {
    const page = await (await as('admin', null)).get('/metrics?from=1/3/2026&to=31/03/2026').expect(200);
    expect(page.text).to.contain('id="f-from"').and.contain('value="01/03/2026"').and.contain('value="31/03/2026"');
    expect(page.text).to.contain('href="/metrics/export.csv?from=2026-03-01&amp;to=2026-03-31');
  });

  it('answers 400, not 500, to a malformed date or an unknown agency', async () => {
    const agent = await as('admin', null);
    const typo = await agent.get('/metrics?from=yesterday').expect(400);
    // the page still shows, with the text typed kept and the error next to the field (dates are typed day/month/year)
    expect(typo.text).to.match(/id="f-from-error">[\s\S]*Nhập ngày theo dạng ngày\/tháng\/năm/).and.contain('value="yesterday"');
    await agent.get('/metrics/export.csv?from=31/02/2026').expect(400);
    await agent.get(`/metrics?${MARCH}&agency=NOPE`).expect(400);
    await agent.get('/metrics?from=2026-03-31&to=2026-03-01').expect(400);
  });
});
