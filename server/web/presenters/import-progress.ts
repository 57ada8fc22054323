// The progress bar of a web import: one percentage over the import's phases, weighted by what they cost
// (hashing initial passwords dominates). Pure, so the bar's arithmetic is unit-tested.
export const PHASE_WEIGHTS: Record<string, { start: number; span: number }> = {
  validate: { start: 0, span: 5 },
  plan: { start: 5, span: 10 },
  hash: { start: 15, span: 65 },
  write: { start: 80, span: 19 },
};

export interface RunProgress { status: string; phase: string | null; done: number; total: number }

export function importPercent(p: RunProgress): number {
  if (p.status === 'done') return 100;
  if (p.status === 'previewed' || p.status === 'queued') return 0;
  const w = p.phase ? PHASE_WEIGHTS[p.phase] : undefined;
  if (!w) return 0;
  const within = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 1;
  // After hashing the worker is inside the write transaction and reports nothing more until it is done.
  return Math.floor(w.start + w.span * within);
}
