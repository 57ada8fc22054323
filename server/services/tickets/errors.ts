// Service errors the web layer maps to HTTP answers. A ticket outside the actor's agency is reported exactly
// like a missing one (TicketNotFoundError → 404), so a guessed ref reveals nothing about other agencies.
export class TicketNotFoundError extends Error {
  override readonly name = 'TicketNotFoundError';
  constructor(ref: string) {
    super(`ticket ${ref} not found`);
  }
}

/** The actor's role may read but not change tickets (leaders, HR). */
export class TicketForbiddenError extends Error {
  override readonly name = 'TicketForbiddenError';
}

/**
 * Bad input a person can fix (empty reply, an assignee from another agency); `field` names the form field, the
 * message is the stable id the edge translates, and `params` fill its text (a limit, a file name, a case ref).
 */
export class TicketInputError extends Error {
  override readonly name = 'TicketInputError';
  constructor(readonly field: string, message: string, readonly params: Record<string, string | number> = {}) {
    super(message);
  }
}
