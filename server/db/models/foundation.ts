import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

/** `staff`: every provisioned person (their own mailbox page only); the others add work areas on top. */
export type Role = 'staff' | 'agent' | 'supervisor' | 'leader' | 'hr' | 'admin';
export const ROLES: readonly Role[] = ['staff', 'agent', 'supervisor', 'leader', 'hr', 'admin'];

export interface AgencyAttrs {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  mail_domain: string | null;
  hotline_address: string | null;
  valid_from: Date | null;
  valid_to: Date | null;
}

export interface UserAttrs {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** null = the whole province */
  agency_id: number | null;
  /** the person's official mailbox: its password is the web password, its state governs the account */
  mailbox_id: number | null;
  locale: string;
  active: boolean;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  /** set on every change of the row, and when the user saves or deletes a queue view (services/tickets/saved-views.ts) */
  updated_at?: Date;
}

export interface SessionAttrs {
  /** sha256 of the cookie token: a stolen DB dump holds no usable session */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export interface AuditAttrs {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
  /** how `hash` is computed: 1 plain SHA-256 (rows from before the upgrade), 2 keyed HMAC (services/audit/chain-hash.ts) */
  chain: number;
}

export interface JobAttrs {
  id: number;
  name: string;
  payload: string | null;
  unique_key: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  run_after: Date;
  lock_token: string | null;
  locked_until: Date | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  finished_at: Date | null;
}

export function defineFoundationModels(s: Sequelize) {
  const Agency = defineTable<AgencyAttrs>(s, 'Agency', 'agencies', {
    id: pk,
    code: DataTypes.STRING,
    name: DataTypes.STRING,
    kind: DataTypes.STRING,
    parent_id: DataTypes.INTEGER,
    mail_domain: DataTypes.STRING,
    hotline_address: DataTypes.STRING,
    valid_from: DataTypes.DATE(3),
    valid_to: DataTypes.DATE(3),
  });
  const User = defineTable<UserAttrs>(s, 'User', 'users', {
    id: pk,
    username: DataTypes.STRING,
    display_name: DataTypes.STRING,
    password_hash: DataTypes.STRING,
    role: DataTypes.STRING,
    agency_id: DataTypes.INTEGER,
    mailbox_id: DataTypes.INTEGER,
    locale: DataTypes.STRING,
    active: DataTypes.BOOLEAN,
    must_change_password: DataTypes.BOOLEAN,
    failed_logins: DataTypes.INTEGER,
    locked_until: DataTypes.DATE(3),
    last_login_at: DataTypes.DATE(3),
  });
  const Session = defineTable<SessionAttrs>(s, 'Session', 'sessions', {
    id: { type: DataTypes.STRING, primaryKey: true },
    user_id: DataTypes.INTEGER,
    csrf_token: DataTypes.STRING,
    ip: DataTypes.STRING,
    user_agent: DataTypes.STRING,
    created_at: DataTypes.DATE(3),
    last_seen_at: DataTypes.DATE(3),
    expires_at: DataTypes.DATE(3),
  }, { timestamps: false });
  const AuditLog = defineTable<AuditAttrs>(s, 'AuditLog', 'audit_log', {
    id: pk,
    at: DataTypes.DATE(3),
    actor: DataTypes.STRING,
    action: DataTypes.STRING,
    target: DataTypes.STRING,
    details: DataTypes.TEXT,
    prev_hash: DataTypes.STRING,
    hash: DataTypes.STRING,
    chain: DataTypes.INTEGER,
  }, { timestamps: false });
  const Job = defineTable<JobAttrs>(s, 'Job', 'jobs', {
    id: pk,
    name: DataTypes.STRING,
    payload: DataTypes.TEXT,
    unique_key: DataTypes.STRING,
    status: DataTypes.STRING,
    run_after: DataTypes.DATE(3),
    lock_token: DataTypes.STRING,
    locked_until: DataTypes.DATE(3),
    attempts: DataTypes.INTEGER,
    max_attempts: DataTypes.INTEGER,
    last_error: DataTypes.TEXT,
    finished_at: DataTypes.DATE(3),
  });
  Session.belongsTo(User, { foreignKey: 'user_id', as: 'user' });
  User.belongsTo(Agency, { foreignKey: 'agency_id', as: 'agency' });
  return { Agency, User, Session, AuditLog, Job };
}
