// The shape of one agency in the org chart, and the pure checks every source of agencies
// (the demo seed, an HR org file, the admin UI) must pass before anything reaches the database.

export const AGENCY_KINDS = ['province', 'department', 'office', 'district', 'commune'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface AgencySeed {
  /** Short ASCII upper-case code; prefixes case refs such as `STC-2026-000123`, so it must stay stable. */
  code: string;
  /** Vietnamese name, NFC, with diacritics (Decree 92/2017 and QĐ 72/2002 require TCVN 6909 Unicode). */
  name: string;
  kind: AgencyKind;
  /** Code of the parent agency; null only for a root (the provincial People's Committee). */
  parentCode: string | null;
  /** Mail domain the agency's mailboxes live in, e.g. `stc.hoabinh.gov.vn` (Decree 43/2011 Art. 6). */
  mailDomain: string;
  /** Published citizen hotline address, inside `mailDomain`; null when the agency runs no hotline. */
  hotlineAddress: string | null;
}

// Codes go into case refs, URLs and mailbox paths: ASCII only, a letter first, 2–12 characters.
const AGENCY_CODE_RE = /^[A-Z][A-Z0-9]{1,11}$/;
// RFC 1035 label, ASCII only: Vietnamese letters in a domain would need IDNA, which no agency uses.
const DOMAIN_LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD_RE = /^[a-z]{2,63}$/;
const DOMAIN_MAX_CHARS = 253;
// Dot-atom local part (RFC 5322) narrowed to what Postfix/Dovecot SQL maps handle without quoting.
const LOCAL_PART_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LOCAL_PART_MAX_CHARS = 64;

export function isAgencyKind(value: string): value is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(value);
}

/** A code as people type it, as it is stored: trimmed and upper-cased. */
export function normaliseAgencyCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Why a value is refused: a stable `id` (the web's i18n key is `hr.err.<id>`, filled with `params`) and the same
 * in English for the CLI and logs (`message`, without the field's name: callers prefix it).
 */
export interface ValueProblem {
  id: string;
  params: Record<string, string | number>;
  message: string;
}

const problem = (id: string, message: string, params: Record<string, string | number> = {}): ValueProblem => ({ id, params, message });

/** Why `code` is not a valid agency code, or null when it is. Expects the caller to have upper-cased it. */
export function agencyCodeProblem(code: string): ValueProblem | null {
  if (code === '') return problem('agency_code.empty', 'is empty');
  if (!AGENCY_CODE_RE.test(code)) {
    return problem('agency_code.invalid', `"${code}" must be 2–12 ASCII letters or digits, starting with a letter (e.g. STC)`, { value: code });
  }
  return null;
}

/** Why `domain` is not a usable mail domain, or null when it is. Expects lower case. */
export function mailDomainProblem(domain: string): ValueProblem | null {
  const params = { value: domain, limit: DOMAIN_MAX_CHARS };
  if (domain === '') return problem('domain.empty', 'is empty');
  if (/[^ -~]/.test(domain)) return problem('domain.not_ascii', `"${domain}" must be ASCII (write it without diacritics)`, params);
  if (domain.length > DOMAIN_MAX_CHARS) return problem('domain.too_long', `"${domain}" is longer than ${DOMAIN_MAX_CHARS} characters`, params);
  const labels = domain.split('.');
  if (labels.length < 2) return problem('domain.one_label', `"${domain}" needs at least two labels (e.g. hoabinh.gov.vn)`, params);
  if (!labels.every((label) => DOMAIN_LABEL_RE.test(label))) {
    return problem('domain.bad_label', `"${domain}" has an empty or invalid label (letters, digits and inner hyphens only)`, params);
  }
  if (!TLD_RE.test(labels[labels.length - 1]!)) return problem('domain.bad_tld', `"${domain}" does not end in a valid top-level domain`, params);
  return null;
}

/** Why `address` is not a valid mailbox address, or null when it is. Expects lower case. A domain problem keeps
 * its id under `email.` (`email.domain.one_label`), with the whole address as `address`. */
export function emailAddressProblem(address: string): ValueProblem | null {
  if (address === '') return problem('email.empty', 'is empty');
  const at = address.lastIndexOf('@');
  if (at <= 0) return problem('email.no_local_part', `"${address}" is not an e-mail address (no local part before @)`, { value: address });
  const local = address.slice(0, at);
  if (local.length > LOCAL_PART_MAX_CHARS || !LOCAL_PART_RE.test(local)) {
    return problem('email.bad_local_part', `"${address}" has an invalid part before @ (ASCII letters, digits, dots; no diacritics)`, { value: address });
  }
  const domainProblem = mailDomainProblem(address.slice(at + 1));
  return domainProblem === null ? null
    : problem(`email.${domainProblem.id}`, `domain ${domainProblem.message}`, { ...domainProblem.params, address });
}

/** The domain part of an address, lower-cased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
