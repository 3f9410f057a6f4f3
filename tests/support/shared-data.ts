// Tests that read the workspace's shared data (../shared: the sample story, the real editing
// traces): skipped with a printed reason where that folder is absent, failing in CI, where a
// silently skipped test would hide a failure.
import { existsSync } from 'node:fs';
import { it } from 'vitest';

/** The sample story of the shared data set. */
export const SAMPLE_STORY = new URL('../../../shared/samples/000_ebb6b6b0f14d11f9.txt', import.meta.url);

/** `it(name, test)` when every file in `needs` exists; otherwise skipped with the reason printed, or failing in CI. */
export function itWithSharedData(name: string, needs: URL[], test: () => void | Promise<void>, timeoutMs?: number): void {
  const missing = needs.filter((file) => !existsSync(file)).map((file) => file.pathname);
  if (missing.length === 0) {
    it(name, test, timeoutMs);
  } else if (process.env.CI) {
    it(name, () => {
      throw new Error(`CI is set but the shared data is missing: ${missing.join(', ')}`);
    });
  } else {
    console.warn(`[tests] SKIPPED "${name}": ${missing.join(', ')} is absent (the workspace's ../shared folder)`);
    it.skip(name, test);
  }
}
