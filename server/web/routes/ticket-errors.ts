// The tickets service's refusals as HTTP, one rule for every ticket route: outside the actor's scope is a 404
// (never "exists elsewhere", so an insider of another agency learns nothing), a role refusal is a 403.
import { TicketForbiddenError, TicketNotFoundError } from '../../services/tickets/index.js';
import { Forbidden, NotFound } from '../errors.js';

/** `subject` names what was not found on the 404 page ('ticket', or 'mail' on the review page). */
export function ticketHttpError(e: unknown, subject = 'ticket'): unknown {
  if (e instanceof TicketNotFoundError) return NotFound(subject);
  if (e instanceof TicketForbiddenError) return Forbidden(e.message);
  return e;
}
