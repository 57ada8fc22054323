// Generated Vietnamese rosters for tests and the provisioning benchmark. Deterministic (no randomness), so a
// failing run is reproducible. `collisions` rows deliberately derive the same base address as an earlier row
// of the same agency (a namesake, or a family name with the same initial), so they must get numbers.
import { localPartFromName } from '../../server/services/provisioning/address-pattern.js';

const FAMILIES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Âu Dương', 'Quách', 'Kiều', 'Mai', 'Cao'];
const MIDDLES = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thu', 'Thanh', 'Quốc', 'Ngọc', 'Xuân', 'Hồng', 'Kim', 'Thị Ánh', 'Văn Thành', 'Đình', 'Bảo'];
const GIVENS = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long',
  'Mai', 'Minh', 'Nam', 'Nga', 'Ngọc', 'Nhung', 'Phong', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Tuấn', 'Vân', 'Việt',
  'Yến', 'Nguyệt', 'Đạt', 'Định', 'Đông', 'Ánh', 'Ước', 'Ngân', 'Huệ', 'Lực', 'Thư', 'Chi', 'Duy', 'Khoa', 'Oanh', 'Sương', 'Tùng'];

export interface GeneratedRow {
  employee_code: string;
  full_name: string;
  agency_code: string;
  position: string;
  personal_email: string;
}

/** `count` rows spread over `agencyCodes`; exactly `collisions` of them collide with an earlier base address. */
export function generateRoster(count: number, opts: { agencyCodes: string[]; collisions?: number; codePrefix?: string }): GeneratedRow[] {
  const collisions = opts.collisions ?? 0;
  const unique = count - collisions;
  const seen = opts.agencyCodes.map(() => new Set<string>());
  const rows: GeneratedRow[] = [];
  const row = (i: number, fullName: string, agencyIdx: number): GeneratedRow => ({
    employee_code: `${opts.codePrefix ?? 'NV'}${String(i + 1).padStart(6, '0')}`,
    full_name: fullName,
    agency_code: opts.agencyCodes[agencyIdx]!,
    position: i % 7 === 0 ? 'Trưởng phòng' : 'Chuyên viên',
    personal_email: i % 3 === 0 ? `canbo${i + 1}@example.vn` : '',
  });
  // Walk name combinations in a fixed order, keeping only those whose base address is new in the agency.
  for (let n = 0; rows.length < unique; n++) {
    const name = `${FAMILIES[n % FAMILIES.length]} ${MIDDLES[Math.floor(n / FAMILIES.length) % MIDDLES.length]} ${GIVENS[Math.floor(n / (FAMILIES.length * MIDDLES.length)) % GIVENS.length]}`;
    const agencyIdx = rows.length % opts.agencyCodes.length;
    const base = localPartFromName(name);
    if (/\d$/.test(base) || seen[agencyIdx]!.has(base)) {
      if (n > count * 1000) throw new Error('name space exhausted');
      continue;
    }
    seen[agencyIdx]!.add(base);
    rows.push(row(rows.length, name, agencyIdx));
  }
  for (let c = 0; c < collisions; c++) {
    const earlier = rows[(c * 7) % unique]!;
    // Every other one is an exact namesake; the rest differ in the middle name's tone marks only.
    const name = c % 2 === 0 ? earlier.full_name : earlier.full_name.replace('Văn', 'Vân').replace('Thị', 'Thì');
    rows.push({ ...row(rows.length, name, opts.agencyCodes.indexOf(earlier.agency_code)) });
  }
  return rows;
}

export function rosterCsv(rows: readonly Partial<GeneratedRow & { status: string }>[], columns = ['employee_code', 'full_name', 'agency_code', 'position', 'personal_email']): string {
  const cell = (v: string | undefined): string => (v ?? '').includes(',') || (v ?? '').includes('"') ? `"${(v ?? '').replace(/"/g, '""')}"` : v ?? '';
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell((r as Record<string, string>)[c])).join(','))].join('\n') + '\n';
}
