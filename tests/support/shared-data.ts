// The workspace's shared data beside the project (../shared: the sample story, the real editing
// traces). A test that reads it calls requireSharedData first (or is written with
// itWithSharedData): skipped with the reason where the files are absent, failing under CI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { requireOrSkip } from './requirements.ts';

/** The shared folder: ../shared beside the project, or the folder NEWSROOM_SHARED_DIR names (a git worktree elsewhere). */
const SHARED_DIR = process.env.NEWSROOM_SHARED_DIR || fileURLToPath(new URL('../../../shared/', import.meta.url));

/** The sample story file: a plain-text story with a `Picture Credit:` line and no `Headline:` line. */
export const SAMPLE_ARTICLE = join(SHARED_DIR, 'samples', '000_ebb6b6b0f14d11f9.txt');

/** Where the shared editing traces live. */
const TRACES_DIR = join(SHARED_DIR, 'data', 'editing-traces');

/** The file of editing trace `name`. */
export const traceFile = (name: string) => join(TRACES_DIR, `${name}.json.gz`);

/** Returns when every file in `needs` exists; otherwise fails under CI, else skips the test (`skip` from its context). */
export function requireSharedData(needs: string[], skip: (note: string) => never): void {
  const missing = needs.filter((file) => !existsSync(file));
  // .ci/run sets NEWSROOM_SHARED_OPTIONAL on a machine without the shared folder (a fresh clone
  // need not have it): there the tests are skipped, each saying so, rather than failed.
  if (missing.length > 0 && process.env.NEWSROOM_SHARED_OPTIONAL) {
    console.warn(`[tests] SKIPPED: the workspace's shared data is missing: ${missing.join(', ')}`);
    return skip('the shared data is absent on this machine');
  }
  requireOrSkip(missing.length === 0 ? null : `the workspace's shared data is missing: ${missing.join(', ')} (put ../shared beside the project, or set NEWSROOM_SHARED_DIR to it)`, skip);
}

/** `it(name, test, timeoutMs)` for a test that reads `needs` (see requireSharedData). */
export function itWithSharedData(name: string, needs: string[], test: () => void | Promise<void>, timeoutMs?: number): void {
  it(
    name,
    async ({ skip }) => {
      requireSharedData(needs, skip);
      await test();
    },
    timeoutMs,
  );
}
