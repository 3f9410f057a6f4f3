// The bench's statistics: nearest-rank percentiles, the p50/p99/p99.9 summary, and the spread of
// each percentile between rounds that bench/RESULTS.md prints beside the pooled figure.
import { describe, expect, it } from 'vitest';
import { median, percentile, percentOf, spreadOf, summarize, summarizeRounds } from '../../bench/stats.ts';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('percentile', () => {
  it('takes the nearest rank, sorting numerically rather than as text', () => {
    expect(percentile([10, 9, 100, 2], 50)).toBe(9);
    expect(percentile([10, 9, 100, 2], 75)).toBe(10);
    expect(percentile([10, 9, 100, 2], 100)).toBe(100);
    expect(percentile([10, 9, 100, 2], 0)).toBe(2);
  });

  it('is NaN without values, and the median of one value is that value', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(median([7])).toBe(7);
  });
});

describe('summarize', () => {
  it('gives n, p50, p99 and p99.9 of 1..1000', () => {
    expect(summarize(oneTo(1000).reverse())).toEqual({ n: 1000, p50: 500, p99: 990, p999: 999 });
  });

  it('gives the largest value as p99.9 when there are fewer than 1000 samples', () => {
    expect(summarize(oneTo(200))).toEqual({ n: 200, p50: 100, p99: 198, p999: 200 });
  });

  it('does not change its input', () => {
    const values = [3, 1, 2];
    summarize(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('spread between rounds', () => {
  it('is the lowest and highest of each percentile over the rounds', () => {
    const spread = spreadOf([
      { n: 10, p50: 2, p99: 9, p999: 12 },
      { n: 10, p50: 1, p99: 11, p999: 11 },
      { n: 10, p50: 3, p99: 10, p999: 30 },
    ]);
    expect(spread).toEqual({ p50: { min: 1, max: 3 }, p99: { min: 9, max: 11 }, p999: { min: 11, max: 30 } });
  });

  it('leaves out rounds without samples, and is NaN when none has any', () => {
    expect(spreadOf([{ n: 0, p50: Number.NaN, p99: Number.NaN, p999: Number.NaN }, { n: 1, p50: 4, p99: 4, p999: 4 }]).p50).toEqual({ min: 4, max: 4 });
    expect(spreadOf([]).p99.min).toBeNaN();
  });

  it('pools every round for the main figure and keeps each round on its own', () => {
    const summary = summarizeRounds([oneTo(100), oneTo(100).map((v) => v + 100)]);
    expect(summary.pooled).toEqual({ n: 200, p50: 100, p99: 198, p999: 200 });
    expect(summary.rounds.map((r) => r.p50)).toEqual([50, 150]);
    expect(summary.spread.p50).toEqual({ min: 50, max: 150 });
    expect(summary.spread.p99).toEqual({ min: 99, max: 199 });
  });
});

describe('percentOf', () => {
  it('is a share in percent, 0 of nothing', () => {
    expect(percentOf(250, 1000)).toBe(25);
    expect(percentOf(5, 0)).toBe(0);
  });
});
