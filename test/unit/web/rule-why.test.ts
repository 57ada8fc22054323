import { expect } from 'chai';
import { whyText } from '../../../server/web/presenters/rule-why.js';
import { viTextProblems } from '../../support/vi-text-check.js';

describe('rule tester reasons in words (issue 15 item 3)', () => {
  const cases: [boolean, string, string][] = [
    [false, 'no_keyword_any:both', 'không có từ khóa nào của quy tắc trong tiêu đề hoặc nội dung'],
    [true, 'keyword:sạt lở@subject', 'có từ khóa "sạt lở" trong tiêu đề'],
    [true, 'sender_domain:gov.vn; keyword:a@b@body', 'người gửi thuộc tên miền gov.vn; có từ khóa "a@b" trong nội dung'],
    [false, 'not_evaluated:early_matched_first', 'không xét vì quy tắc early đã áp dụng trước'],
    [false, 'sender_domain_mismatch:none', 'tên miền người gửi (không có) không khớp'],
    [false, 'disabled', 'quy tắc đang tắt'],
    [true, 'no_conditions', 'quy tắc không có điều kiện'],
  ];
  for (const [matched, why, text] of cases) {
    it(`reads ${why} as "${text}"`, () => expect(whyText('vi', matched, why)).to.equal(text));
  }
  it('keeps a reason the catalogue does not know as the service wrote it', () => {
    expect(whyText('vi', false, 'brand_new:x')).to.equal('brand_new:x');
  });
});

describe('the Vietnamese page check (test/support/vi-text-check.ts)', () => {
  it('finds the English sentences and codes of the issue', () => {
    const found = viTextProblems('full_name is empty\nTrạng thái: unknown status; expected one of active, on_leave, left\nLý do: no_keyword_any:both');
    expect(found.map((p) => p.text)).to.include.members(['full_name', 'unknown status expected one of active', 'on_leave', 'no_keyword_any', 'no_keyword_any:both']);
  });
  it('leaves Vietnamese, addresses, URLs and quoted values alone', () => {
    expect(viTextProblems('Địa chỉ "binh@gmail" sai. Gửi tới duongdaynong@hoabinh.gov.vn, xem https://example.vn/a_b?x=1\nMã "snake_case_value" không có')).to.deep.equal([]);
  });
});
