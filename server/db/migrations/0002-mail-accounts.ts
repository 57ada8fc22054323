// The tables the mail server reads. Dovecot's passdb/userdb and Postfix's virtual maps query mail_domains,
// mailboxes and mail_aliases directly (read-only DB user), so column meaning here is a contract with them:
//   active = 0       → the address does not exist for the mail server (login refused, mail rejected);
//   allow_login = 0  → suspended: login refused, mail still delivered and kept.
import type { Migration } from './context.js';
import { id, ref, str, flag, int, date, timestamps } from './columns.js';

export const mailAccounts: Migration = {
  name: '0002-mail-accounts',
  async up({ queryInterface: q }) {
    await q.createTable('mail_domains', {
      domain: { ...str(190), primaryKey: true },
      agency_id: ref('agencies'),
      active: flag(true),
      ...timestamps(),
    });

    await q.createTable('staff', {
      id: id(),
      employee_code: str(64),
      full_name: str(255),
      agency_id: ref('agencies', false),
      position: str(255, true),
      personal_email: str(190, true),
      status: { ...str(16), defaultValue: 'active' },
      left_at: date(),
      ...timestamps(),
    });
    await q.addIndex('staff', ['employee_code'], { unique: true, name: 'staff_employee_code_uq' });

    await q.createTable('mailboxes', {
      id: id(),
      address: str(190),
      local_part: str(64),
      domain: str(190),
      kind: { ...str(16), defaultValue: 'staff' },
      staff_id: ref('staff'),
      agency_id: ref('agencies'),
      display_name: str(255, true),
      password_hash: str(255),
      maildir: str(255),
      quota_mb: int(2048),
      active: flag(true),
      allow_login: flag(true),
      must_change_password: flag(true),
      password_changed_at: date(),
      last_login_at: date(),
      suspended_at: date(),
      disabled_at: date(),
      ...timestamps(),
    });
    await q.addIndex('mailboxes', ['address'], { unique: true, name: 'mailboxes_address_uq' });
    await q.addIndex('mailboxes', ['agency_id'], { name: 'mailboxes_agency_idx' });

    await q.createTable('mail_aliases', {
      id: id(),
      address: str(190),
      goto: str(190),
      domain: str(190),
      active: flag(true),
      reason: str(32, true),
      expires_at: date(),
      ...timestamps(),
    });
    await q.addIndex('mail_aliases', ['address', 'goto'], { unique: true, name: 'mail_aliases_pair_uq' });
  },
  async down({ queryInterface: q }) {
    for (const t of ['mail_aliases', 'mailboxes', 'staff', 'mail_domains']) await q.dropTable(t);
  },
};
