// Error factories for the web layer. Each carries an HTTP status, a stable id (also the i18n key) and whether it
// is worth reporting (logging as an error) — a 404 is not, a crash is.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly isReportable = false,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const NotFound = (what = 'page') => new HttpError(404, 'error.not_found', `${what} not found`);
export const Forbidden = (why = 'not allowed') => new HttpError(403, 'error.forbidden', why);
export const Unauthenticated = () => new HttpError(401, 'error.unauthenticated', 'login required');
export const CsrfMismatch = () => new HttpError(403, 'error.csrf', 'CSRF token missing or wrong');
export const BadRequest = (why = 'invalid input') => new HttpError(400, 'error.bad_request', why);
