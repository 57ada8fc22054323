/**
 * The headline metric "every civil servant has an official address", per agency: staff (not left), staff
 * with a mailbox that can log in, % covered, never logged in (neither on the web nor over IMAP/POP3: see
 * last-login.ts), suspended. One grouped query, so it stays one round trip at province scale.
 */
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { LOGGED_IN_SQL, MAIL_LOGINS_JOIN } from './last-login.js';
import { normaliseAgencyCode } from '../org/index.js';
import type { Principal } from '../auth/index.js';

export interface CoverageRow {
  agency: string;
  name: string;
  staff: number;
  active_mailboxes: number;
  covered_pct: number;
  never_logged_in: number;
  suspended: number;
}

export interface Coverage {
  agencies: CoverageRow[];
  total: Omit<CoverageRow, 'agency' | 'name'>;
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

export async function coverage(db: Db, opts: { agencyCode?: string } = {}): Promise<Coverage> {
  const rows = await db.sequelize.query<{ id: number; code: string; name: string; staff: number; active: number; never: number; suspended: number }>(
    `SELECT a.id, a.code, a.name,
            COUNT(s.id) AS staff,
            SUM(CASE WHEN m.id IS NOT NULL AND m.active = 1 AND m.allow_login = 1 THEN 1 ELSE 0 END) AS active,
            SUM(CASE WHEN m.id IS NOT NULL AND m.active = 1 AND NOT ${LOGGED_IN_SQL} THEN 1 ELSE 0 END) AS never,
            SUM(CASE WHEN m.suspended_at IS NOT NULL THEN 1 ELSE 0 END) AS suspended
       FROM agencies a
       LEFT JOIN staff s ON s.agency_id = a.id AND s.status <> 'left'
       LEFT JOIN mailboxes m ON m.staff_id = s.id AND m.kind = 'staff'
       ${MAIL_LOGINS_JOIN}
      ${opts.agencyCode ? 'WHERE a.code = :code' : ''}
      GROUP BY a.id, a.code, a.name
      ORDER BY a.code`,
    { replacements: { code: opts.agencyCode ? normaliseAgencyCode(opts.agencyCode) : null }, type: QueryTypes.SELECT },
  );
  const agencies = rows.map((r) => {
    const staff = Number(r.staff), active = Number(r.active ?? 0);
    return { agency: r.code, name: r.name, staff, active_mailboxes: active, covered_pct: pct(active, staff), never_logged_in: Number(r.never ?? 0), suspended: Number(r.suspended ?? 0) };
  });
  const sum = (k: 'staff' | 'active_mailboxes' | 'never_logged_in' | 'suspended'): number => agencies.reduce((n, a) => n + a[k], 0);
  return {
    agencies,
    total: { staff: sum('staff'), active_mailboxes: sum('active_mailboxes'), covered_pct: pct(sum('active_mailboxes'), sum('staff')), never_logged_in: sum('never_logged_in'), suspended: sum('suspended') },
  };
}

const NO_COVERAGE: Coverage = { agencies: [], total: { staff: 0, active_mailboxes: 0, covered_pct: 0, never_logged_in: 0, suspended: 0 } };

/**
 * Coverage as the actor may read it: every agency for a province-wide user, else their own agency only, with
 * its name for the page's heading (null province-wide).
 */
export async function coverageInScope(db: Db, actor: Pick<Principal, 'agencyId'>): Promise<{ coverage: Coverage; scopeName: string | null }> {
  if (actor.agencyId === null) return { coverage: await coverage(db), scopeName: null };
  const own = await db.models.Agency.findByPk(actor.agencyId, { attributes: ['code', 'name'], raw: true });
  // A scoped user whose agency row is gone sees nothing rather than everything.
  if (!own) return { coverage: NO_COVERAGE, scopeName: null };
  return { coverage: await coverage(db, { agencyCode: own.code }), scopeName: own.name };
}
