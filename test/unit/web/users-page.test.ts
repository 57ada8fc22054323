import { expect } from 'chai';
import { roleOptions, trailLines } from '../../../server/web/presenters/users-page.js';
import { systemActor } from '../../../server/services/auth/actor.js';

describe('users page presenter', () => {
  const at = new Date('2026-11-25T07:05:00Z');

  it('writes each audit row as what happened and every field from → to, with — for none', () => {
    const lines = trailLines('vi', [
      { at, actor: 'qtv', action: 'user.role_change', details: { role: { from: 'agent', to: 'leader' }, agency: { from: 'SNV', to: null } } },
      { at, actor: 'cli', action: 'user.create', details: { role: 'agent', agencyId: 3, agency: 'SNV', mailbox: null } },
      { at, actor: 'cli', action: 'user.something_new', details: null },
    ]);
    expect(lines).to.deep.equal([
      { at, actor: 'qtv', action: 'Đổi vai trò', change: 'Vai trò: Cán bộ xử lý → Lãnh đạo; Cơ quan: SNV → —' },
      { at, actor: 'cli', action: 'Tạo tài khoản', change: 'Vai trò: Cán bộ xử lý; Cơ quan (số hiệu): 3; Cơ quan: SNV; Hộp thư công vụ: —' },
      { at, actor: 'cli', action: 'user.something_new', change: '' },
    ]);
  });

  it('names fields by their labels, not the keys stored in the audit row, in either language', () => {
    const [vi] = trailLines('vi', [{ at, actor: 'qtv', action: 'user.disable', details: { active: { from: true, to: false }, sessions_ended: 2, new_key: 'x' } }]);
    expect(vi!.change).to.equal('Được đăng nhập: có → không; Phiên đăng nhập đã kết thúc: 2; new_key: x');
    const [en] = trailLines('en', [{ at, actor: 'qtv', action: 'user.role_change', details: { role: { from: 'agent', to: 'leader' } } }]);
    expect(en!.change).to.equal('Role: Agent → Leader');
  });

  it('offers an agency admin every role of their rank and below, others nothing', () => {
    const agencyAdmin = { ...systemActor('x'), agencyId: 7 };
    expect(roleOptions('en', agencyAdmin, 'leader').map((o) => [o.value, o.selected])).to.deep.equal([
      ['staff', false], ['agent', false], ['supervisor', false], ['leader', true], ['hr', false], ['admin', false],
    ]);
    expect(roleOptions('en', { ...agencyAdmin, role: 'hr' })).to.deep.equal([]);
  });
});
