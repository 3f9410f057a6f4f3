// Ends every test run with one plain line, `N passed, N failed`, for CI records. A test that never
// ran because a beforeAll (or a fixture, or the file's import) failed counts as failed, not
// skipped: an unreachable Postgres or a missing Chromium must not read as "skipped".
import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

/** Counts test cases by outcome and prints the closing summary line. */
export default class SummaryReporter implements Reporter {
  private readonly write: (text: string) => void;

  /** `write` takes the output (stdout by default; vitest passes the reporter's options here). */
  constructor(options: { write?: (text: string) => void } = {}) {
    this.write = options.write ?? ((text) => void process.stdout.write(text));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const notes: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed' || failedBeforeRunning(test)) failed++;
        else skipped++;
      }
      // A file or block whose own hook (or import) failed: once, unless its tests already counted it.
      for (const entity of [module, ...module.children.allSuites()]) {
        const errors = entity.errors();
        if (errors.length === 0) continue;
        const unrun = [...entity.children.allTests()].filter(failedBeforeRunning).length;
        if (unrun === 0) failed++;
        const where = entity.type === 'module' ? entity.moduleId : `${entity.module.moduleId} > ${entity.fullName}`;
        const message = errors.map((e) => e.message).join('; ');
        notes.push(`FAILED outside any test: ${where}: ${message}${unrun > 0 ? ` (${unrun} test${unrun === 1 ? '' : 's'} did not run)` : ''}`);
      }
    }
    failed += unhandledErrors.length;
    const skippedNote = skipped > 0 ? ` (${skipped} skipped)` : '';
    this.write(`\n${notes.map((n) => `${n}\n`).join('')}${passed} passed, ${failed} failed${skippedNote}\n`);
  }
}

/** Whether `test` was meant to run but did not, because a block around it failed first. */
function failedBeforeRunning(test: TestCase): boolean {
  if (test.options.mode !== 'run' || test.result().state !== 'skipped') return false;
  for (let parent: TestSuite | TestModule = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true;
    if (parent.type === 'module') return false;
  }
}
