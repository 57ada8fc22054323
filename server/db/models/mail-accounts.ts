import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

export interface MailDomainAttrs { domain: string; agency_id: number | null; active: boolean }

export interface StaffAttrs {
  id: number;
  employee_code: string;
  full_name: string;
  agency_id: number;
  position: string | null;
  personal_email: string | null;
  status: 'active' | 'on_leave' | 'left';
  left_at: Date | null;
}

export interface MailboxAttrs {
  id: number;
  address: string;
  local_part: string;
  domain: string;
  kind: 'staff' | 'hotline' | 'shared';
  staff_id: number | null;
  agency_id: number | null;
  display_name: string | null;
  /** always with its Dovecot scheme prefix, e.g. {SHA512-CRYPT}$6$… */
  password_hash: string;
  /** relative to the mail root, timestamped so a re-used address never inherits old mail */
  maildir: string;
  quota_mb: number;
  active: boolean;
  allow_login: boolean;
  must_change_password: boolean;
  password_changed_at: Date | null;
  last_login_at: Date | null;
  suspended_at: Date | null;
  disabled_at: Date | null;
}

export interface MailAliasAttrs {
  id: number;
  address: string;
  goto: string;
  domain: string;
  active: boolean;
  reason: string | null;
  expires_at: Date | null;
}

/** The password govmail generated for a shared mailbox, sealed with SECRET_KEY (migration 0015). */
export interface MailboxSecretAttrs { mailbox_id: number; secret_enc: string }

/** A user who may use a shared mailbox (migration 0015). */
export interface MailboxOwnerAttrs { id: number; mailbox_id: number; user_id: number; created_at?: Date }

/** Written by Dovecot (last_login plugin → dict-sql), read by govmail: the last IMAP/POP3 login. */
export interface MailLoginAttrs {
  address: string;
  /** seconds since the epoch; BIGINT may come back as a string from MariaDB, so read it with Number() */
  last_login_unix: number | string;
}

/** Written by Dovecot (quota count → quota_clone → dict-sql), read by govmail: what the mailbox holds now. */
export interface MailQuotaAttrs {
  address: string;
  /** BIGINT: MariaDB may return it as a string, so read it with Number() */
  bytes: number | string | null;
  messages: number | string | null;
}

export function defineMailAccountModels(s: Sequelize) {
  const MailDomain = defineTable<MailDomainAttrs>(s, 'MailDomain', 'mail_domains', {
    domain: { type: DataTypes.STRING, primaryKey: true },
    agency_id: DataTypes.INTEGER,
    active: DataTypes.BOOLEAN,
  });
  const Staff = defineTable<StaffAttrs>(s, 'Staff', 'staff', {
    id: pk,
    employee_code: DataTypes.STRING,
    full_name: DataTypes.STRING,
    agency_id: DataTypes.INTEGER,
    position: DataTypes.STRING,
    personal_email: DataTypes.STRING,
    status: DataTypes.STRING,
    left_at: DataTypes.DATE(3),
  });
  const Mailbox = defineTable<MailboxAttrs>(s, 'Mailbox', 'mailboxes', {
    id: pk,
    address: DataTypes.STRING,
    local_part: DataTypes.STRING,
    domain: DataTypes.STRING,
    kind: DataTypes.STRING,
    staff_id: DataTypes.INTEGER,
    agency_id: DataTypes.INTEGER,
    display_name: DataTypes.STRING,
    password_hash: DataTypes.STRING,
    maildir: DataTypes.STRING,
    quota_mb: DataTypes.INTEGER,
    active: DataTypes.BOOLEAN,
    allow_login: DataTypes.BOOLEAN,
    must_change_password: DataTypes.BOOLEAN,
    password_changed_at: DataTypes.DATE(3),
    last_login_at: DataTypes.DATE(3),
    suspended_at: DataTypes.DATE(3),
    disabled_at: DataTypes.DATE(3),
  });
  const MailAlias = defineTable<MailAliasAttrs>(s, 'MailAlias', 'mail_aliases', {
    id: pk,
    address: DataTypes.STRING,
    goto: DataTypes.STRING,
    domain: DataTypes.STRING,
    active: DataTypes.BOOLEAN,
    reason: DataTypes.STRING,
    expires_at: DataTypes.DATE(3),
  });
  const MailLogin = defineTable<MailLoginAttrs>(s, 'MailLogin', 'mail_logins', {
    address: { type: DataTypes.STRING, primaryKey: true },
    last_login_unix: DataTypes.BIGINT,
  }, { timestamps: false });
  const MailQuota = defineTable<MailQuotaAttrs>(s, 'MailQuota', 'mail_quota', {
    address: { type: DataTypes.STRING, primaryKey: true },
    bytes: DataTypes.BIGINT,
    messages: DataTypes.BIGINT,
  }, { timestamps: false });
  const MailboxSecret = defineTable<MailboxSecretAttrs>(s, 'MailboxSecret', 'mailbox_secrets', {
    mailbox_id: { type: DataTypes.INTEGER, primaryKey: true },
    secret_enc: DataTypes.TEXT,
  });
  const MailboxOwner = defineTable<MailboxOwnerAttrs>(s, 'MailboxOwner', 'mailbox_owners', {
    id: pk,
    mailbox_id: DataTypes.INTEGER,
    user_id: DataTypes.INTEGER,
    created_at: DataTypes.DATE(3),
  }, { timestamps: false });
  Mailbox.belongsTo(Staff, { foreignKey: 'staff_id', as: 'staff' });
  return { MailDomain, Staff, Mailbox, MailAlias, MailLogin, MailQuota, MailboxSecret, MailboxOwner };
}
