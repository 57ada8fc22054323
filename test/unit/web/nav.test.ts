import { expect } from 'chai';
import { currentHref, navFor } from '../../../server/web/nav.js';
import type { UserAttrs } from '../../../server/db/models/foundation.js';

const user = (role: UserAttrs['role']) => ({ role, mailbox_id: null } as UserAttrs);

describe('sidebar', () => {
  it('marks the entry whose href is the longest whole-segment prefix of the path', () => {
    const hrefs = ['/', '/tickets', '/hr/mailboxes', '/hr/roster'];
    expect(currentHref('/', hrefs)).to.equal('/');
    expect(currentHref('/tickets/TTHCC-2026-000001', hrefs)).to.equal('/tickets');
    expect(currentHref('/hr/mailboxes/a@b.vn', hrefs)).to.equal('/hr/mailboxes');
    expect(currentHref('/ticketsX', hrefs)).to.equal(undefined);
    expect(currentHref('/account/password', hrefs)).to.equal(undefined);
  });

  it('shows each role only its pages, grouped, with exactly one current entry', () => {
    const agent = navFor(user('agent'), 'vi', '/tickets/X-1');
    expect(agent.flatMap((s) => s.links.map((l) => l.href))).to.deep.equal(['/', '/tickets', '/review']);
    expect(agent.flatMap((s) => s.links).filter((l) => l.current).map((l) => l.href)).to.deep.equal(['/tickets']);
    const admin = navFor(user('admin'), 'en', '/admin/rules/new');
    expect(admin.map((s) => s.label)).to.deep.equal(['Work', 'People and mailboxes', 'Settings']);
    expect(admin.flatMap((s) => s.links).filter((l) => l.current).map((l) => l.label)).to.deep.equal(['Triage rules']);
    expect(navFor(undefined, 'vi', '/')).to.deep.equal([]);
  });
});
