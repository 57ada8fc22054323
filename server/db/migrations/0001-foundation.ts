// Agencies, web users and sessions, the hash-chained audit log, and the job queue.
import type { Migration } from './context.js';
import { id, ref, str, text, flag, int, date, timestamps } from './columns.js';

export const foundation: Migration = {
  name: '0001-foundation',
  async up({ queryInterface: q }) {
    await q.createTable('agencies', {
      id: id(),
      code: str(32),
      name: str(255),
      kind: str(32),
      parent_id: ref('agencies'),
      mail_domain: str(190, true),
      hotline_address: str(190, true),
      valid_from: date(),
      valid_to: date(),
      ...timestamps(),
    });
    await q.addIndex('agencies', ['code'], { unique: true, name: 'agencies_code_uq' });

    await q.createTable('users', {
      id: id(),
      username: str(190),
      display_name: str(255),
      password_hash: str(255),
      role: str(16),
      agency_id: ref('agencies'),
      locale: { ...str(8), defaultValue: 'vi' },
      active: flag(true),
      must_change_password: flag(false),
      failed_logins: int(0),
      locked_until: date(),
      last_login_at: date(),
      ...timestamps(),
    });
    await q.addIndex('users', ['username'], { unique: true, name: 'users_username_uq' });

    await q.createTable('sessions', {
      id: { ...str(64), primaryKey: true },
      user_id: ref('users', false, 'CASCADE'),
      csrf_token: str(64),
      ip: str(64, true),
      user_agent: str(255, true),
      created_at: date(false),
      last_seen_at: date(false),
      expires_at: date(false),
    });
    await q.addIndex('sessions', ['expires_at'], { name: 'sessions_expires_idx' });

    await q.createTable('audit_log', {
      id: id(),
      at: date(false),
      actor: str(190),
      action: str(64),
      target: str(255, true),
      details: text(),
      prev_hash: str(64),
      hash: str(64),
    });
    // A single row that serialises appends: every writer UPDATEs it first, which takes a row lock on MariaDB
    // (and SQLite's IMMEDIATE transaction serialises anyway), so two appends can never share a prev_hash.
    await q.createTable('audit_head', { id: id(), seq: int(0), last_hash: str(64) });
    await q.bulkInsert('audit_head', [{ id: 1, seq: 0, last_hash: '0'.repeat(64) }]);

    await q.createTable('jobs', {
      id: id(),
      name: str(64),
      payload: text(),
      unique_key: str(190, true),
      status: str(16),
      run_after: date(false),
      lock_token: str(64, true),
      locked_until: date(),
      attempts: int(0),
      max_attempts: int(5),
      last_error: text(),
      finished_at: date(),
      ...timestamps(),
    });
    await q.addIndex('jobs', ['unique_key'], { unique: true, name: 'jobs_unique_key_uq' });
    await q.addIndex('jobs', ['status', 'run_after'], { name: 'jobs_claim_idx' });
  },
  async down({ queryInterface: q }) {
    for (const t of ['jobs', 'audit_head', 'audit_log', 'sessions', 'users', 'agencies']) await q.dropTable(t);
  },
};
