/**
 * What a roster import would do, computed from the valid rows and the database, without writing: which
 * people are new, changed, unchanged, moving agency, leaving or coming back, who is missing from the file,
 * and the address each new or moving mailbox gets. Used for the dry run / web preview and by the import.
 */
import type { Db } from '../../db/index.js';
import type { MailboxAttrs, StaffAttrs } from '../../db/models/mail-accounts.js';
import { allocateLocalParts } from './address-allocator.js';
import type { RosterAgency, RosterRow } from './roster-file.js';
import { takenLocalParts } from './taken-addresses.js';

export type RowAction = 'create' | 'update' | 'unchanged' | 'transfer';

export interface PlannedRow {
  row: RosterRow;
  action: RowAction;
  staffId: number | null;
  /** Mailbox to create (new person, or existing person without one) or the target of a transfer. */
  newAddress: { localPart: string; domain: string } | null;
  mailboxId: number | null;
  currentAddress: string | null;
  leaving: boolean;
  rejoining: boolean;
  agency: RosterAgency;
}

export interface MissingStaff {
  staffId: number;
  employeeCode: string;
  fullName: string;
  agencyId: number;
}

export interface RosterPlan {
  rows: PlannedRow[];
  /** people of the scope not in the file: disabled with disableMissing */
  missing: MissingStaff[];
  /** also missing, but their account outranks the importer: reported, never disabled by this import */
  outranking?: MissingStaff[];
}

type StaffLite = Pick<StaffAttrs, 'id' | 'employee_code' | 'full_name' | 'agency_id' | 'position' | 'personal_email' | 'status'>;
type MailboxLite = Pick<MailboxAttrs, 'id' | 'staff_id' | 'address'>;

function sameFields(s: StaffLite, r: RosterRow, agencyId: number): boolean {
  return s.full_name === r.fullName && s.agency_id === agencyId && (s.position ?? null) === r.position &&
    (s.personal_email ?? null) === r.personalEmail && s.status === r.status;
}

export async function planRoster(
  db: Db,
  rows: readonly RosterRow[],
  agencies: ReadonlyMap<string, RosterAgency>,
  opts: { pattern: string; scopeAgencyIds?: number[]; now: Date },
): Promise<RosterPlan> {
  const staff = (await db.models.Staff.findAll({
    attributes: ['id', 'employee_code', 'full_name', 'agency_id', 'position', 'personal_email', 'status'], raw: true,
  })) as StaffLite[];
  const boxes = (await db.models.Mailbox.findAll({ where: { kind: 'staff' }, attributes: ['id', 'staff_id', 'address'], raw: true })) as MailboxLite[];
  const staffByCode = new Map(staff.map((s) => [s.employee_code, s]));
  const boxByStaff = new Map(boxes.filter((b) => b.staff_id !== null).map((b) => [b.staff_id!, b]));

  const planned: PlannedRow[] = rows.map((row) => {
    const agency = agencies.get(row.agencyCode)!;
    const existing = staffByCode.get(row.employeeCode);
    const box = existing ? boxByStaff.get(existing.id) : undefined;
    const wantsMailbox = row.status !== 'left';
    const base = { row, agency, staffId: existing?.id ?? null, mailboxId: box?.id ?? null, currentAddress: box?.address ?? null, newAddress: null };
    if (!existing) return { ...base, action: 'create', leaving: false, rejoining: false, newAddress: wantsMailbox ? { localPart: '', domain: agency.mailDomain! } : null };
    const leaving = existing.status !== 'left' && row.status === 'left';
    const rejoining = existing.status === 'left' && row.status !== 'left';
    if (box && existing.agency_id !== agency.id && box.address.split('@')[1] !== agency.mailDomain) {
      return { ...base, action: 'transfer', leaving, rejoining, newAddress: { localPart: '', domain: agency.mailDomain! } };
    }
    const needsBox = !box && wantsMailbox;
    const action: RowAction = sameFields(existing, row, agency.id) && !needsBox ? 'unchanged' : 'update';
    return { ...base, action, leaving, rejoining, newAddress: needsBox ? { localPart: '', domain: agency.mailDomain! } : null };
  });

  // Allocation per domain in file order, so earlier rows get the lower numbers (reproducible).
  const byDomain = new Map<string, PlannedRow[]>();
  for (const p of planned) if (p.newAddress) byDomain.set(p.newAddress.domain, [...(byDomain.get(p.newAddress.domain) ?? []), p]);
  const taken = await takenLocalParts(db, byDomain.keys(), { now: opts.now });
  for (const [domain, list] of byDomain) {
    const allocations = allocateLocalParts(list.map((p) => p.row.fullName), taken.get(domain)!, opts.pattern);
    allocations.forEach((a, i) => {
      // roster-file.ts already refused names that yield no address, so an error here is a bug, not input.
      if ('error' in a) throw new Error(`address allocation failed for row ${list[i]!.row.row}: ${a.error}`);
      list[i]!.newAddress!.localPart = a.localPart;
    });
  }

  const inFile = new Set(rows.map((r) => r.employeeCode));
  const scope = new Set(opts.scopeAgencyIds ?? planned.map((p) => p.agency.id));
  const missing = staff
    .filter((s) => s.status !== 'left' && scope.has(s.agency_id) && !inFile.has(s.employee_code))
    .map((s) => ({ staffId: s.id, employeeCode: s.employee_code, fullName: s.full_name, agencyId: s.agency_id }));
  return { rows: planned, missing };
}
