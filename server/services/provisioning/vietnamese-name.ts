/**
 * Vietnamese personal names: normalisation and family / middle / given split (folding to ASCII is text/tone-marks.ts).
 *
 * Vietnamese order is family (họ) – middle names (tên đệm) – given name (tên); people are sorted and greeted
 * by the given name, which is always the last syllable. Compound family names ("Âu Dương") need no special
 * case: the default address pattern uses initials of everything before the given name either way.
 */

export interface VietnameseName {
  /** The whole name, NFC, single-spaced, original case (for display and credential sheets). */
  full: string;
  /** First syllable; empty for a one-syllable name, which is treated as a given name only. */
  family: string;
  /** Everything between family and given name, in order (often "Văn" or "Thị"); may be empty. */
  middles: string[];
  /** Last syllable. */
  given: string;
}

// \s covers NBSP and tabs, which Excel rosters carry more often than one would hope.
const WHITESPACE_RUN = /\s+/gu;

/**
 * NFC, trimmed, whitespace runs collapsed to one space. NFD input (macOS, some phone keyboards) comes out
 * identical to NFC input, so `'Hòa'` typed either way compares equal afterwards.
 */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/** Splits a full name, family first and given name last. Throws on a blank name. */
export function splitName(raw: string): VietnameseName {
  const full = normalizeName(raw);
  if (full === '') throw new Error('Name is empty');
  const parts = full.split(' ');
  const given = parts[parts.length - 1]!;
  if (parts.length === 1) return { full, family: '', middles: [], given };
  return { full, family: parts[0]!, middles: parts.slice(1, -1), given };
}
