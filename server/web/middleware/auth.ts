// Who may do what. Every route states the roles it admits; agency-scoped users only ever see their agency.
import type { RequestHandler, Request } from 'express';
import type { Role } from '../../db/models/foundation.js';
import { Forbidden, Unauthenticated } from '../errors.js';

/** Requires a login; pages redirect to /login, API calls get 401. A forced password change comes first. */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (!req.auth) {
    if (req.accepts(['html', 'json']) === 'html') return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return next(Unauthenticated());
  }
  if (req.auth.user.must_change_password && !req.path.startsWith('/account/password')) {
    return res.redirect(303, '/account/password');
  }
  next();
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(Unauthenticated());
    if (!roles.includes(req.auth.user.role)) return next(Forbidden(`role ${req.auth.user.role} may not use this`));
    next();
  };
}

/** The agency ids a user may act on: undefined = all (province-wide), otherwise exactly their agency. */
export function agencyScope(req: Request): number[] | undefined {
  const agencyId = req.auth?.user.agency_id;
  return agencyId === null || agencyId === undefined ? undefined : [agencyId];
}

/** Throws Forbidden unless the user may act on that agency. */
export function assertAgencyAccess(req: Request, agencyId: number | null | undefined): void {
  const scope = agencyScope(req);
  if (scope && (agencyId === null || agencyId === undefined || !scope.includes(agencyId))) throw Forbidden('outside your agency');
}

/** Province-wide settings (triage rules, SLA policies, the province calendar): an agency-scoped user gets 403. */
export const requireProvinceWide: RequestHandler = (req, _res, next) => {
  next(agencyScope(req) ? Forbidden('a province-wide setting: only a province-level user may change it') : undefined);
};
