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
      { at, actor: 'qtv', action: 'Đổi vai trò', change: 'role: agent → leader; agency: SNV → —' },
      { at, actor: 'cli', action: 'Tạo tài khoản', change: 'role: agent; agencyId: 3; agency: SNV; mailbox: —' },
      { at, actor: 'cli', action: 'user.something_new', change: '' },
    ]);
  });

  it('offers an agency admin every role of their rank and below, others nothing', () => {
    const agencyAdmin = { ...systemActor('x'), agencyId: 7 };
    expect(roleOptions('en', agencyAdmin, 'leader').map((o) => [o.value, o.selected])).to.deep.equal([
      ['staff', false], ['agent', false], ['supervisor', false], ['leader', true], ['hr', false], ['admin', false],
    ]);
    expect(roleOptions('en', { ...agencyAdmin, role: 'hr' })).to.deep.equal([]);
  });
});
