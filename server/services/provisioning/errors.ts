// Typed failures of the provisioning services. A web route maps `status` to the HTTP answer and shows
// `message` next to `field`; the CLI prints `message` and exits 1. `id` is stable for tests and i18n.
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
  readonly isReportable = false;
  constructor(
    readonly id: string,
    message: string,
    readonly field: string | null = null,
    readonly status = 400,
    /** values for the translated message (`hr.err.<id>` in server/i18n) */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, value: string, field: string): ProvisioningError =>
  new ProvisioningError(`${what}.not_found`, `${what} "${value}" does not exist`, field, 404);

export const invalid = (id: string, message: string, field: string): ProvisioningError =>
  new ProvisioningError(id, message, field, 400);
