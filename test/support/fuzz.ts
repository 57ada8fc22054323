// Shared knobs of the property-based fuzz tests (issue 13 item 11): a fixed seed and a modest run count in CI,
// FUZZ_SEED / FUZZ_RUNS to replay a failure or run long.
export function fuzzSeed(): number {
  const raw = process.env.FUZZ_SEED;
  if (raw === undefined || raw === '') return 13_11;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED: "${raw}" is not an integer`);
  return n;
}

/** How many inputs (mails, roster rows) a fuzz test generates: `fallback` unless FUZZ_RUNS says otherwise. */
export function fuzzRuns(fallback: number): number {
  const raw = process.env.FUZZ_RUNS;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FUZZ_RUNS: "${raw}" is not a positive integer`);
  return n;
}
