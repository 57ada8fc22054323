// Why an uploaded roster or org file cannot be read (services/import, TableReadError ids as `hr.err.table.<id>`).
// Each names the limit, so HR knows what to change in the file.
import type { AreaCatalogue } from '../index.js';

export const tableFilesCatalogue: AreaCatalogue = {
  vi: {
    'hr.err.table.too_large': 'Tệp quá lớn: tối đa {limit} MB.',
    'hr.err.table.xls': 'Đây là tệp Excel 97–2003 (.xls). Hãy lưu lại thành .xlsx hoặc CSV UTF-8 rồi tải lên lại.',
    'hr.err.table.not_xlsx': 'Tệp {name} có đuôi Excel nhưng không phải là bảng tính Excel.',
    'hr.err.table.xlsx_unreadable': 'Không đọc được bảng tính Excel ({detail}). Hãy mở bằng Excel, lưu lại rồi tải lên lại.',
    'hr.err.table.csv_syntax': 'Dòng {row}: tệp CSV sai cú pháp ({detail}).',
    'hr.err.table.zip_broken': 'Tệp Excel bị hỏng ({detail}).',
    'hr.err.table.zip_entries': 'Tệp Excel chứa {count} phần, tối đa {limit}. Hãy lưu lại bảng tính chỉ với danh sách.',
    'hr.err.table.zip_method': 'Phần {name} của tệp Excel được nén hoặc mã hóa theo cách không hỗ trợ. Hãy lưu lại bằng Excel (không đặt mật khẩu).',
    'hr.err.table.unzipped_too_large': 'Tệp giải nén quá lớn: {size} MB, tối đa {limit} MB. Hãy chia danh sách thành nhiều tệp hoặc lưu thành CSV.',
    'hr.err.table.zip_mismatch': 'Tệp Excel bị hỏng hoặc bị làm giả: phần {name} giải nén ra khác với kích thước ghi trong tệp.',
    'hr.err.table.too_many_rows': 'Tệp có hơn {limit} dòng. Hãy chia danh sách thành nhiều tệp.',
    'hr.err.table.too_many_columns': 'Dòng {row} có {count} cột, tối đa {limit}.',
    'hr.err.table.cell_too_long': 'Dòng {row}, cột {column}: ô dài hơn {limit} ký tự.',
    'hr.err.table.nul': 'Dòng {row}, cột {field}: ô có ký tự NUL (thường do tệp bị hỏng hoặc xuất sai); hãy xóa ký tự này rồi tải lên lại.',
    'hr.err.table.row_too_long': 'Dòng {row} dài hơn {limit} ký tự.',
    'hr.err.table.parse_timeout': 'Đọc tệp mất hơn {seconds} giây nên đã dừng. Hãy chia danh sách thành nhiều tệp.',
    'hr.err.table.parse_memory': 'Tệp cần hơn {limit} MB bộ nhớ để đọc nên đã dừng. Hãy chia danh sách hoặc lưu thành CSV.',
  },
  en: {
    'hr.err.table.too_large': 'The file is too large: at most {limit} MB.',
    'hr.err.table.xls': 'This is an Excel 97–2003 (.xls) file. Save it as .xlsx or CSV UTF-8 and upload it again.',
    'hr.err.table.not_xlsx': '{name} is named as an Excel file but is not an Excel workbook.',
    'hr.err.table.xlsx_unreadable': 'The Excel workbook cannot be read ({detail}). Open it in Excel, save it and upload it again.',
    'hr.err.table.csv_syntax': 'Row {row}: the CSV file is malformed ({detail}).',
    'hr.err.table.zip_broken': 'The Excel file is damaged ({detail}).',
    'hr.err.table.zip_entries': 'The Excel file holds {count} parts, at most {limit}. Save a workbook with the list only.',
    'hr.err.table.zip_method': 'Part {name} of the Excel file is compressed or encrypted in an unsupported way. Save it again from Excel (without a password).',
    'hr.err.table.unzipped_too_large': 'The file unzips to {size} MB, more than the {limit} MB allowed. Split the list into several files or save it as CSV.',
    'hr.err.table.zip_mismatch': 'The Excel file is damaged or crafted: part {name} does not unzip to the size the file states.',
    'hr.err.table.too_many_rows': 'The file has more than {limit} rows. Split the list into several files.',
    'hr.err.table.too_many_columns': 'Row {row} has {count} columns, at most {limit}.',
    'hr.err.table.cell_too_long': 'Row {row}, column {column}: a cell is longer than {limit} characters.',
    'hr.err.table.nul': 'Row {row}, column {field}: the cell holds a NUL character (usually a damaged or mis-exported file); remove it and upload again.',
    'hr.err.table.row_too_long': 'Row {row} is longer than {limit} characters.',
    'hr.err.table.parse_timeout': 'Reading the file took more than {seconds} seconds and was stopped. Split the list into several files.',
    'hr.err.table.parse_memory': 'The file needs more than {limit} MB of memory to read and was stopped. Split the list or save it as CSV.',
  },
};
