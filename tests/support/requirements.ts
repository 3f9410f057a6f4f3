import { describe, it } from 'vitest';

// What a test needs from outside the project (a Postgres, a Redis, the workspace's ../shared
// data): where it is missing the test is skipped with the reason printed, except under CI, where
// it fails — a path silently left untested would hide a failure.

/** Returns when `missing` is null; otherwise fails under CI, else skips the test (`skip` from its context) saying why. */
export function requireOrSkip(missing: string | null, skip: (note: string) => never): void {
  if (missing === null) return;
  if (process.env.CI) throw new Error(`CI is set but ${missing}`);
  console.warn(`[tests] SKIPPED: ${missing}`);
  skip(missing);
}

/**
 * `describe(name, body)` when nothing is `missing`; otherwise the same rule for a whole block:
 * under CI one test that fails naming what is missing, elsewhere the block skipped saying why.
 */
export function describeRequiring(name: string, missing: string[], body: () => void): void {
  if (missing.length === 0) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has what it runs against', () => {
        throw new Error(`CI is set but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not: set ${missing.length === 1 ? 'it' : 'them'} to run "${name}"`);
      });
    });
  } else {
    console.warn(`[tests] SKIPPED "${name}": set ${missing.join(' and ')} to run it`);
    describe.skip(name, body);
  }
}
