// The bench's pure bookkeeping: which server goes first in each round, how keystrokes typed in
// one client worker are matched to their arrival in others, how editors are dealt out to the
// workers, how a server's rounds are summarised, and the bench's command line.
import { describe, expect, it } from 'vitest';
import { parseBenchArgs, PARTS } from '../../bench/bench-args.ts';
import { deal } from '../../bench/client-pool.ts';
import { idleResult } from '../../bench/idle.ts';
import { matchDeliveries, pool, roundOrder, type LatencyScenario, type Round } from '../../bench/latency.ts';

const scenario: LatencyScenario = { label: 'test', articles: 1, typists: 2, watchers: 1, keystrokes: 2 };

describe('roundOrder', () => {
  it('interleaves the servers ABBA, so that neither always runs right after the other', () => {
    const order = [0, 1, 2, 3].flatMap(roundOrder);
    expect(order).toEqual(['ours', 'baseline', 'baseline', 'ours', 'ours', 'baseline', 'baseline', 'ours']);
  });
});

describe('matchDeliveries', () => {
  it('times each keystroke to each peer by client id and clock, and to its last peer', () => {
    // Client 7 typed clocks 100 and 101 at 10 and 20 ms; client 8 typed clock 5 at 30 ms.
    const sent = [Float64Array.from([7, 100, 10, 7, 101, 20]), Float64Array.from([8, 5, 30])];
    // Two peers each: everything arrived in two workers, plus an arrival of an untracked change.
    const arrivals = [Float64Array.from([7, 100, 11, 7, 101, 25, 8, 5, 31, 9, 1, 40]), Float64Array.from([7, 100, 13, 7, 101, 21, 8, 5, 38])];
    const { perPeer, lastPeer, undelivered } = matchDeliveries(sent, arrivals, 2);
    expect(perPeer.sort((a, b) => a - b)).toEqual([1, 1, 1, 3, 5, 8]);
    expect(lastPeer.sort((a, b) => a - b)).toEqual([3, 5, 8]);
    expect(undelivered).toBe(0);
  });

  it('counts deliveries that never came, and leaves those keystrokes out of the last-peer figures', () => {
    const { perPeer, lastPeer, undelivered } = matchDeliveries([Float64Array.from([7, 1, 0, 7, 2, 0])], [Float64Array.from([7, 1, 4])], 2);
    expect(perPeer).toEqual([4]);
    expect(lastPeer).toEqual([]);
    expect(undelivered).toBe(3);
  });
});

describe('deal', () => {
  it('gives item i to worker i mod n, so the editors of one story land in different workers', () => {
    expect(deal(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
    expect(deal([1], 3)).toEqual([[1], [], []]);
  });
});

describe('pool', () => {
  const round = (perPeer: number[], seconds: number, workerMs: number[]): Round => ({
    perPeer,
    lastPeer: perPeer,
    undelivered: 1,
    seconds,
    serverMs: 500 * seconds,
    workerMs,
    benchMs: 100 * seconds,
    otherMs: 0,
  });

  it('pools the rounds, keeps their spread and gives CPU as % of one core over all the windows', () => {
    const result = pool(scenario, [round([1, 2, 3], 1, [200, 400]), round([4, 5, 6], 3, [900, 2400])]);
    expect(result.rounds).toBe(2);
    expect(result.perPeer.pooled.n).toBe(6);
    expect(result.perPeer.spread.p50).toEqual({ min: 2, max: 5 });
    expect(result.undelivered).toBe(2);
    expect(result.serverCpu).toBe(50);
    // Workers 3,900 ms + bench 400 ms over 4 s.
    expect(result.clientCpu).toBeCloseTo(107.5);
    // The busiest worker of a round: 400 ms of 1 s, 2,400 ms of 3 s.
    expect(result.busiestWorkerCpu).toBe(80);
    expect(result.workers).toBe(2);
  });
});

describe('idleResult', () => {
  it('gives the median bytes per connection over the rounds and their min–max', () => {
    const rounds = [
      { before: 1000, after: 21_000, connectMs: 1 },
      { before: 1000, after: 41_000, connectMs: 1 },
      { before: 5000, after: 35_000, connectMs: 1 },
    ];
    const result = idleResult({ connections: 10, articles: 1 }, rounds);
    expect(result.perConnection).toBe(3000);
    expect(result.spread).toEqual({ min: 2000, max: 4000 });
  });
});

describe('parseBenchArgs', () => {
  it('runs every part, in three rounds, into bench/RESULTS.md by default', () => {
    const args = parseBenchArgs([]);
    expect(args.rounds).toBe(3);
    expect([...args.parts]).toEqual([...PARTS]);
    expect(args.quick).toBe(false);
    expect(args.out?.pathname.endsWith('/bench/RESULTS.md')).toBe(true);
  });

  it('writes a quick or partial run nowhere unless --out says where', () => {
    expect(parseBenchArgs(['--quick']).out).toBeNull();
    expect(parseBenchArgs(['--only', 'latency']).out).toBeNull();
    expect(parseBenchArgs(['--rounds', '1']).out).toBeNull();
    expect(parseBenchArgs(['--rounds', '5']).out?.pathname.endsWith('/bench/RESULTS.md')).toBe(true);
    expect(parseBenchArgs(['--quick', '--out', '/tmp/quick.md']).out?.pathname).toBe('/tmp/quick.md');
  });

  it('takes the parts --only names and the number of workers', () => {
    const args = parseBenchArgs(['--only', 'idle, latency', '--workers', '3', '--rounds', '4']);
    expect([...args.parts].sort()).toEqual(['idle', 'latency']);
    expect(args.workers).toBe(3);
    expect(args.rounds).toBe(4);
    expect(args.flags).toBe('--only idle, latency --workers 3 --rounds 4');
  });

  it('refuses an unknown part, a bad worker count and an unknown flag with a sentence', () => {
    expect(() => parseBenchArgs(['--only', 'speed'])).toThrow(/--only takes parts among latency, trace, memory, idle, scale-out, browser, offline, not "speed"/);
    expect(() => parseBenchArgs(['--workers', '0'])).toThrow(/--workers takes a whole number/);
    expect(() => parseBenchArgs(['--rounds', '2.5'])).toThrow(/--rounds takes a whole number/);
    expect(() => parseBenchArgs(['--fast'])).toThrow();
  });
});
