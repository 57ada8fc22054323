/**
 * The credential sheet HR prints: one A4 page per person, with name, agency, address and initial password.
 * The Vietnamese font is embedded by services/pdf, the one font path of every PDF. Returns the
 * bytes: the caller writes or streams them.
 */
import { pdfBytes, registerVietnameseFonts } from '../pdf/index.js';
import type { Credential } from './credentials-store.js';

export interface SheetOptions {
  /** e.g. https://mail.hoabinh.gov.vn — where the first login (forced password change) happens */
  loginUrl?: string;
  issuedAt?: Date;
  fontFile?: string;
}

export async function credentialsPdf(items: readonly Credential[], opts: SheetOptions = {}): Promise<Buffer> {
  // Loaded on first use: it is a large part of a CLI command's start-up, and most commands never write a sheet.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: false, info: { Title: 'Thông tin tài khoản thư điện tử công vụ' } });
  registerVietnameseFonts(doc, opts.fontFile);
  const done = pdfBytes(doc);
  const issued = (opts.issuedAt ?? new Date()).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  for (const c of items) {
    doc.addPage();
    doc.font('bold').fontSize(16).text('THÔNG TIN TÀI KHOẢN THƯ ĐIỆN TỬ CÔNG VỤ', { align: 'center' });
    doc.moveDown(0.3).font('body').fontSize(10).text(`Ngày cấp: ${issued} · MẬT — chỉ giao tận tay người nhận`, { align: 'center' });
    doc.moveDown(2).fontSize(13);
    const line = (label: string, value: string, bold = false): void => {
      doc.font('body').text(`${label}: `, { continued: true }).font(bold ? 'bold' : 'body').text(value);
      doc.moveDown(0.6);
    };
    line('Họ và tên', c.fullName, true);
    line('Mã cán bộ', c.employeeCode);
    line('Cơ quan', c.agencyName);
    line('Địa chỉ thư', c.address, true);
    line('Mật khẩu ban đầu', c.password, true);
    doc.moveDown(1).font('body').fontSize(11).text(
      'Khi đăng nhập lần đầu' + (opts.loginUrl ? ` tại ${opts.loginUrl}` : '') +
        ', hệ thống sẽ yêu cầu đổi mật khẩu. Không chia sẻ mật khẩu cho người khác; bộ phận tổ chức cán bộ không lưu lại mật khẩu này.',
    );
  }
  if (items.length === 0) doc.addPage().font('body').text('Không có tài khoản mới.');
  doc.end();
  return done;
}
