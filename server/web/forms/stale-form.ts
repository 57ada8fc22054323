// What a posted form says about the version it was drawn from (services/tickets staleness.ts): the ticket page's
// and the merge page's forms carry the ticket's `version`, the queue's bulk form its sealed `seen` mark (sealBulkMark),
// and each carries `confirm_stale` = '1' once the person chose to act on a ticket changed since. Pure.

/** Whether the form confirms acting on a ticket someone else changed since it was drawn ("do it anyway"). */
export function confirmsStale(body: unknown): boolean {
  return ((body ?? {}) as Record<string, unknown>).confirm_stale === '1';
}

/** The version a ticket form was drawn from (hidden field `version`) and the "send anyway" confirmation. */
export function seenOf(body: unknown): { version: number | null; confirmed: boolean } {
  const b = (body ?? {}) as Record<string, unknown>;
  const v = typeof b.version === 'string' && /^\d{1,12}$/.test(b.version) ? Number(b.version) : null;
  return { version: v, confirmed: confirmsStale(body) };
}
