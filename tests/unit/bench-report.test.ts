// The bench's report: each percentile printed with its spread between rounds, the client side's
// CPU beside each scenario, warnings when the clients or the machine were busy, and a results
// file that begins with how to run the bench.
import { describe, expect, it } from 'vitest';
import type { IdleResult } from '../../bench/idle.ts';
import type { LatencyResult } from '../../bench/latency.ts';
import { latencyTable, noiseWarning, resultsText, summaryTable, withSpread, type BenchResults } from '../../bench/report.ts';
import { summarizeRounds } from '../../bench/stats.ts';

const scenario = { label: '10 editors, 1 story', articles: 1, typists: 10, watchers: 0, keystrokes: 20 };

function latency(scale: number, busiestWorkerCpu = 30, otherCpu = 5): LatencyResult {
  // Round r takes r × scale ms every time: pooled, p50 is 2 × scale and p99, p99.9 are 3 × scale.
  const rounds = [1, 2, 3].map((r) => new Array<number>(1000).fill(r * scale));
  return {
    scenario,
    rounds: 3,
    perPeer: summarizeRounds(rounds),
    lastPeer: summarizeRounds(rounds),
    undelivered: 0,
    serverCpu: 12,
    clientCpu: 40,
    busiestWorkerCpu,
    workers: 2,
    otherCpu,
  };
}

const idle = (perConnection: number): IdleResult => ({
  scenario: { connections: 10_000, articles: 100 },
  rounds: [{ before: 100 << 20, after: (100 << 20) + perConnection * 10_000, connectMs: 5000 }],
  perConnection,
  spread: { min: perConnection - 1024, max: perConnection + 1024 },
});

function results(ours: LatencyResult, baseline: LatencyResult): BenchResults {
  return {
    latency: [{ ours, baseline }],
    trace: null,
    memory: null,
    idle: { ours: idle(10 * 1024), baseline: idle(20 * 1024) },
    scaleOut: { skipped: 'not run (--only)' },
    setup: { workers: 2, rounds: 3, flags: '--quick' },
    runSeconds: 42,
  };
}

describe('withSpread', () => {
  it('prints the pooled percentile with its lowest and highest round', () => {
    expect(withSpread(latency(1).perPeer, 'p50')).toBe('2.00 ms (1.00–3.00)');
    expect(withSpread(latency(1.5).perPeer, 'p999')).toBe('4.50 ms (1.50–4.50)');
  });
});

describe('summaryTable', () => {
  it('meets the target within 1.1× the baseline and misses it beyond', () => {
    expect(summaryTable(results(latency(1.05), latency(1)))).toContain('| each ≤ 1.1× baseline | yes / yes |');
    expect(summaryTable(results(latency(1.2), latency(1)))).toContain('| each ≤ 1.1× baseline | **NO** / **NO** |');
  });

  it('gives the memory per idle connection with its spread', () => {
    expect(summaryTable(results(latency(1), latency(1)))).toContain(
      '| server RSS per idle connection (10,000 over 100 open stories; median, min–max of 1 round) | 10.0 KiB (9.0–11.0) | 20.0 KiB (19.0–21.0) |',
    );
  });
});

describe('latencyTable', () => {
  it('has p50, p99 and p99.9 with their spread and the clients\' CPU beside each server', () => {
    const lines = latencyTable(results(latency(1), latency(2))).split('\n');
    expect(lines[0]).toContain('| per-peer p50 (rounds min–max) | p99 (min–max) | p99.9 (min–max) |');
    expect(lines[0]).toContain('| clients CPU (workers) | busiest worker |');
    expect(lines[2]).toBe(
      '| 10 editors, 1 story | newsroom | 3,000 | 2.00 ms (1.00–3.00) | 3.00 ms (1.00–3.00) | 3.00 ms (1.00–3.00) | 2.00 ms / 3.00 ms | 0 | 12 % | 40 % (2) | 30 % | 5 % |',
    );
    expect(lines[3]).toContain('| baseline | 3,000 | 4.00 ms (2.00–6.00) |');
  });
});

describe('noiseWarning', () => {
  it('is empty on a quiet machine with idle clients', () => {
    expect(noiseWarning(results(latency(1), latency(1)))).toBe('');
  });

  it('warns when a client worker neared a full core, or other processes were busy', () => {
    expect(noiseWarning(results(latency(1, 95), latency(1)))).toMatch(/a client worker used 95 % of a core/);
    expect(noiseWarning(results(latency(1), latency(1, 30, 60)))).toMatch(/other processes on this machine used up to 60 %/);
  });
});

describe('resultsText', () => {
  it('begins with how to run the bench, then the run and its flags', () => {
    const text = resultsText(results(latency(1), latency(1)));
    expect(text).toMatch(/^# Benchmark results\n\n## How to run\n\n`npm run bench` measures everything/);
    expect(text).toContain('`--quick`');
    expect(text).toMatch(/Last `npm run bench -- --quick`: .*; 2 client workers, 3 rounds per scenario and server; the run took 42 s\./);
    expect(text).toContain('## Keystroke latency');
    expect(text).toContain('Skipped: not run (--only).');
  });
});
