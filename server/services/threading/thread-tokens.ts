import { createHmac, timingSafeEqual } from 'node:crypto';
import { normaliseMessageId } from '../../mail/message-id.js';
import { CASE_REF_SOURCE } from './case-ref.js';

// Tokens we put in outbound mail so replies find their ticket again. Each carries an HMAC so a
// stranger cannot attach mail to someone else's case by typing a ticket number (Zammad #5064).
// Everything is lower-cased before signing: some relays change the case of Message-ID local parts.

/** Own Message-IDs: 8 hex digits = 32 bits; each id in In-Reply-To/References is one guess. */
const ID_TAG_HEX = 8;
/**
 * Body markers: 16 hex digits = 64 bits in the markers we write. Mail sent before carries 8 (32 bits), which must
 * still thread, so both lengths are read. A body may repeat a marker any number of times, so only the first
 * MARKERS_CHECKED distinct ones are verified: one mail buys a forger that many guesses, not one per marker it
 * carries (each an HMAC on the commit path).
 */
const MARKER_TAG_HEX = 16;
const OLD_MARKER_TAG_HEX = 8;
export const MARKERS_CHECKED = 3;
/** Own-looking ids in In-Reply-To/References verified per mail, for the same reason: the header has no length
 *  limit of its own, and a genuine reply names its parent first. */
const OWN_IDS_CHECKED = 3;
const NONCE_PATTERN = /^[a-z0-9]{1,64}$/;
const OWN_ID_PATTERN = new RegExp(`^ticket\\.(${CASE_REF_SOURCE})\\.([a-z0-9]{1,64})\\.([0-9a-f]{${ID_TAG_HEX}})@`, 'i');
const MARKER_PATTERN = new RegExp(
  `\\[#GM:(${CASE_REF_SOURCE}):([0-9a-f]{${OLD_MARKER_TAG_HEX}}(?:[0-9a-f]{${MARKER_TAG_HEX - OLD_MARKER_TAG_HEX}})?)\\]`, 'gi');

/** One secret, or several during rotation (newest first); tokens verify against any of them. */
export type Secrets = string | readonly string[];

/** The secret new tokens are signed with (the newest). */
export function primarySecret(secret: Secrets): string {
  return typeof secret === 'string' ? secret : secret[0];
}

/** Set on every mail we send (value: our Message-ID domain), so our own mail coming back is recognised. */
export const LOOP_HEADER = 'x-govmail-loop';

export interface OwnMessageIdInput {
  ticketRef: string;
  /** Lower-case letters and digits only, unique per outbound mail (e.g. the outbox row id in base36). */
  nonce: string;
  secret: string;
  domain: string;
}

/** The HMAC tokens are signed with (hex); the readers take it as a parameter so a test can count the checks. */
export type TokenHmac = (secret: string, data: string) => string;
const hmacSha256: TokenHmac = (secret, data) => createHmac('sha256', secret).update(data).digest('hex');

/** `<ticket.STC-2026-000123.NONCE.HMAC8@domain>` */
export function makeOwnMessageId({ ticketRef, nonce, secret, domain }: OwnMessageIdInput): string {
  const ref = canonicalRef(ticketRef);
  const lowerNonce = nonce.toLowerCase();
  if (!NONCE_PATTERN.test(lowerNonce)) throw new Error('nonce must be 1-64 letters or digits');
  return `<ticket.${ref}.${lowerNonce}.${sign(secret, ID_TAG_HEX, 'mid', ref, lowerNonce)}@${domain.toLowerCase()}>`;
}


/** The ticket ref of one of our own Message-IDs, or null when it is not ours or its HMAC is forged. */
export function readOwnMessageId(id: string, secret: Secrets, hmac: TokenHmac = hmacSha256): string | null {
  const match = OWN_ID_PATTERN.exec(normaliseMessageId(id));
  if (!match) return null;
  const ref = match[1].toUpperCase();
  const nonce = match[2].toLowerCase();
  return verifies(secret, match[3], ['mid', ref, nonce], hmac) ? ref : null;
}

/**
 * The ticket ref of the first genuine own Message-ID among `ids` (nearest first), or null. Ids that are not ours
 * cost nothing; of those that look like ours, only the first OWN_IDS_CHECKED distinct ones are verified.
 */
export function findOwnMessageId(ids: readonly string[], secret: Secrets, hmac: TokenHmac = hmacSha256): string | null {
  const checked = new Set<string>();
  for (const id of ids) {
    const normalised = normaliseMessageId(id);
    if (checked.has(normalised) || !OWN_ID_PATTERN.test(normalised)) continue;
    const ref = readOwnMessageId(normalised, secret, hmac);
    if (ref) return ref;
    checked.add(normalised);
    if (checked.size >= OWN_IDS_CHECKED) return null;
  }
  return null;
}

/** `[#GM:STC-2026-000123:0123456789abcdef]`: short and space-free, so `> ` quoting and flowed text keep it whole. */
export function makeBodyMarker(ticketRef: string, secret: string): string {
  const ref = canonicalRef(ticketRef);
  return `[#GM:${ref}:${sign(secret, MARKER_TAG_HEX, 'marker', ref)}]`;
}


/**
 * The ref of the first genuine marker in the text (the newest, in top-posted replies), or null. Only the first
 * MARKERS_CHECKED distinct markers are verified; a marker repeated (quoted again, or in the HTML part too) counts once.
 */
export function findBodyMarker(text: string, secret: Secrets, hmac: TokenHmac = hmacSha256): string | null {
  const checked = new Set<string>();
  for (const match of text.matchAll(MARKER_PATTERN)) {
    const ref = match[1].toUpperCase();
    const tag = match[2].toLowerCase();
    const key = `${ref}:${tag}`;
    if (checked.has(key)) continue;
    if (verifies(secret, tag, ['marker', ref], hmac)) return ref;
    checked.add(key);
    if (checked.size >= MARKERS_CHECKED) return null;
  }
  return null;
}

function canonicalRef(ticketRef: string): string {
  const ref = ticketRef.trim().toUpperCase();
  if (!new RegExp(`^${CASE_REF_SOURCE}$`).test(ref)) throw new Error(`not a case ref: ${ticketRef}`);
  return ref;
}

function sign(secret: string, hexChars: number, ...parts: string[]): string {
  return signWith(hmacSha256, secret, hexChars, parts);
}

/** A tag is a prefix of the hex HMAC, so a longer tag of the same token starts with the shorter one. */
function signWith(hmac: TokenHmac, secret: string, hexChars: number, parts: string[]): string {
  if (!secret) throw new Error('thread token secret is empty');
  return hmac(secret, parts.join('\n')).slice(0, hexChars);
}

/** Whether `given` is the token's tag at its own length (the patterns admit only the lengths we ever wrote). */
function verifies(secrets: Secrets, given: string, parts: string[], hmac: TokenHmac = hmacSha256): boolean {
  const actual = Buffer.from(given.toLowerCase());
  return [secrets].flat().some((secret) => {
    if (!secret) return false;
    return timingSafeEqual(Buffer.from(signWith(hmac, secret, actual.length, parts)), actual);
  });
}
