// The workspace's sample story (`../shared/samples/`, beside the project, or the folder that
// NEWSROOM_SAMPLES_DIR names). Tests that import it are skipped with a printed reason where it is
// absent, except in CI, where they fail: a path silently left untested would hide a failure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

const SAMPLES_DIR = process.env.NEWSROOM_SAMPLES_DIR || fileURLToPath(new URL('../../../shared/samples/', import.meta.url));

/** The sample story file: a plain-text story with a `Picture Credit:` line and no `Headline:` line. */
export const SAMPLE_STORY = join(SAMPLES_DIR, '000_ebb6b6b0f14d11f9.txt');

/** `it(name, test, timeout)` where the sample story is there; otherwise fails in CI, else skips saying why. */
export function itWithSampleStory(name: string, test: () => Promise<void>, timeout?: number): void {
  if (existsSync(SAMPLE_STORY)) {
    it(name, test, timeout);
  } else if (process.env.CI) {
    it(name, () => {
      throw new Error(`CI is set but the sample story is missing at ${SAMPLE_STORY}: put ../shared/samples beside the project or set NEWSROOM_SAMPLES_DIR`);
    });
  } else {
    console.warn(`[tests] SKIPPED "${name}": no sample story at ${SAMPLE_STORY} (set NEWSROOM_SAMPLES_DIR to the folder holding it)`);
    it.skip(name, test);
  }
}
