// The one hook ingestion calls when it opens a ticket: triage it (rules, assignee), then start its legal clock.
// Runs inside the ingestion transaction. History imports are triaged for metrics but get no clock.
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { startClock } from '../sla/clock-store.js';
import { applyTriage } from '../triage/apply-triage.js';
import type { TriageMail } from '../triage/rules.js';

export async function triageAndStartClock(db: Db, ticket: TicketAttrs, mail: TriageMail | null): Promise<TicketAttrs> {
  const { ticket: triaged, rule, assigneeId } = await applyTriage(db, ticket, mail);
  if (triaged.history) return triaged;
  const clock = await startClock(db, triaged, { assigneeId, triageRule: rule?.id ?? null });
  return { ...triaged, due_at: clock.resolution_due, first_response_due_at: clock.first_response_due };
}
