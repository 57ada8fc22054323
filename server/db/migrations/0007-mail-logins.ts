// The one table the mail server writes. Dovecot's last_login plugin records every IMAP/POP3 login through
// dict-sql (server/services/mailserver/dict-sql.ts renders the map): an upsert of (address, unix seconds),
// INSERT … ON DUPLICATE KEY UPDATE on MariaDB and INSERT … ON CONFLICT DO UPDATE on SQLite, so the address
// must be the primary key. Dovecot fills exactly these two columns: no timestamps, no other NOT NULL column,
// and no foreign key (a login is recorded as Dovecot saw it; coverage joins on the address).
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { str } from './columns.js';

export const mailLogins: Migration = {
  name: '0007-mail-logins',
  async up({ queryInterface: q }) {
    await q.createTable('mail_logins', {
      address: { ...str(190), primaryKey: true },
      // What dict-sql writes: ioloop_time as a decimal string (value_type = uint), seconds since the epoch.
      last_login_unix: { type: DataTypes.BIGINT, allowNull: false },
    });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('mail_logins');
  },
};
