// Provisioning bookkeeping beside the mail tables (0002):
//   import_batches     one row per roster import; holds the initial passwords of that import only as an
//                      AES-GCM blob keyed by SECRET_KEY, erased when HR takes it (once) or when it expires;
//   retired_addresses  addresses that stopped being a mailbox (transfer, domain move, deletion), so the
//                      allocator keeps them from a newcomer for the quarantine period;
//   domain_migrations  one row per `domain:migrate` run, so a crashed run is visible and resumed.
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { id, str, text, int, date, timestamps } from './columns.js';

export const provisioning: Migration = {
  name: '0003-provisioning',
  async up({ queryInterface: q, dialect }) {
    await q.createTable('import_batches', {
      id: id(),
      kind: str(32),
      actor: str(190),
      file_name: str(255, true),
      created_count: int(0),
      updated_count: int(0),
      unchanged_count: int(0),
      disabled_count: int(0),
      // LONGTEXT on MariaDB: 10,000 credentials are ~1.5 MB, past TEXT's 64 KB.
      credentials_blob: { type: dialect === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long'), allowNull: true },
      credentials_count: int(0),
      credentials_expires_at: date(),
      credentials_taken_at: date(),
      credentials_taken_by: str(190, true),
      ...timestamps(),
    });

    await q.createTable('retired_addresses', {
      id: id(),
      address: str(190),
      local_part: str(64),
      domain: str(190),
      reason: str(32),
      retired_at: date(false),
    });
    await q.addIndex('retired_addresses', ['domain', 'local_part'], { name: 'retired_addresses_domain_idx' });

    await q.createTable('domain_migrations', {
      id: id(),
      from_domain: str(190),
      to_domain: str(190),
      agency_codes: str(1000, true),
      status: str(16),
      actor: str(190),
      moved: int(0),
      aliases: int(0),
      conflicts: text(),
      started_at: date(false),
      finished_at: date(),
    });
    await q.addIndex('domain_migrations', ['from_domain', 'to_domain', 'status'], { name: 'domain_migrations_run_idx' });
    // Mailbox lists per agency and coverage join on these foreign keys. MariaDB indexes a foreign key column
    // by itself (and then refuses to drop our index as the one its constraint needs); SQLite does not.
    if (dialect === 'sqlite') {
      await q.addIndex('staff', ['agency_id'], { name: 'staff_agency_idx' });
      await q.addIndex('mailboxes', ['staff_id'], { name: 'mailboxes_staff_idx' });
    }
    await q.addIndex('mailboxes', ['domain', 'local_part'], { name: 'mailboxes_domain_local_idx' });
    await q.addIndex('mail_aliases', ['goto'], { name: 'mail_aliases_goto_idx' });
  },
  async down({ queryInterface: q, dialect }) {
    await q.removeIndex('mail_aliases', 'mail_aliases_goto_idx');
    await q.removeIndex('mailboxes', 'mailboxes_domain_local_idx');
    if (dialect === 'sqlite') {
      await q.removeIndex('mailboxes', 'mailboxes_staff_idx');
      await q.removeIndex('staff', 'staff_agency_idx');
    }
    for (const t of ['domain_migrations', 'retired_addresses', 'import_batches']) await q.dropTable(t);
  },
};
