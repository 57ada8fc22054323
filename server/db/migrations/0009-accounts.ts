// Web accounts belong to people. A user may be linked to one mailbox (`users.mailbox_id`): the person's official
// mailbox, whose password (the hash Dovecot checks) is then the web password, and whose agency, suspension and
// departure govern the account. The link used to be implied by username = address; existing rows are linked
// here once, and from now on only the column counts. One web account per mailbox (unique index).
// Roles now include `staff` (every provisioned person: the self-service page only); `users.role` is a string
// column, so the new value needs no schema change.
import type { Migration } from './context.js';
import { ref } from './columns.js';

export const accounts: Migration = {
  name: '0009-accounts',
  async up({ queryInterface: q, sequelize }) {
    await q.addColumn('users', 'mailbox_id', ref('mailboxes', true, 'SET NULL'));
    await q.addIndex('users', ['mailbox_id'], { unique: true, name: 'users_mailbox_uq' });
    await sequelize.query(
      'UPDATE users SET mailbox_id = (SELECT m.id FROM mailboxes m WHERE m.address = users.username) ' +
        "WHERE mailbox_id IS NULL AND username LIKE '%@%'",
    );
  },
  async down({ queryInterface: q, dialect }) {
    // MariaDB keeps the unique index for the foreign key: the constraint goes first, by the name it was given.
    if (dialect === 'mysql') {
      const fks = (await q.getForeignKeyReferencesForTable('users')) as { columnName: string; constraintName: string }[];
      for (const fk of fks.filter((f) => f.columnName === 'mailbox_id')) await q.removeConstraint('users', fk.constraintName);
    }
    await q.removeIndex('users', 'users_mailbox_uq');
    await q.removeColumn('users', 'mailbox_id');
  },
};
