// Shared and role mailboxes (the hotline duongdaynong@, văn thư, a unit's mailbox): a `mailboxes` row of kind
// 'shared' that Dovecot reads like any other, plus
//   mailbox_secrets  the password govmail generated for it, sealed with SECRET_KEY (services/crypto/secret-box).
//                    A table of its own, not a column of `mailboxes`: the mail server's database account may
//                    read `mailboxes` (one GRANT per table, mailserver/config-files.ts) and must never see it;
//   mailbox_owners   the users who may use the mailbox;
//   hotline_inboxes.mailbox_id  a hotline read from such a mailbox: the worker takes the login and the sealed
//                    password from the mailbox at each connection, so nobody types it and a domain move carries it.
import type { Migration } from './context.js';
import { id, ref, text, date, timestamps } from './columns.js';

export const sharedMailboxes: Migration = {
  name: '0015-shared-mailboxes',
  async up({ queryInterface: q }) {
    await q.createTable('mailbox_secrets', {
      mailbox_id: { ...ref('mailboxes', false, 'CASCADE'), primaryKey: true },
      secret_enc: text(false),
      ...timestamps(),
    });
    await q.createTable('mailbox_owners', {
      id: id(),
      mailbox_id: ref('mailboxes', false, 'CASCADE'),
      user_id: ref('users', false, 'CASCADE'),
      created_at: date(false),
    });
    await q.addIndex('mailbox_owners', ['mailbox_id', 'user_id'], { unique: true, name: 'mailbox_owners_pair_uq' });
    await q.addColumn('hotline_inboxes', 'mailbox_id', ref('mailboxes', true, 'SET NULL'));
  },
  async down({ queryInterface: q, dialect }) {
    // MariaDB: the foreign key goes first, by the name it was given (as in 0009).
    if (dialect === 'mysql') {
      const fks = (await q.getForeignKeyReferencesForTable('hotline_inboxes')) as { columnName: string; constraintName: string }[];
      for (const fk of fks.filter((f) => f.columnName === 'mailbox_id')) await q.removeConstraint('hotline_inboxes', fk.constraintName);
    }
    await q.removeColumn('hotline_inboxes', 'mailbox_id');
    await q.dropTable('mailbox_owners');
    await q.dropTable('mailbox_secrets');
  },
};
