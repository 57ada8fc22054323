/**
 * Collision handling for staff local parts: the base if free, else base2, base3, … (lowest free number).
 *
 * Scope: one mail domain. The caller passes what is taken *in that domain*, lower-case. The database's
 * unique key on the address stays the final arbiter (two imports can race); on a duplicate-key error,
 * reload the taken set and allocate again.
 *
 * Leavers: mailbox rows of leavers are kept (disabled, mail retained), so their addresses are taken anyway.
 * Once a row is deleted, its address must still not go to someone else for a quarantine period, or the
 * newcomer receives mail meant for the leaver. Rule: the caller adds those addresses to the taken set;
 * `quarantinedLocalParts()` computes them from deletion dates.
 */
import { compileAddressPattern, DEFAULT_ADDRESS_PATTERN, LOCAL_PART_MAX_CHARS } from './address-pattern.js';

/**
 * Never handed out to a person. Role mailboxes required by RFC 2142 and common practice, plus the
 * hotline names agencies use (vietnam.md §3.2). Compared after lower-casing.
 */
export const RESERVED_LOCAL_PARTS: readonly string[] = Object.freeze([
  'postmaster',
  'abuse',
  'admin',
  'administrator',
  'hostmaster',
  'webmaster',
  'root',
  'hotline',
  'duongdaynong',
  'noreply',
  'no-reply',
  'mailer-daemon',
  'info',
  'support',
  'security',
]);

const RESERVED = new Set(RESERVED_LOCAL_PARTS);

/** Default number of days a deleted leaver's address stays out of circulation. */
export const LEAVER_QUARANTINE_DAYS = 365;
const DAY_MS = 86_400_000;

export function isReservedLocalPart(localPart: string): boolean {
  return RESERVED.has(localPart.toLowerCase());
}

/** base + n, shortened so the result still fits the RFC length limit. */
function withSuffix(base: string, n: number): string {
  if (n === 1) return base;
  const suffix = String(n);
  return base.slice(0, LOCAL_PART_MAX_CHARS - suffix.length) + suffix;
}

function firstFree(base: string, start: number, isTaken: (candidate: string) => boolean): [string, number] {
  for (let n = start; ; n++) {
    const candidate = withSuffix(base, n);
    if (!RESERVED.has(candidate) && !isTaken(candidate)) return [candidate, n];
  }
}

/** The base if free, else base + the lowest free number from 2. Reserved names count as taken. */
export function allocateLocalPart(base: string, isTaken: (candidate: string) => boolean): string {
  const normalized = base.toLowerCase();
  if (normalized === '') throw new Error('Cannot allocate an empty local part');
  return firstFree(normalized, 1, isTaken)[0];
}

export type Allocation = { fullName: string; localPart: string } | { fullName: string; error: string };

/**
 * Allocates for a whole roster in input order (earlier rows get the lower numbers, so sort the roster
 * stably, e.g. by employee code, for reproducible results). Each base remembers its next number, so n rows
 * cost O(n) set operations rather than rescanning annv, annv2, … for every An. Rows whose name yields no
 * address get an `error` instead of aborting the batch. `taken` is not modified.
 */
export function allocateLocalParts(
  fullNames: readonly string[],
  taken: Iterable<string>,
  pattern: string = DEFAULT_ADDRESS_PATTERN,
): Allocation[] {
  const build = compileAddressPattern(pattern);
  const used = new Set<string>();
  for (const t of taken) used.add(t.toLowerCase());
  const nextNumber = new Map<string, number>();
  const isTaken = (c: string): boolean => used.has(c);
  return fullNames.map((fullName) => {
    let base: string;
    try {
      base = build(fullName);
    } catch (err) {
      return { fullName, error: (err as Error).message };
    }
    const [localPart, n] = firstFree(base, nextNumber.get(base) ?? 1, isTaken);
    used.add(localPart);
    nextNumber.set(base, n + 1);
    return { fullName, localPart };
  });
}

/** Local parts deleted less than `days` ago at `now`: pass them to the allocator as taken. */
export function quarantinedLocalParts(
  deleted: Iterable<{ localPart: string; deletedAt: Date }>,
  now: Date,
  days: number = LEAVER_QUARANTINE_DAYS,
): Set<string> {
  const cutoffMs = now.getTime() - days * DAY_MS;
  const out = new Set<string>();
  for (const d of deleted) if (d.deletedAt.getTime() > cutoffMs) out.add(d.localPart.toLowerCase());
  return out;
}
