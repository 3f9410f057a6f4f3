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
