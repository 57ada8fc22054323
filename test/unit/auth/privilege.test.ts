import { expect } from 'chai';
import { holdsAgency, mayGrant, reaches, type Principal } from '../../../server/services/auth/privilege.js';

const p = (role: Principal['role'], agencyId: number | null): Principal => ({ role, agencyId });

describe('privilege rules', () => {
  it('a province-wide principal holds every agency and the province; an agency one only its own', () => {
    expect(holdsAgency(p('hr', null), 7)).to.equal(true);
    expect(holdsAgency(p('hr', null), null)).to.equal(true);
    expect(holdsAgency(p('hr', 7), 7)).to.equal(true);
    expect(holdsAgency(p('hr', 7), 8)).to.equal(false);
    expect(holdsAgency(p('hr', 7), null)).to.equal(false);
  });

  const reachCases: [string, Principal, Principal, boolean][] = [
    ['agency HR reaches staff of its agency', p('hr', 1), p('staff', 1), true],
    ['agency HR reaches a supervisor of its agency (equal weight)', p('hr', 1), p('supervisor', 1), true],
    ['agency HR does not reach staff of another agency', p('hr', 1), p('staff', 2), false],
    ['agency HR does not reach an admin of its own agency', p('hr', 1), p('admin', 1), false],
    ['agency HR does not reach a province-wide leader', p('hr', 1), p('leader', null), false],
    ['province HR reaches a leader of any agency', p('hr', null), p('leader', 5), true],
    ['province HR does not reach a province admin', p('hr', null), p('admin', null), false],
    ['agency admin reaches an admin of its agency', p('admin', 1), p('admin', 1), true],
    ['agency admin does not reach a province admin', p('admin', 1), p('admin', null), false],
    ['province admin reaches everyone', p('admin', null), p('admin', null), true],
    ['an agent reaches no supervisor', p('agent', 1), p('supervisor', 1), false],
  ];
  for (const [name, actor, target, expected] of reachCases) it(name, () => expect(reaches(actor, target)).to.equal(expected));

  const grantCases: [string, Principal, Principal['role'], number | null, boolean][] = [
    ['an agency admin grants agent in its agency', p('admin', 1), 'agent', 1, true],
    ['an agency admin grants admin in its agency', p('admin', 1), 'admin', 1, true],
    ['an agency admin grants nothing province-wide', p('admin', 1), 'leader', null, false],
    ['an agency admin grants nothing in another agency', p('admin', 1), 'staff', 2, false],
    ['a province admin grants a province-wide admin', p('admin', null), 'admin', null, true],
    ['HR grants no role at all', p('hr', null), 'staff', 1, false],
  ];
  for (const [name, actor, role, agencyId, expected] of grantCases) it(name, () => expect(mayGrant(actor, role, agencyId)).to.equal(expected));
});
