/**
 * What `npm run bench` (bench/all.ts) gathers into its one table: each bench
 * reports its headline measures with report(); they print as one
 * `BENCH-RESULT {json}` line a measure when run under bench/all.ts
 * (BENCH_SUMMARY=1), and not at all when a bench runs on its own.
 */
export interface Measure {
  measure: string;
  /** The target as the issue states it, e.g. "≤ 3 s". */
  target: string;
  /** The target's figure in `unit`, for the ratio (lower is better). */
  targetValue?: number;
  unit: 'ms' | 'syncs';
  /** Each run's figure (at least 3 where the bench repeats). */
  values: number[];
  /** The least the work could take (e.g. the same rows inserted by the bare driver), for the ratio. */
  floor?: number;
}

export function report(m: Measure): void {
  if (process.env.BENCH_SUMMARY) console.log(`BENCH-RESULT ${JSON.stringify(m)}`);
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A fixed amount of CPU work (ms): higher means a busier or slower machine. */
export function calibration(): number {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 30_000_000; i++) x = (x + i * 7) % 1_000_003;
  if (x < 0) console.log(x);
  return performance.now() - t;
}
