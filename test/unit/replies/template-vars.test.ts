import { expect } from 'chai';
import { composeLetter, deadlineText, fillVariables, templateValues, unknownVariables } from '../../../server/services/replies/template-vars.js';

const values = templateValues({ citizenName: 'Trần Thị Bình', citizenAddress: 'binh@example.vn', ref: 'STP-2026-000123',
  dueAt: new Date('2027-04-30T10:00:00Z'), officer: 'Lê Văn Xử Lý', agency: 'Sở Tư pháp' });

describe('reply template variables', () => {
  it('fills every variable, with spaces inside the braces or not', () => {
    expect(fillVariables('Kính gửi {{ten_cong_dan}}, hồ sơ {{ ma_ho_so }} hạn {{han_giai_quyet}}. {{can_bo}} – {{co_quan}}', values))
      .to.equal('Kính gửi Trần Thị Bình, hồ sơ STP-2026-000123 hạn 30/04/2027 17:00. Lê Văn Xử Lý – Sở Tư pháp');
  });
  it('uses the address when the mail gave no name, and an empty deadline when there is none', () => {
    const v = templateValues({ citizenName: '  ', citizenAddress: 'an@example.vn', ref: 'R', dueAt: null, officer: 'O', agency: 'A' });
    expect(v.ten_cong_dan).to.equal('an@example.vn');
    expect(deadlineText(null)).to.equal('');
  });
  it('leaves an unknown variable visible and names it', () => {
    expect(fillVariables('{{ten_cong_dan}} {{ten_cong_dna}}', values)).to.equal('Trần Thị Bình {{ten_cong_dna}}');
    expect(unknownVariables('{{ten_cong_dan}} {{ten_cong_dna}} {{x}} {{x}}')).to.deep.equal(['ten_cong_dna', 'x']);
  });
  it('puts head, text and signature together and leaves out blank parts', () => {
    expect(composeLetter({ header: '{{co_quan}}\r\n', body: 'Nội dung.', signature: null }, values)).to.equal('Sở Tư pháp\n\nNội dung.');
    expect(composeLetter({ header: null, body: 'X', signature: 'Trân trọng,\n{{can_bo}}' }, values)).to.equal('X\n\nTrân trọng,\nLê Văn Xử Lý');
  });
});
