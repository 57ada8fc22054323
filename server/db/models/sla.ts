// Models for the legal clock and triage (migration 0006-sla). See server/services/sla/README.md.
import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

export type ClockUnit = 'working_hours' | 'working_days' | 'calendar_days';

export interface SlaPolicyAttrs {
  id: number;
  class: string;
  priority: string;
  first_response_amount: number;
  first_response_unit: ClockUnit;
  resolution_amount: number;
  resolution_unit: ClockUnit;
  /** complaint and denunciation clocks run from acceptance (the first response), the others from receipt */
  resolution_from: 'receipt' | 'acceptance';
}

export interface CalendarOverrideAttrs {
  id: number;
  /** 'province' or 'agency:<id>' */
  scope: string;
  agency_id: number | null;
  /** local date YYYY-MM-DD */
  date: string;
  kind: 'off' | 'work';
  reason: string;
}

export interface TriageRuleRowAttrs {
  id: number;
  /** TriageRule.id */
  rule_key: string;
  name: string;
  position: number;
  enabled: boolean;
  /** JSON TriageConditions */
  conditions: string;
  /** JSON TriageActions */
  actions: string;
}

export type PauseReason = 'waiting_citizen' | 'referred' | 'legal_suspension';

export interface TicketSlaAttrs {
  ticket_id: number;
  policy_class: string;
  priority: string;
  received_at: Date;
  first_response_due: Date | null;
  first_response_at: Date | null;
  /** where the resolution ladder counts from: receipt, or acceptance for complaints and denunciations */
  resolution_start: Date;
  resolution_due: Date | null;
  resolved_at: Date | null;
  paused_at: Date | null;
  pause_reason: PauseReason | null;
  pause_note: string | null;
  /** office minutes the clock stood still, summed over every pause; deadlines already include them */
  paused_minutes: number;
  breached_at: Date | null;
  /** Decree 92/2017: forward to the competent agency within 5 working days of receipt */
  forward_due: Date | null;
  forwarded_at: Date | null;
  assignee_id: number | null;
  triage_rule: string | null;
  /** the sending agency's copy of a referred ticket */
  read_only: boolean;
  /** a complaint marked complex: resolution 45 days from the same start (migration 0008) */
  complex: boolean;
  /** denunciation extensions granted so far, at most two; also the claim counter of the next one */
  extensions: number;
  /** where the current reminder ladder counts from after an extension; null = resolution_start */
  ladder_start: Date | null;
}

export interface SlaNotificationAttrs {
  id: number;
  ticket_id: number;
  step: string;
  kind: 'reminder' | 'escalation';
  fire_at: Date;
  fired_at: Date;
  recipients: number;
}

export interface ReferralAttrs {
  id: number;
  ticket_id: number;
  new_ticket_id: number;
  from_agency_id: number;
  to_agency_id: number;
  reason: string;
  actor: string;
  forward_due: Date | null;
  on_time: boolean;
  at: Date;
}

export interface AssignmentStateAttrs {
  agency_id: number;
  strategy: 'round_robin' | 'least_open';
  last_assignee_id: number | null;
}

export function defineSlaModels(s: Sequelize) {
  const SlaPolicy = defineTable<SlaPolicyAttrs>(s, 'SlaPolicy', 'sla_policies', {
    id: pk, class: DataTypes.STRING, priority: DataTypes.STRING, first_response_amount: DataTypes.INTEGER,
    first_response_unit: DataTypes.STRING, resolution_amount: DataTypes.INTEGER, resolution_unit: DataTypes.STRING,
    resolution_from: DataTypes.STRING,
  });
  const CalendarOverride = defineTable<CalendarOverrideAttrs>(s, 'CalendarOverride', 'calendar_overrides', {
    id: pk, scope: DataTypes.STRING, agency_id: DataTypes.INTEGER, date: DataTypes.STRING, kind: DataTypes.STRING, reason: DataTypes.STRING,
  });
  const TriageRuleRow = defineTable<TriageRuleRowAttrs>(s, 'TriageRuleRow', 'triage_rules', {
    id: pk, rule_key: DataTypes.STRING, name: DataTypes.STRING, position: DataTypes.INTEGER, enabled: DataTypes.BOOLEAN,
    conditions: DataTypes.TEXT, actions: DataTypes.TEXT,
  });
  const TicketSla = defineTable<TicketSlaAttrs>(s, 'TicketSla', 'ticket_sla', {
    ticket_id: { type: DataTypes.INTEGER, primaryKey: true }, policy_class: DataTypes.STRING, priority: DataTypes.STRING,
    received_at: DataTypes.DATE(3), first_response_due: DataTypes.DATE(3), first_response_at: DataTypes.DATE(3),
    resolution_start: DataTypes.DATE(3), resolution_due: DataTypes.DATE(3), resolved_at: DataTypes.DATE(3),
    paused_at: DataTypes.DATE(3), pause_reason: DataTypes.STRING, pause_note: DataTypes.TEXT, paused_minutes: DataTypes.INTEGER,
    breached_at: DataTypes.DATE(3), forward_due: DataTypes.DATE(3), forwarded_at: DataTypes.DATE(3),
    assignee_id: DataTypes.INTEGER, triage_rule: DataTypes.STRING, read_only: DataTypes.BOOLEAN,
    complex: DataTypes.BOOLEAN, extensions: DataTypes.INTEGER, ladder_start: DataTypes.DATE(3),
  });
  const SlaNotification = defineTable<SlaNotificationAttrs>(s, 'SlaNotification', 'sla_notifications', {
    id: pk, ticket_id: DataTypes.INTEGER, step: DataTypes.STRING, kind: DataTypes.STRING, fire_at: DataTypes.DATE(3),
    fired_at: DataTypes.DATE(3), recipients: DataTypes.INTEGER,
  }, { timestamps: false });
  const Referral = defineTable<ReferralAttrs>(s, 'Referral', 'referrals', {
    id: pk, ticket_id: DataTypes.INTEGER, new_ticket_id: DataTypes.INTEGER, from_agency_id: DataTypes.INTEGER,
    to_agency_id: DataTypes.INTEGER, reason: DataTypes.TEXT, actor: DataTypes.STRING, forward_due: DataTypes.DATE(3),
    on_time: DataTypes.BOOLEAN, at: DataTypes.DATE(3),
  }, { timestamps: false });
  const AssignmentState = defineTable<AssignmentStateAttrs>(s, 'AssignmentState', 'assignment_state', {
    agency_id: { type: DataTypes.INTEGER, primaryKey: true }, strategy: DataTypes.STRING, last_assignee_id: DataTypes.INTEGER,
  });
  return { SlaPolicy, CalendarOverride, TriageRuleRow, TicketSla, SlaNotification, Referral, AssignmentState };
}
