// Identical requests share one computation, and recent results are kept up to a size.
import { describe, expect, it } from 'vitest';
import { SharedResults } from '../../server/compute/shared-results.ts';

const counting = (value: string) => {
  let calls = 0;
  let release: () => void = () => undefined;
  const compute = () => {
    calls++;
    return new Promise<string>((resolve) => (release = () => resolve(value)));
  };
  return { compute, calls: () => calls, release: () => release() };
};

describe('SharedResults', () => {
  it('shares one computation among requests in flight, and keeps its result for the next', async () => {
    const results = new SharedResults(100);
    const job = counting('diff');
    const both = Promise.all([results.get('k', job.compute), results.get('k', job.compute)]);
    job.release();
    expect(await both).toEqual(['diff', 'diff']);
    expect(await results.get('k', job.compute)).toBe('diff');
    expect(job.calls()).toBe(1);
  });

  it('keeps nothing with keep: false, and nothing that failed', async () => {
    const results = new SharedResults(100);
    const job = counting('report');
    const first = results.get('k', job.compute, false);
    job.release();
    await first;
    const second = results.get('k', job.compute, false);
    job.release();
    await second;
    expect(job.calls()).toBe(2);
    await expect(results.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await results.get('bad', async () => 'fine')).toBe('fine');
  });

  it('drops the least recently used results beyond maxChars, and never keeps one larger than that', async () => {
    const results = new SharedResults(10);
    await results.get('a', async () => 'aaaa');
    await results.get('b', async () => 'bbbb');
    await results.get('a', async () => 'changed'); // a is now the most recently used
    await results.get('c', async () => 'cccc'); // 12 chars: b goes
    expect(await results.get('a', async () => 'new a')).toBe('aaaa');
    expect(await results.get('b', async () => 'new b')).toBe('new b');
    expect(await results.get('big', async () => 'x'.repeat(11))).toBe('x'.repeat(11));
    expect(await results.get('big', async () => 'recomputed')).toBe('recomputed');
  });
});
