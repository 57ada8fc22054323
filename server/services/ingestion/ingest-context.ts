// What the per-message pipeline needs besides the database: secrets, our own identities, and the limits.
import type { Secrets } from './thread-tokens.js';

export interface IngestContext {
  /** HMAC secret(s) for own Message-IDs and body markers (newest first) */
  secret: Secrets;
  /** domain of our own Message-IDs and the X-Govmail-Loop value */
  ownDomain: string;
  /** hotline and notification addresses; mail from them is our own coming back, and never acknowledged */
  ownAddresses: string[];
  /** From of acknowledgements and alerts when the agency has no hotline address */
  mailFrom: string;
  /** admin addresses for alerts */
  alertTo: string[];
  ackLimitPerHour: number;
  ackLimitPerDay: number;
  now?: () => Date;
}

export const DEFAULT_ACK_LIMIT_PER_HOUR = 3;
export const DEFAULT_ACK_LIMIT_PER_DAY = 10;

export function primarySecret(secret: Secrets): string {
  return typeof secret === 'string' ? secret : secret[0];
}
