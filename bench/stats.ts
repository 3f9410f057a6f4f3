// Percentiles and small summaries of latency samples.

/** The nearest-rank percentile `p` (0–100) of `values`; NaN when there are none. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median of `values`. */
export const median = (values: readonly number[]): number => percentile(values, 50);

/** Sample count, p50 and p99 of a set of latencies. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
}

/** Summarises latency samples. */
export function summarize(values: readonly number[]): Summary {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99) };
}
