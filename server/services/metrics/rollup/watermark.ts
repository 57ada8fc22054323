// How far the catch-up may move a watermark over ids it has read (pure). Ids are handed out before commit, so
// on MariaDB a transaction can commit id 41 after id 42 is visible: a hole in the ids read may still fill in.
// The watermark stops before the first hole until the hole is older than GAP_GRACE_MS (by then the transaction
// that held it has committed or rolled back, and a rolled-back id never appears). Rows above a hole are
// processed anyway (recomputing a ticket twice changes nothing), so figures never wait for the hole.
export const GAP_GRACE_MS = 2 * 60_000;

export interface Watermark { last: number; gapSince: Date | null }

export function advanceWatermark(current: Watermark, ids: readonly number[], now: Date): Watermark {
  let expected = current.last + 1;
  let gapSince = current.gapSince;
  let firstGapAged = gapSince !== null && now.getTime() - gapSince.getTime() >= GAP_GRACE_MS;
  for (const id of ids) {
    if (id < expected) continue;
    if (id === expected) {
      expected += 1;
      continue;
    }
    if (!firstGapAged) return { last: expected - 1, gapSince: gapSince ?? now };
    // this hole has waited long enough: step over it; a later hole starts its own wait
    firstGapAged = false;
    gapSince = null;
    expected = id + 1;
  }
  return { last: expected - 1, gapSince: null };
}
