// Percentiles and small summaries of latency samples, per round and across rounds.

/** The nearest-rank percentile `p` (0–100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  return nearestRank(Float64Array.from(values).sort(), p);
}

// The nearest-rank percentile of values already sorted (a Float64Array sorts numerically).
function nearestRank(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // The epsilon keeps a float error (99.9 / 100 × 1000 = 999.0000000000001) from taking the next rank.
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median of `values`. */
export const median = (values: readonly number[]): number => percentile(values, 50);

/** Sample count, p50, p99 and p99.9 of a set of latencies. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  p999: number;
}

/** The percentiles a Summary holds. */
export const PERCENTILES = ['p50', 'p99', 'p999'] as const;

/** One of the percentiles of a Summary. */
export type PercentileName = (typeof PERCENTILES)[number];

/** Summarises latency samples. */
export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort(); // sorted once for the three percentiles
  return { n: sorted.length, p50: nearestRank(sorted, 50), p99: nearestRank(sorted, 99), p999: nearestRank(sorted, 99.9) };
}

/** The lowest and highest value of one measure across rounds. */
export interface Range {
  min: number;
  max: number;
}

/** A set of rounds: all samples pooled, and how far each percentile moved between rounds. */
export interface RoundsSummary {
  /** Every round's samples together. */
  pooled: Summary;
  /** Each round on its own. */
  rounds: Summary[];
  /** Min and max of each percentile over the rounds (rounds without samples are left out). */
  spread: Record<PercentileName, Range>;
}

/** The min–max of each percentile over `rounds`; NaN when no round has samples. */
export function spreadOf(rounds: readonly Summary[]): Record<PercentileName, Range> {
  const measured = rounds.filter((r) => r.n > 0);
  const range = (name: PercentileName): Range =>
    measured.length === 0
      ? { min: Number.NaN, max: Number.NaN }
      : { min: Math.min(...measured.map((r) => r[name])), max: Math.max(...measured.map((r) => r[name])) };
  return { p50: range('p50'), p99: range('p99'), p999: range('p999') };
}

/** Summarises samples taken in rounds: pooled, per round, and the spread between rounds. */
export function summarizeRounds(rounds: readonly (readonly number[])[]): RoundsSummary {
  const perRound = rounds.map(summarize);
  return { pooled: summarize(rounds.flat()), rounds: perRound, spread: spreadOf(perRound) };
}

/** `value` as a percentage of `whole` (0 when `whole` is 0). */
export const percentOf = (value: number, whole: number): number => (whole === 0 ? 0 : (value / whole) * 100);
