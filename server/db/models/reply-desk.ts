// The reply desk's tables (migration 0022): answer templates and the letter head/signature per agency, and who has
// a ticket open (presence, read with an expiry); who viewed a ticket (migration 0023); one-time form keys (migration 0030). outbox.raw_sha256 lives on the Outbox model (hotline.ts).
import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

export interface ReplyTemplateAttrs {
  id: number;
  agency_id: number;
  name: string;
  /** text with {{variables}} (services/replies/template-vars.ts) */
  body: string;
  updated_by: string | null;
  created_at?: Date;
  updated_at?: Date;
}

export interface AgencyReplySettingsAttrs {
  agency_id: number;
  /** the letter head above every reply (may use the same variables) */
  header: string | null;
  /** the signature below every reply */
  signature: string | null;
  updated_by: string | null;
  created_at?: Date;
  updated_at?: Date;
}

export interface TicketPresenceAttrs { ticket_id: number; user_id: number; seen_at: Date }

/** Who viewed a ticket (migration 0023): one row per (ticket, user), visits counted at most once a minute. */
export interface TicketViewerAttrs { ticket_id: number; user_id: number; first_at: Date; last_at: Date; view_count: number }

/** A one-time form key used (migration 0030): which action on which ticket, what it asked, the event it made. */
export interface TicketFormSubmissionAttrs {
  id: number; ticket_id: number; action: string; form_key: string; digest: string; user_id: number | null; event_id: number | null; created_at: Date;
}

export function defineReplyDeskModels(s: Sequelize) {
  const ReplyTemplate = defineTable<ReplyTemplateAttrs>(s, 'ReplyTemplate', 'reply_templates', {
    id: pk, agency_id: DataTypes.INTEGER, name: DataTypes.STRING, body: DataTypes.TEXT, updated_by: DataTypes.STRING,
  });
  const AgencyReplySettings = defineTable<AgencyReplySettingsAttrs>(s, 'AgencyReplySettings', 'agency_reply_settings', {
    agency_id: { type: DataTypes.INTEGER, primaryKey: true }, header: DataTypes.TEXT, signature: DataTypes.TEXT, updated_by: DataTypes.STRING,
  });
  const TicketPresence = defineTable<TicketPresenceAttrs>(s, 'TicketPresence', 'ticket_presence', {
    ticket_id: { type: DataTypes.INTEGER, primaryKey: true }, user_id: { type: DataTypes.INTEGER, primaryKey: true }, seen_at: DataTypes.DATE(3),
  }, { timestamps: false });
  const TicketViewer = defineTable<TicketViewerAttrs>(s, 'TicketViewer', 'ticket_viewers', {
    ticket_id: { type: DataTypes.INTEGER, primaryKey: true }, user_id: { type: DataTypes.INTEGER, primaryKey: true },
    first_at: DataTypes.DATE(3), last_at: DataTypes.DATE(3), view_count: DataTypes.INTEGER,
  }, { timestamps: false });
  const TicketFormSubmission = defineTable<TicketFormSubmissionAttrs>(s, 'TicketFormSubmission', 'ticket_form_submissions', {
    id: pk, ticket_id: DataTypes.INTEGER, action: DataTypes.STRING, form_key: DataTypes.STRING, digest: DataTypes.STRING,
    user_id: DataTypes.INTEGER, event_id: DataTypes.INTEGER, created_at: DataTypes.DATE(3),
  }, { timestamps: false });
  return { ReplyTemplate, AgencyReplySettings, TicketPresence, TicketViewer, TicketFormSubmission };
}
