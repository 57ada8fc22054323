// Case refs (AGENCY-YEAR-SEQUENCE, e.g. STC-2026-000123): the ticket's name in every mail we send, in our own
// Message-IDs and body markers (thread-tokens.ts), and what a citizen quotes in a subject. Only tickets/
// open-ticket.ts hands out sequences; everything else only reads refs.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';

/** Case refs such as STC-2026-000123: agency code, year, sequence. */
export const CASE_REF_SOURCE = '[A-Z][A-Z0-9]{1,15}-\\d{4}-\\d{6,}';
const REF_SEQUENCE_DIGITS = 6;

/** Letters agencies use in codes are A-Z0-9; anything else is dropped so the ref matches CASE_REF_SOURCE. */
export function refPrefix(agencyCode: string): string {
  const clean = agencyCode.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^[A-Z]/.test(clean) ? clean.slice(0, 16) : `A${clean}`.slice(0, 16);
}

/** `BULK-2026-`: the case refs of an agency's year share this prefix; the sequence follows it. */
export function refPrefixOf(agencyCode: string, receivedAt: Date): string {
  return `${refPrefix(agencyCode)}-${receivedAt.getUTCFullYear()}-`;
}

/** The highest sequence used under `prefix`, 0 when none. */
export async function lastRefSequence(db: Db, prefix: string): Promise<number> {
  // One inbox per agency and one lease per inbox serialise this; the unique ref index is the backstop.
  const last = await db.models.Ticket.findOne({ where: { ref: { [Op.like]: `${prefix}%` } }, order: [['id', 'DESC']], attributes: ['ref'] });
  return last ? Number(last.ref.slice(prefix.length)) : 0;
}

export const formatRef = (prefix: string, seq: number): string => prefix + String(seq).padStart(REF_SEQUENCE_DIGITS, '0');
