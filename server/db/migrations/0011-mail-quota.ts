// The mail server's second write-back table (after mail_logins, 0007): how much each mailbox holds. Dovecot's
// quota plugin counts it (backend `count`) and the quota_clone plugin copies the use here through dict-sql
// after every change (server/services/mailserver/quota-conf.ts), so "Hộp thư của tôi" shows real use without
// govmail reading maildirs. Same constraints as mail_logins: dict-sql upserts by the address as primary key,
// and writes one column per key (bytes, then messages), so neither may be NOT NULL.
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { str } from './columns.js';

export const mailQuota: Migration = {
  name: '0011-mail-quota',
  async up({ queryInterface: q }) {
    await q.createTable('mail_quota', {
      address: { ...str(190), primaryKey: true },
      bytes: { type: DataTypes.BIGINT, allowNull: true },
      messages: { type: DataTypes.BIGINT, allowNull: true },
    });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('mail_quota');
  },
};
