// The closing `N passed, N failed` line, from real vitest runs of small files: a file whose
// beforeAll throws counts its unrun tests as failed (not skipped), one whose afterAll throws or
// that cannot load counts once, and each is named above the line.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import SummaryReporter from '../summary-reporter.ts';

const FIXTURES = fileURLToPath(new URL('./summary-reporter/', import.meta.url));

/** Runs vitest on one fixture file (or all) with only the summary reporter; what it printed. */
async function summaryOf(file: string): Promise<string> {
  let printed = '';
  // startVitest sets the exit code of a run with failures; that run's failures are this test's subject.
  const exitCode = process.exitCode;
  const vitest = await startVitest('test', [file], {
    root: FIXTURES,
    config: false,
    include: ['*.fixture.ts'],
    watch: false,
    reporters: [new SummaryReporter({ write: (text) => void (printed += text) })],
  });
  await vitest.close();
  process.exitCode = exitCode;
  return printed;
}

describe('the summary line', () => {
  it('counts the tests a throwing beforeAll kept from running as failed, and names the file', async () => {
    const printed = await summaryOf('before-all-throws.fixture.ts');
    expect(printed).toMatch(/\n1 passed, 1 failed \(1 skipped\)\n$/);
    expect(printed).toMatch(/FAILED outside any test: .*before-all-throws\.fixture\.ts > needs a database: connect ECONNREFUSED 127\.0\.0\.1:5432 \(1 test did not run\)/);
  }, 60_000);

  it('counts a file whose afterAll throws as one failure beside its passed tests', async () => {
    const printed = await summaryOf('after-all-throws.fixture.ts');
    expect(printed).toMatch(/\n1 passed, 1 failed\n$/);
    expect(printed).toMatch(/FAILED outside any test: .*after-all-throws\.fixture\.ts: the server did not stop\n/);
  }, 60_000);

  it('counts a file that cannot load as one failure', async () => {
    expect(await summaryOf('import-fails.fixture.ts')).toMatch(/FAILED outside any test: .*import-fails\.fixture\.ts: cannot load this file\n0 passed, 1 failed\n$/);
  }, 60_000);

  it('counts passes, failures and skips as they are', async () => {
    expect(await summaryOf('plain.fixture.ts')).toBe('\n1 passed, 1 failed (1 skipped)\n');
  }, 60_000);
});
