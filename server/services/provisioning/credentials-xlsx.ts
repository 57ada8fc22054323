// The same credentials as a spreadsheet (for mail merge or a bulk hand-out); one row per person.
import type { Credential } from './credentials-store.js';

export const CREDENTIALS_XLSX_HEADERS = ['Mã cán bộ', 'Họ và tên', 'Cơ quan', 'Địa chỉ thư', 'Mật khẩu ban đầu'];

export async function credentialsXlsx(items: readonly Credential[]): Promise<Buffer> {
  // Loaded on first use: it is a large part of a CLI command's start-up, and most commands never write a sheet.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govmail';
  const ws = wb.addWorksheet('Tài khoản');
  ws.columns = CREDENTIALS_XLSX_HEADERS.map((header, i) => ({ header, width: [14, 30, 40, 36, 24][i] }));
  ws.getRow(1).font = { bold: true };
  for (const c of items) ws.addRow([c.employeeCode, c.fullName, c.agencyName, c.address, c.password]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
