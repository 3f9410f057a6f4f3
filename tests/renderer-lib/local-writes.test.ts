// "Saved on this computer" waits until the kept copy has committed every change, checked with one
// IndexedDB read at a time: changes made while a check runs are covered by one more check after
// it, not by one check each.
import { describe, expect, it } from 'vitest';
import { LocalWrites } from '../../renderer/src/lib/local-docs.ts';

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('LocalWrites', () => {
  it('is writing until a check started after the last write ends, with one check at a time', async () => {
    const checks: (() => void)[] = [];
    const writing: boolean[] = [];
    const writes = new LocalWrites(() => new Promise<void>((resolve) => checks.push(resolve)), (w) => writing.push(w), () => {});
    writes.wrote();
    writes.wrote();
    writes.wrote();
    expect(checks).toHaveLength(1);
    checks[0]();
    await settle();
    // The first check started before the second and third writes: it cannot vouch for them.
    expect(writing.at(-1)).toBe(true);
    expect(checks).toHaveLength(2);
    checks[1]();
    await settle();
    expect(writing.at(-1)).toBe(false);
    expect(checks).toHaveLength(2);

    writes.wrote();
    expect(writing.at(-1)).toBe(true);
    checks[2]();
    await settle();
    expect(writing.at(-1)).toBe(false);
    expect(checks).toHaveLength(3);
  });

  it('stays writing when a check fails, and checks again with the next write', async () => {
    const errors: unknown[] = [];
    const writing: boolean[] = [];
    let fail = true;
    const writes = new LocalWrites(() => (fail ? Promise.reject(new Error('broken')) : Promise.resolve()), (w) => writing.push(w), (e) => errors.push(e));
    writes.wrote();
    await settle();
    expect(errors).toHaveLength(1);
    expect(writing.at(-1)).toBe(true);
    fail = false;
    writes.wrote();
    await settle();
    expect(writing.at(-1)).toBe(false);
  });
});
