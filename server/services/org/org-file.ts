// An org-chart file from HR (CSV or XLSX: code,name,kind,parent_code,mail_domain,hotline_address) →
// validated agencies plus every problem, each naming its row and field. No database here: the caller
// passes the codes that already exist, and decides whether to import when `errors` is not empty.

import { type Table, type TableIssue, readTable, validateColumns } from '../import/index.js';
import {
  AGENCY_KINDS,
  type AgencySeed,
  agencyCodeProblem,
  domainOf,
  emailAddressProblem,
  isAgencyKind,
  mailDomainProblem,
  type ValueProblem,
} from './agency.js';

export const ORG_FILE_REQUIRED_COLUMNS = ['code', 'name', 'kind', 'mail_domain'] as const;
// parent_code may be left out of a file that only holds a root; hotline_address of agencies without a hotline.
export const ORG_FILE_OPTIONAL_COLUMNS = ['parent_code', 'hotline_address'] as const;
const NAME_MAX_CHARS = 255;

export type OrgFileError = TableIssue;

export interface OrgFileResult {
  /** Rows that passed every check, in file order. */
  agencies: AgencySeed[];
  errors: OrgFileError[];
}

interface Draft {
  row: number;
  agency: AgencySeed;
  errors: OrgFileError[];
}

/** Validates a table already read; `existingCodes` are agencies in the database a parent_code may name. */
export function parseOrgTable(table: Table, existingCodes: Iterable<string> = []): OrgFileResult {
  const columnErrors = validateColumns(table.headers, ORG_FILE_REQUIRED_COLUMNS, ORG_FILE_OPTIONAL_COLUMNS, table.headerRow || 1);
  if (columnErrors.length > 0) return { agencies: [], errors: [...table.issues, ...columnErrors] };

  const drafts = table.rows.map(({ row, values }) => readRow(row, values));
  checkRepeats(drafts, (draft) => draft.agency.code, 'code');
  checkRepeats(drafts, (draft) => draft.agency.hotlineAddress ?? '', 'hotline_address');
  checkParents(drafts, new Set([...existingCodes].map((code) => code.toUpperCase())));

  const errors = [...table.issues, ...drafts.flatMap((draft) => draft.errors)];
  errors.sort((a, b) => a.row - b.row);
  return { agencies: drafts.filter((draft) => draft.errors.length === 0).map((draft) => draft.agency), errors };
}

export async function readOrgFile(path: string, existingCodes: Iterable<string> = []): Promise<OrgFileResult> {
  return parseOrgTable(await readTable(path), existingCodes);
}

function readRow(row: number, values: Record<string, string>): Draft {
  const errors: OrgFileError[] = [];
  // Each problem carries a stable id and its values (the web shows `hr.err.<id>` in the reader's language).
  const fail = (field: string, message: string, id: string, params: Record<string, string | number> = {}): void =>
    void errors.push({ row, field, message, id, params });
  const failOn = (field: string, p: ValueProblem): void => fail(field, `${field} ${p.message}`, p.id, p.params);

  // Codes and addresses are identifiers: compared case-insensitively, stored in one case.
  const code = (values.code ?? '').toUpperCase();
  const name = values.name ?? '';
  const kind = (values.kind ?? '').toLowerCase();
  const parentCode = (values.parent_code ?? '').toUpperCase();
  const mailDomain = (values.mail_domain ?? '').toLowerCase();
  const hotline = (values.hotline_address ?? '').toLowerCase();

  const codeProblem = agencyCodeProblem(code);
  if (codeProblem) failOn('code', codeProblem);
  if (name === '') fail('name', 'name is empty', 'org.name_empty');
  else if (name.length > NAME_MAX_CHARS) fail('name', `name is longer than ${NAME_MAX_CHARS} characters`, 'org.name_too_long', { limit: NAME_MAX_CHARS });
  if (!isAgencyKind(kind)) {
    fail('kind', `unknown kind "${values.kind ?? ''}"; expected one of ${AGENCY_KINDS.join(', ')}`, 'org.kind_unknown',
      { value: values.kind ?? '', expected: AGENCY_KINDS.join(', ') });
  } else if (parentCode === '' && kind !== 'province') {
    fail('parent_code', `parent_code is required for a ${kind}`, 'org.parent_required', { kind });
  }
  const domainProblem = mailDomainProblem(mailDomain);
  if (domainProblem) failOn('mail_domain', domainProblem);
  if (hotline !== '') {
    const addressProblem = emailAddressProblem(hotline);
    if (addressProblem) failOn('hotline_address', addressProblem);
    // govmail creates the hotline mailbox, and it can only do so in the agency's own domain.
    else if (!domainProblem && domainOf(hotline) !== mailDomain) {
      fail('hotline_address', `hotline_address "${hotline}" is not in the agency's mail_domain ${mailDomain}`, 'org.hotline_outside_domain',
        { value: hotline, domain: mailDomain });
    }
  }

  const agency: AgencySeed = {
    code,
    name,
    kind: isAgencyKind(kind) ? kind : 'department',
    parentCode: parentCode === '' ? null : parentCode,
    mailDomain,
    hotlineAddress: hotline === '' ? null : hotline,
  };
  return { row, agency, errors };
}

function checkRepeats(drafts: Draft[], keyOf: (draft: Draft) => string, field: string): void {
  const firstRow = new Map<string, number>();
  for (const draft of drafts) {
    const key = keyOf(draft);
    if (key === '') continue;
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, draft.row);
    else draft.errors.push({ row: draft.row, field, message: `${field} "${key}" is already used on row ${first}`, id: 'table.repeated', params: { value: key, first } });
  }
}

function checkParents(drafts: Draft[], existingCodes: Set<string>): void {
  // Any well-formed code in the file counts as present, even on a row with other errors, so one bad row
  // does not also produce a misleading "unknown parent" on each of its children.
  const parentInFile = new Map<string, string | null>();
  for (const draft of drafts) {
    if (agencyCodeProblem(draft.agency.code) === null && !parentInFile.has(draft.agency.code)) {
      parentInFile.set(draft.agency.code, draft.agency.parentCode);
    }
  }
  for (const draft of drafts) {
    const { code, parentCode } = draft.agency;
    if (parentCode === null) continue;
    const fail = (message: string, id: string): void =>
      void draft.errors.push({ row: draft.row, field: 'parent_code', message, id, params: { value: parentCode, code } });
    if (parentCode === code) fail(`parent_code "${parentCode}" is the agency itself`, 'org.parent_self');
    else if (!parentInFile.has(parentCode) && !existingCodes.has(parentCode)) {
      fail(`parent_code "${parentCode}" is neither in this file nor an existing agency`, 'org.parent_unknown');
    } else if (cycleFrom(code, parentInFile)) {
      fail(`parent_code "${parentCode}" makes a cycle (${code} is its own ancestor)`, 'org.parent_cycle');
    }
  }
}

/** True when following parents inside the file from `code` comes back to `code`. */
function cycleFrom(code: string, parentInFile: Map<string, string | null>): boolean {
  const seen = new Set<string>();
  let current = parentInFile.get(code) ?? null;
  while (current !== null && parentInFile.has(current) && !seen.has(current)) {
    if (current === code) return true;
    seen.add(current);
    current = parentInFile.get(current) ?? null;
  }
  return false;
}
