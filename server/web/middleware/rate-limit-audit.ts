// The audit row of a rate limit: once per IP per window, not once per refused request, so a flood from one
// address cannot grow audit_log (and its HMAC chain) by a row a request. Kept in the process like the limiter's
// own counters (express-rate-limit's memory store); a restart may audit a window twice, which is harmless.
import type { Request } from 'express';

/** Call with each refused request; true the first time an IP is refused in its current window. */
export function oncePerWindow(): (req: Request) => boolean {
  const auditedUntil = new Map<string, number>();
  return (req) => {
    const now = Date.now();
    const resetAt = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? now;
    for (const [ip, until] of auditedUntil) if (until <= now) auditedUntil.delete(ip);
    const key = req.ip ?? '';
    if (auditedUntil.has(key)) return false;
    auditedUntil.set(key, Math.max(resetAt, now + 1));
    return true;
  };
}
