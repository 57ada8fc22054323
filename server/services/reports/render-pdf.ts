// The report as an A4 PDF with Vietnamese letters (services/pdf embeds the font): a title, the period and scope,
// then the per-agency and per-category tables. Rows wrap long agency names; a table continues on the next page
// with its header repeated.
import PDFDocument from 'pdfkit';
import type { Locale } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import { pdfBytes, registerVietnameseFonts } from '../pdf/index.js';
import type { PeriodReport } from './content.js';
import { asOfText, dayText, periodLabel, reportTables, scopeLabel, type Cell, type ReportTable } from './tables.js';

const MARGIN = 40;
const LABEL_WIDTH = 170;
const CELL_PAD = 3;
const FONT_SIZE = 8.5;

type Doc = InstanceType<typeof PDFDocument>;

const show = (c: Cell, locale: Locale) => (c === null ? '–' : typeof c === 'number' ? c.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB') : c);

function drawTable(doc: Doc, table: ReportTable, locale: Locale): void {
  const width = doc.page.width - 2 * MARGIN;
  const rest = (width - LABEL_WIDTH) / (table.headers.length - 1);
  const widths = table.headers.map((_, i) => (i === 0 ? LABEL_WIDTH : rest));
  const bottom = () => doc.page.height - MARGIN;
  const row = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(FONT_SIZE);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (font === 'body') row(table.headers, 'bold');
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).stroke('#888888');
      doc.fillColor('#000000').text(c, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  doc.moveDown(0.8).font('bold').fontSize(11).text(table.title, MARGIN);
  doc.moveDown(0.3);
  row(table.headers, 'bold');
  for (const r of table.rows) row(r.map((c) => show(c, locale)), 'body');
  row(table.total.map((c) => (c === null ? '' : show(c, locale))), 'bold');
}

export function reportPdf(r: PeriodReport, locale: Locale = 'vi'): Promise<Buffer> {
  const title = t(locale, 'reports.title');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${title} — ${periodLabel(r.period, locale)}` } });
  registerVietnameseFonts(doc);
  const done = pdfBytes(doc);
  doc.font('bold').fontSize(13).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(11).text(`${periodLabel(r.period, locale)} — ${scopeLabel(r, locale)}`, { align: 'center' });
  doc.font('body').fontSize(9)
    .text(t(locale, 'reports.period.range', { first: dayText(r.period.first, locale), last: dayText(r.period.last, locale) }), { align: 'center' })
    .text(t(locale, 'reports.as_of', { at: asOfText(r, locale) }), { align: 'center' });
  const tables = reportTables(r, locale);
  drawTable(doc, tables.agencies, locale);
  drawTable(doc, tables.categories, locale);
  doc.moveDown(1).font('body').fontSize(8).text(t(locale, 'reports.note'), MARGIN);
  doc.end();
  return done;
}
