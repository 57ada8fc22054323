// How long to wait before reconnecting to an IMAP server, pure so the table is unit-tested
// (EmailEngine lib/email-client/reconnect-backoff.js). The attempt count resets only after a connection
// has stayed up for STABLE_CONNECTION_MS: a server that accepts and then drops us at once must not be
// hammered at the base delay forever.

export const RECONNECT_BASE_MS = 2_000;
export const RECONNECT_MAX_MS = 5 * 60_000;
export const STABLE_CONNECTION_MS = 60_000;

/** Delay before reconnect attempt `attempt` (1-based): base·2^(attempt−1), capped. */
export function reconnectDelayMs(attempt: number, baseMs = RECONNECT_BASE_MS, maxMs = RECONNECT_MAX_MS): number {
  if (attempt <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, attempt - 1));
}

/** The attempt number after a connection that lasted `upForMs` ended (0 → reconnect at once). */
export function nextReconnectAttempt(previousAttempt: number, upForMs: number, stableMs = STABLE_CONNECTION_MS): number {
  return upForMs >= stableMs ? 0 : previousAttempt + 1;
}
