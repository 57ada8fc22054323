// Triage of a new ticket, the parts tickets/open-ticket.ts applies: the admin's rules (first match wins) set
// class, category, priority and agency; the assignee is the rule's named user or the agency's turn (round-robin
// or least-open, assignment_state), read here and moved by the opener in the same transaction as the ticket.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { AssignmentStateAttrs } from '../../db/models/sla.js';
import { parseMail, type ParsedMail } from '../../mail/parse.js';
import type { AssignableAgent } from './assignment.js';
import { TRIAGE_FALLBACK } from './default-rules.js';
import { pastedMail } from './pasted-mail.js';
import { listRules } from './rule-store.js';
import { evaluateRules, type TriageMail, type TriageResult } from './rules.js';
import { findAgencyByCode } from '../org/index.js';

/** The triage view of a parsed mail; the hotline is the inbox's address (the To may be a list or a Bcc). */
export function triageMailOf(mail: ParsedMail, hotlineAddress: string | null, keys?: TriageMail['keys']): TriageMail {
  return {
    hotlineAddress: (hotlineAddress ?? mail.deliveredTo[0] ?? mail.to[0]?.address ?? '').toLowerCase(),
    from: mail.from?.address ?? '', subject: mail.subject, text: mail.text,
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType })),
    keys,
  };
}

/** The rules page tester and `govmail rules:test`: which rule fires for this raw mail, with the trace. */
export async function testRulesOnRaw(db: Db, raw: Buffer, hotlineAddress: string | null = null): Promise<TriageResult & { mail: TriageMail }> {
  const mail = triageMailOf(await parseMail(raw), hotlineAddress);
  return { ...evaluateRules(await listRules(db), mail), mail };
}

/** The rules page's tester: a pasted whole mail or body alone (pastedMail), and whether it was read as a body alone. */
export async function testRulesOnPaste(db: Db, text: string, hotlineAddress: string | null = null): Promise<TriageResult & { mail: TriageMail; bodyOnly: boolean }> {
  const paste = pastedMail(text);
  return { ...(await testRulesOnRaw(db, paste.raw, hotlineAddress)), bodyOnly: paste.bodyOnly };
}

export type TriageChanges = Pick<TicketAttrs, 'class' | 'category' | 'priority' | 'agency_id'>;

/**
 * What the fired rules change on a new ticket. An unset class or priority falls back to TRIAGE_FALLBACK; an unset
 * category stays unset (null), so an officer files the mail instead of a default guessing for them.
 */
export function triageChanges(ticket: Pick<TicketAttrs, 'category'>, a: TriageResult['actions'], agencyId: number): TriageChanges {
  return {
    class: a.class ?? TRIAGE_FALLBACK.class, category: a.category ?? ticket.category ?? null,
    priority: a.priority ?? TRIAGE_FALLBACK.priority, agency_id: agencyId,
  };
}

/** The `triage` ticket event: the first rule that fired and what the rules set (the rules page and audits read it). */
export function triageEvent(ticket: Pick<TicketAttrs, 'id' | 'received_at'>, ruleId: string | null, changes: TriageChanges, assigneeId: number | null) {
  return { ticket_id: ticket.id, kind: 'triage', message_id: null, at: ticket.received_at, details: JSON.stringify({ rule: ruleId, ...changes, assigneeId }) };
}

/** The agency a rule routes to (its code), or `fallback` when the rule names none or an unknown one. */
export async function routedAgencyId(db: Db, agencyCode: string | undefined, fallback: number): Promise<number> {
  if (!agencyCode) return fallback;
  const target = await findAgencyByCode(db, agencyCode);
  return target?.id ?? fallback;
}

export async function agentsOf(db: Db, agencyId: number): Promise<(AssignableAgent & { id: number })[]> {
  const users = await db.models.User.findAll({ where: { agency_id: agencyId, role: 'agent' }, attributes: ['id', 'active'] });
  if (users.length === 0) return [];
  const open = await db.models.TicketSla.findAll({ where: { assignee_id: { [Op.in]: users.map((u) => u.id) }, resolved_at: null },
    attributes: ['assignee_id', 'created_at'] });
  return users.map((u) => {
    const mine = open.filter((c) => c.assignee_id === u.id);
    const last = mine.reduce<Date | null>((m, c) => { const at = (c as unknown as { created_at: Date }).created_at; return !m || at > m ? at : m; }, null);
    return { id: u.id, active: Boolean(u.active), openCount: mine.length, lastAssignedAt: last };
  });
}

/** round_robin or least_open for one agency. */
export async function setAssignmentStrategy(db: Db, agencyId: number, strategy: AssignmentStateAttrs['strategy']): Promise<void> {
  const row = await db.models.AssignmentState.findByPk(agencyId);
  if (row) await row.update({ strategy });
  else await db.models.AssignmentState.create({ agency_id: agencyId, strategy, last_assignee_id: null });
}
