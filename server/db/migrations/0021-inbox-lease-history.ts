// Who held each hotline inbox's lease, and when (issue 17: separate roles). hotline_inboxes keeps only the
// current owner; this keeps one row per stint, so "one worker at a time" can be checked after the fact
// (test/integration/jobs/roles.test.ts) and an operator can see who polled an inbox when mail went missing.
import type { Migration } from './context.js';
import { id, ref, str, date } from './columns.js';
import { schemaOnce } from './schema-once.js';

export const inboxLeaseHistory: Migration = {
  name: '0021-inbox-lease-history',
  async up({ queryInterface: q }) {
    const schema = schemaOnce(q);
    await schema.createTable('inbox_lease_history', {
      id: id(),
      inbox_id: ref('hotline_inboxes', false, 'CASCADE'),
      owner: str(64),
      // after the claiming UPDATE returned: no other owner worked on the inbox from here on
      claimed_at: date(false),
      // the lease's end as of the owner's last renewal; a worker killed outright is last seen here
      held_until: date(false),
      // before the releasing UPDATE, after the owner stopped work; null while held or when it expired
      released_at: date(),
    });
    await schema.addIndex('inbox_lease_history', ['inbox_id', 'id'], { name: 'inbox_lease_history_inbox_idx' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('inbox_lease_history');
  },
};
