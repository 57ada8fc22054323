// The legal clock and triage, stored: SLA policies per (class, priority), calendar overrides (holidays, swapped
// Saturdays), triage rules, one SLA row per ticket, one row per fired reminder step (unique per ticket and
// step: the once-only guarantee for any number of tickers), referrals between agencies, and the per-agency
// auto-assignment turn. Defaults are seeded from frozen copies of the code constants as they stood at this
// migration (frozen/), so a later change to the services cannot change what this migration writes.
import type { Migration } from './context.js';
import { id, ref, str, text, flag, int, date, timestamps } from './columns.js';
import { SLA_CLASSES_0006, SLA_PRIORITIES_0006 } from './frozen/sla-classes-0006.js';
import { CALENDAR_OVERRIDES_0006 } from './frozen/calendar-overrides-0006.js';
import { TRIAGE_RULES_0006 } from './frozen/triage-rules-0006.js';

export const sla: Migration = {
  name: '0006-sla',
  async up({ queryInterface: q }) {
    await q.createTable('sla_policies', {
      id: id(),
      class: str(32),
      priority: str(16),
      first_response_amount: int(1),
      first_response_unit: str(16),
      resolution_amount: int(1),
      resolution_unit: str(16),
      resolution_from: { ...str(16), defaultValue: 'receipt' },
      ...timestamps(),
    });
    await q.addIndex('sla_policies', ['class', 'priority'], { unique: true, name: 'sla_policies_class_priority_uq' });

    // scope is 'province' or 'agency:<id>': a NULL agency would not be unique on either database.
    await q.createTable('calendar_overrides', {
      id: id(),
      scope: { ...str(32), defaultValue: 'province' },
      agency_id: ref('agencies', true, 'CASCADE'),
      date: str(10),
      kind: str(8),
      reason: str(500),
      ...timestamps(),
    });
    await q.addIndex('calendar_overrides', ['scope', 'date'], { unique: true, name: 'calendar_overrides_scope_date_uq' });

    await q.createTable('triage_rules', {
      id: id(),
      rule_key: str(64),
      name: str(200),
      position: int(0),
      enabled: flag(true),
      conditions: text(false),
      actions: text(false),
      ...timestamps(),
    });
    await q.addIndex('triage_rules', ['rule_key'], { unique: true, name: 'triage_rules_key_uq' });

    await q.createTable('ticket_sla', {
      ticket_id: { ...ref('tickets', false, 'CASCADE'), primaryKey: true },
      policy_class: str(32),
      priority: str(16),
      received_at: date(false),
      first_response_due: date(),
      first_response_at: date(),
      resolution_start: date(false),
      resolution_due: date(),
      resolved_at: date(),
      paused_at: date(),
      pause_reason: str(32, true),
      pause_note: text(),
      paused_minutes: int(0),
      breached_at: date(),
      forward_due: date(),
      forwarded_at: date(),
      assignee_id: ref('users', true, 'SET NULL'),
      triage_rule: str(64, true),
      read_only: flag(false),
      ...timestamps(),
    });
    await q.addIndex('ticket_sla', ['resolved_at', 'paused_at'], { name: 'ticket_sla_open_idx' });
    await q.addIndex('ticket_sla', ['assignee_id'], { name: 'ticket_sla_assignee_idx' });

    await q.createTable('sla_notifications', {
      id: id(),
      ticket_id: ref('tickets', false, 'CASCADE'),
      step: str(48),
      kind: str(16),
      fire_at: date(false),
      fired_at: date(false),
      recipients: int(0),
    });
    await q.addIndex('sla_notifications', ['ticket_id', 'step'], { unique: true, name: 'sla_notifications_step_uq' });

    await q.createTable('referrals', {
      id: id(),
      ticket_id: ref('tickets', false, 'CASCADE'),
      new_ticket_id: ref('tickets', false, 'CASCADE'),
      from_agency_id: ref('agencies', false),
      to_agency_id: ref('agencies', false),
      reason: text(false),
      actor: str(190),
      forward_due: date(),
      on_time: flag(true),
      at: date(false),
    });
    await q.addIndex('referrals', ['ticket_id'], { unique: true, name: 'referrals_ticket_uq' });

    await q.createTable('assignment_state', {
      agency_id: { ...ref('agencies', false, 'CASCADE'), primaryKey: true },
      strategy: { ...str(16), defaultValue: 'round_robin' },
      last_assignee_id: int(null),
      ...timestamps(),
    });

    const now = new Date();
    await q.bulkInsert('sla_policies', SLA_CLASSES_0006.flatMap((c) => SLA_PRIORITIES_0006.map((priority) => ({
      class: c.code, priority, first_response_amount: c.firstResponse.amount, first_response_unit: c.firstResponse.unit,
      resolution_amount: c.resolution.amount, resolution_unit: c.resolution.unit, resolution_from: c.resolutionFrom,
      created_at: now, updated_at: now,
    }))));
    const latest = new Map(CALENDAR_OVERRIDES_0006.map((o) => [o.date, o]));
    await q.bulkInsert('calendar_overrides', [...latest.values()].map((o) => ({
      scope: 'province', agency_id: null, date: o.date, kind: o.kind, reason: o.reason, created_at: now, updated_at: now,
    })));
    await q.bulkInsert('triage_rules', TRIAGE_RULES_0006.map((r) => ({
      rule_key: r.id, name: r.name, position: r.position, enabled: r.enabled, conditions: JSON.stringify(r.conditions),
      actions: JSON.stringify(r.actions), created_at: now, updated_at: now,
    })));
  },
  async down({ queryInterface: q }) {
    for (const t of ['assignment_state', 'referrals', 'sla_notifications', 'ticket_sla', 'triage_rules', 'calendar_overrides', 'sla_policies']) {
      await q.dropTable(t);
    }
  },
};
