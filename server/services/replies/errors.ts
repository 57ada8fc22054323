// Errors of the reply tools. Edges translate the id (replies.error.<field>.<id>) and map the class to HTTP.

/** Input a person can fix: an empty name, an unknown {{variable}}, a file too large… `field` names the form field. */
export class ReplyInputError extends Error {
  override readonly name = 'ReplyInputError';
  constructor(readonly field: string, readonly id: string, readonly params: Record<string, string | number> = {}) {
    super(`${field}: ${id}`);
  }
}

/** The actor may not manage this agency's templates (another agency, or not a supervisor/admin). */
export class ReplyForbiddenError extends Error {
  override readonly name = 'ReplyForbiddenError';
}

/** A template id outside the actor's scope, reported like a missing one. */
export class ReplyTemplateNotFoundError extends Error {
  override readonly name = 'ReplyTemplateNotFoundError';
}

/** No agency of that code (or none at all) for a province-wide admin's templates page. */
export class ReplyAgencyNotFoundError extends Error {
  override readonly name = 'ReplyAgencyNotFoundError';
}
