// Typed failures of the provisioning services. A web route maps `status` to the HTTP answer and shows the
// catalogue's text for `id` (hr.err.<id>, filled with `params`) next to `field`; the CLI prints `message` (English,
// precise) and exits 1. `id` is stable for tests and i18n.
export type ErrorParams = Record<string, string | number>;

export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
  readonly isReportable = false;
  constructor(
    readonly id: string,
    message: string,
    readonly field: string | null = null,
    readonly status = 400,
    /** values for the translated message (`hr.err.<id>` in server/i18n) */
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, value: string, field: string): ProvisioningError =>
  new ProvisioningError(`${what}.not_found`, `${what} "${value}" does not exist`, field, 404, { value });

export const invalid = (id: string, message: string, field: string, params: ErrorParams = {}): ProvisioningError =>
  new ProvisioningError(id, message, field, 400, params);

export const forbidden = (id: string, message: string, field: string | null, params: ErrorParams = {}): ProvisioningError =>
  new ProvisioningError(id, message, field, 403, params);
