// The case's transcript as a PDF for inspectors and courts: the case facts, then every mail in and out in time
// order with its text, then the events. Vietnamese letters through services/pdf's embedded font.
import PDFDocument from 'pdfkit';
import { pdfBytes, registerVietnameseFonts } from '../pdf/index.js';
import { toLocalIso } from '../time/index.js';
import type { CaseRecord } from './case-record.js';

const MARGIN = 48;
const at = (d: Date) => toLocalIso(d).replace('T', ' ').slice(0, 16);

export async function transcriptPdf(record: CaseRecord, exportedBy: string, now: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Hồ sơ ${record.ticket.ref}`, Author: 'govmail' } });
  registerVietnameseFonts(doc);
  const bytes = pdfBytes(doc);
  const { ticket } = record;
  doc.font('bold').fontSize(15).text(`Hồ sơ ${ticket.ref}`);
  doc.font('body').fontSize(10).moveDown(0.3)
    .text(`Cơ quan: ${record.agency.name} (${record.agency.code})`)
    .text(`Tiêu đề: ${ticket.subject}`)
    .text(`Công dân: ${ticket.citizen_name ?? ''} <${ticket.citizen_address}>`)
    .text(`Nhận lúc: ${at(ticket.received_at)} · Hạn giải quyết: ${ticket.due_at ? at(ticket.due_at) : '—'} · Trạng thái: ${ticket.status}`)
    .text(`Trích xuất lúc ${at(now)} bởi ${exportedBy}`);
  doc.moveDown();
  doc.font('bold').fontSize(12).text(`Thư đến và thư đi (${record.mails.length})`);
  for (const m of record.mails) {
    doc.moveDown(0.6).font('bold').fontSize(10)
      .text(`${m.direction === 'in' ? 'Thư đến' : 'Thư đi'} · ${at(m.at)}${m.state && m.direction === 'out' ? ` · ${m.state}` : ''}`);
    doc.font('body').fontSize(9).text(`Từ: ${m.from}${m.to ? ` · Đến: ${m.to}` : ''}`).text(`Tiêu đề: ${m.subject}`);
    doc.moveDown(0.2).fontSize(9.5).text(m.text.trim() || '(không có nội dung văn bản)');
  }
  doc.moveDown().font('bold').fontSize(12).text(`Diễn biến (${record.events.length})`);
  doc.font('body').fontSize(9);
  for (const e of record.events) doc.text(`${at(e.at)}  ${e.kind}${e.details ? `  ${e.details.slice(0, 300)}` : ''}`);
  doc.end();
  return bytes;
}
