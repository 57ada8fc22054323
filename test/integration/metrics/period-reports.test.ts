// The periodic reports (issue 16 item 3) on the figure-by-figure history (rollup-history.ts): the report's figures
// are the dashboard's for the same period and scope, the PDF keeps Vietnamese tone marks (pdftotext), the XLSX
// header is Vietnamese, and the schedule queues one mail per (period, scope, leader), however often it runs,
// which reaches a real SMTP peer with both files attached.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { forEachDb } from '../../support/databases.js';
import { buildUser } from '../../support/web.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { dashboard, type GroupMetrics } from '../../../server/services/metrics/index.js';
import { buildPeriodReport, enqueuePeriodReports, parseReportPeriod, renderReport } from '../../../server/services/reports/index.js';
import { flushOutbox } from '../../../server/services/outbox/index.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { seedRollupHistory } from './rollup-history.js';

const province = { role: 'leader' as const, agencyId: null };
const FIGURES = ['received', 'on_time', 'late', 'open', 'overdue_open', 'referred', 'resolved_late', 'open_in_time'] as const;
const figuresOf = (m: GroupMetrics) => FIGURES.map((k) => m[k]);

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

forEachDb('periodic reports', (getDb) => {
  let snvId: number;
  let smtp: SmtpCapture;
  before(async () => {
    const { snv } = await seedRollupHistory(getDb());
    snvId = snv.id;
    smtp = await startSmtpCapture();
  });
  after(async () => smtp?.stop());

  it('gives the dashboard\'s figures for the quarter, per agency, category and in total, province-wide and for one agency\'s leader', async () => {
    const q2 = parseReportPeriod('2026-Q2');
    expect([q2.first, q2.last]).to.deep.equal(['2026-04-01', '2026-06-30']);
    const d = await dashboard(getDb(), province, { from: new Date('2026-03-31T17:00:00Z'), to: new Date('2026-06-30T17:00:00Z') });
    const r = await buildPeriodReport(getDb(), province, q2);
    expect(r.agency).to.equal(null);
    expect(r.agencies.map((a) => [a.code, ...figuresOf(a)])).to.deep.equal(d.agencies.map((a) => [a.agency, ...figuresOf(a)]));
    expect(r.categories.map((c) => [c.category, ...figuresOf(c)])).to.deep.equal(d.categories.map((c) => [c.category, ...figuresOf(c)]));
    expect(figuresOf(r.total)).to.deep.equal(figuresOf(d.total));
    expect(r.total.received).to.be.greaterThan(0);

    const leader = { role: 'leader' as const, agencyId: snvId };
    const own = await buildPeriodReport(getDb(), leader, q2);
    const ownDash = await dashboard(getDb(), leader, { from: new Date('2026-03-31T17:00:00Z'), to: new Date('2026-06-30T17:00:00Z') });
    expect(own.agency).to.deep.equal({ code: 'SNV', name: 'Sở Nội vụ' });
    expect(own.agencies.map((a) => a.code)).to.deep.equal(['SNV']);
    expect(figuresOf(own.total)).to.deep.equal(figuresOf(ownDash.total));
  });

  it('writes a PDF whose text keeps the Vietnamese tone marks: title, period, agency names and column heads', async () => {
    const r = await buildPeriodReport(getDb(), province, parseReportPeriod('2026-Q2'));
    const file = await renderReport(r, 'pdf');
    expect(file.filename).to.equal('bao-cao-2026-Q2-toan-tinh.pdf');
    expect(file.content.subarray(0, 5).toString()).to.equal('%PDF-');
    const text = pdfText(file.content);
    for (const words of ['TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ', 'Quý II năm 2026', 'Toàn tỉnh', 'Sở Nội vụ', 'Sở Tư pháp', 'Tiếp nhận', 'Đúng hạn', 'Trễ hạn', 'Đang xử lý', 'Tổng cộng']) {
      expect(text).to.contain(words);
    }
  });

  it('writes an XLSX whose header row is Vietnamese and whose rows carry the report\'s figures', async () => {
    const r = await buildPeriodReport(getDb(), province, parseReportPeriod('2026-04'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReport(r, 'xlsx')).content as never);
    expect(book.worksheets.map((s) => s.name)).to.deep.equal(['Theo cơ quan', 'Theo lĩnh vực', 'Thông tin']);
    const sheet = book.getWorksheet('Theo cơ quan')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).to.deep.equal(['Cơ quan', 'Tiếp nhận', 'Đúng hạn', 'Trễ hạn', 'Đang xử lý', 'Đã chuyển', 'Tỷ lệ trễ hạn (%)', 'Xếp hạng']);
    const snv = r.agencies.find((a) => a.code === 'SNV')!;
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).to.deep.equal(['Sở Nội vụ', snv.received, snv.on_time, snv.late, snv.open, snv.referred]);
    expect((sheet.getRow(sheet.rowCount).values as unknown[])[1]).to.equal('Tổng cộng');
  });

  it('queues one mail per period, scope and leader however often (and however many at once) it runs, and the mail reaches SMTP with both files', async () => {
    const db = getDb();
    await buildUser(db, { username: 'lanhdao.snv@snv.example.vn', role: 'leader', agencyId: snvId, displayName: 'Nguyễn Văn Lãnh' });
    await buildUser(db, { username: 'chutich@tinh.example.vn', role: 'leader', agencyId: null, displayName: 'Trần Thị Chủ' });
    await buildUser(db, { username: 'canbo@snv.example.vn', role: 'agent', agencyId: snvId });
    const now = new Date('2026-07-01T08:00:00+07:00'); // June, Q2 and H1 have just ended
    const first = await enqueuePeriodReports(db, { now, from: 'no-reply@tinh.example.vn' });
    expect(first).to.deep.equal({ enqueued: 6, reports: 6 });
    const again = await Promise.all([enqueuePeriodReports(db, { now, from: 'no-reply@tinh.example.vn' }), enqueuePeriodReports(db, { now: new Date('2026-07-20T10:00:00+07:00'), from: 'no-reply@tinh.example.vn' })]);
    expect(again.map((a) => a.enqueued)).to.deep.equal([0, 0]);
    const rows = await db.models.Outbox.findAll({ where: { kind: 'report' }, order: [['idempotency_key', 'ASC']], raw: true });
    expect(rows.filter((r) => r.to_address === 'canbo@snv.example.vn')).to.have.length(0); // agents get none
    expect(rows.map((r) => r.idempotency_key.split(':').slice(0, 3).join(':')).sort()).to.deep.equal([
      '2026-06', '2026-H1', '2026-Q2',
    ].flatMap((p) => [`report:${p}:a${snvId}`, `report:${p}:province`]).sort());

    const transport = createMailTransport(smtp.url);
    try {
      expect((await flushOutbox(db, transport)).sent).to.equal(6);
    } finally {
      transport.close();
    }
    const mails = await Promise.all(smtp.messages.map((m) => simpleParser(m.raw)));
    const june = mails.find((m) => m.subject === 'Báo cáo xử lý phản ánh, kiến nghị: Tháng 6/2026 — Sở Nội vụ')!;
    expect(june, mails.map((m) => m.subject).join('\n')).to.not.equal(undefined);
    expect(june.text).to.contain('Kính gửi Nguyễn Văn Lãnh');
    expect(june.attachments.map((a) => [a.filename, a.contentType])).to.deep.equal([
      [`bao-cao-2026-06-SNV.pdf`, 'application/pdf'], [`bao-cao-2026-06-SNV.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(pdfText(june.attachments[0]!.content)).to.contain('Tháng 6/2026');
    const h1 = mails.find((m) => m.subject === 'Báo cáo xử lý phản ánh, kiến nghị: 6 tháng đầu năm 2026 — Toàn tỉnh')!;
    expect(smtp.messages[mails.indexOf(h1)]!.envelope.to).to.deep.equal(['chutich@tinh.example.vn']);
    expect(pdfText(h1.attachments[0]!.content)).to.contain('Sở Tư pháp');
  });
});
