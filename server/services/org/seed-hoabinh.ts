// The demo province as data: Hòa Bình as organised in 2016 (GSO province code 17).
//
// Historical on purpose. Hòa Bình merged into Phú Thọ on 1/7/2025 (NQ 202/2025/QH15), the district level was
// abolished the same day, and NĐ 45/2025/NĐ-CP merged the sở. The seed is one consistent snapshot, so the same
// loader can later take a "Phú Thọ 2025+" file (see /work/shared/research/vietnam.md §0).
//
// Departments (21 "sở, ban, ngành"): the 17 common bodies of Nghị định 24/2014/NĐ-CP (vietnam.md §3.5), plus
// Ban Dân tộc (special body for provinces with many ethnic minorities, as Hòa Bình), Ban Quản lý các khu
// công nghiệp, and two "ngành" every provincial portal lists and a hotline refers cases to: Công an tỉnh
// (public order) and Đài Phát thanh và Truyền hình. The last four are a plausible choice, not a sourced list.
// Post-2025 names (Sở Nông nghiệp và Môi trường…) are deliberately absent: they never coexisted with districts.
//
// Districts (11 units): TP Hòa Bình + 10 huyện as in 2016, including Kỳ Sơn, which was later folded into
// TP Hòa Bình (the 2021–2025 GSO list has 10 units and a gap at code 151). GSO district codes are in comments.
//
// Addresses follow vietnam.md §3.1–3.2: province domain hoabinh.gov.vn; 4th-level domain per agency from its
// Vietnamese initials (stc, snv…) or, for a district, its name without diacritics, the provincial city
// prefixed "tp" (Bắc Ninh QĐ 06/2022). The hotline local part "duongdaynong" (đường dây nóng) is our choice [U].

import type { AgencyKind, AgencySeed } from './agency.js';

export type { AgencyKind, AgencySeed } from './agency.js';

export const HOABINH_ROOT_CODE = 'UBND';
export const HOABINH_DOMAIN = 'hoabinh.gov.vn';
const HOTLINE_LOCAL_PART = 'duongdaynong';

function agency(code: string, name: string, kind: AgencyKind, subdomain: string | null): AgencySeed {
  const mailDomain = subdomain === null ? HOABINH_DOMAIN : `${subdomain}.${HOABINH_DOMAIN}`;
  return {
    code,
    name,
    kind,
    parentCode: kind === 'province' ? null : HOABINH_ROOT_CODE,
    mailDomain,
    hotlineAddress: `${HOTLINE_LOCAL_PART}@${mailDomain}`,
  };
}

const department = (code: string, name: string): AgencySeed => agency(code, name, 'department', code.toLowerCase());

export const HOABINH_AGENCIES: AgencySeed[] = [
  agency(HOABINH_ROOT_CODE, 'Ủy ban nhân dân tỉnh Hòa Bình', 'province', null),

  agency('VPUB', 'Văn phòng Ủy ban nhân dân tỉnh', 'office', 'vpub'),
  department('SNV', 'Sở Nội vụ'),
  department('STP', 'Sở Tư pháp'),
  department('SKHDT', 'Sở Kế hoạch và Đầu tư'),
  department('STC', 'Sở Tài chính'),
  department('SCT', 'Sở Công Thương'),
  department('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn'),
  department('SGTVT', 'Sở Giao thông vận tải'),
  department('SXD', 'Sở Xây dựng'),
  department('STNMT', 'Sở Tài nguyên và Môi trường'),
  department('STTTT', 'Sở Thông tin và Truyền thông'),
  department('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội'),
  department('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'),
  department('SKHCN', 'Sở Khoa học và Công nghệ'),
  department('SGDDT', 'Sở Giáo dục và Đào tạo'),
  department('SYT', 'Sở Y tế'),
  department('TTT', 'Thanh tra tỉnh'),
  department('BDT', 'Ban Dân tộc tỉnh'),
  department('BQLKCN', 'Ban Quản lý các khu công nghiệp tỉnh'),
  department('CAT', 'Công an tỉnh'),
  department('DPTTH', 'Đài Phát thanh và Truyền hình tỉnh'),

  agency('TPHOABINH', 'Ủy ban nhân dân thành phố Hòa Bình', 'district', 'tphoabinh'), // GSO 148
  agency('DABAC', 'Ủy ban nhân dân huyện Đà Bắc', 'district', 'dabac'), // 150
  agency('KYSON', 'Ủy ban nhân dân huyện Kỳ Sơn', 'district', 'kyson'), // 151, later merged into TP Hòa Bình
  agency('LUONGSON', 'Ủy ban nhân dân huyện Lương Sơn', 'district', 'luongson'), // 152
  agency('KIMBOI', 'Ủy ban nhân dân huyện Kim Bôi', 'district', 'kimboi'), // 153
  agency('CAOPHONG', 'Ủy ban nhân dân huyện Cao Phong', 'district', 'caophong'), // 154
  agency('TANLAC', 'Ủy ban nhân dân huyện Tân Lạc', 'district', 'tanlac'), // 155
  agency('MAICHAU', 'Ủy ban nhân dân huyện Mai Châu', 'district', 'maichau'), // 156
  agency('LACSON', 'Ủy ban nhân dân huyện Lạc Sơn', 'district', 'lacson'), // 157
  agency('YENTHUY', 'Ủy ban nhân dân huyện Yên Thủy', 'district', 'yenthuy'), // 158
  agency('LACTHUY', 'Ủy ban nhân dân huyện Lạc Thủy', 'district', 'lacthuy'), // 159
];
