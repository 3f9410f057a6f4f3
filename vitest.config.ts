// Test projects: unit (pure, fast; unit-mocking for the files that mock a module), components (Svelte in jsdom), integration (real server on
// port 0), storage (one suite against the SQLite and Postgres stores), hostile (attacks on the
// real server in a process of its own) and e2e (the built UI in Chromium against a real server).
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/**
 * How many test files of the other projects run at once: 2 by default, one a core here (vitest's own
 * default keeps a core free, which on a 2-core machine ran every file one after another).
 */
const FILES_AT_ONCE = Number(process.env.NEWSROOM_TEST_FILES_AT_ONCE ?? 2);

/** How many hostile-suite files run at once (2 by default; 1 for figures untouched by another attack). */
const HOSTILE_FILES_AT_ONCE = Number(process.env.HOSTILE_FILES_AT_ONCE ?? 2);

/** Unit files that mock a module or stub the environment (vi.mock, vi.stubEnv): each needs a module graph of its own. */
const MOCKING_UNIT_FILES = ['tests/unit/electron-main-wiring.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    maxWorkers: FILES_AT_ONCE,
    projects: [
      // Not isolated: a worker runs file after file in one process, importing shared modules once rather than once
      // a file (a process and its imports cost more than most unit files' tests). Unsafe for a file that mocks a
      // module (vi.mock) or stubs the environment: those go in MOCKING_UNIT_FILES, run isolated as `unit-mocking`.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: MOCKING_UNIT_FILES, environment: 'node', isolate: false } },
      { extends: true, test: { name: 'unit-mocking', include: MOCKING_UNIT_FILES, environment: 'node' } },
      {
        extends: true,
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true } }), svelteTesting()],
        // Components, and the renderer's state classes (runes, DOM): both in jsdom.
        // 15 s a test: a jsdom render that takes 0.3 s alone took over 5 s beside two loaded e2e files on 2 cores.
        test: { name: 'components', include: ['tests/components/**/*.test.ts', 'tests/renderer-lib/**/*.test.ts'], environment: 'jsdom', testTimeout: 15_000 },
      },
      {
        extends: true,
        // Not isolated, as unit (here and for storage and e2e): the server's modules are imported once a worker, not
        // once a file (seconds a file on a busy 2-core machine). Every file starts and disposes servers, stores and
        // browsers of its own; none mocks a module, stubs the environment or listens on `process`.
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, isolate: false },
      },
      {
        extends: true,
        test: { name: 'storage', include: ['tests/storage/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, isolate: false },
      },
      {
        extends: true,
        // Two attack files at a time (HOSTILE_FILES_AT_ONCE=1 for one at a time, as the figures in SECURITY.md
        // were taken): each attacks a server process of its own, whose memory is its own; the honest
        // editors' delivery times then include the other attack's load on the machine (each figure says so).
        test: {
          name: 'hostile',
          include: ['tests/hostile/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: HOSTILE_FILES_AT_ONCE > 1,
          maxWorkers: HOSTILE_FILES_AT_ONCE,
          // A worker count of its own needs a group of its own: after the other projects, never beside them.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Not isolated, as integration: playwright and the server's modules are imported once a worker.
          isolate: false,
          // Files run beside the other projects' (two at a time in all): each has its own server and browser.
          // A page on a loaded 2-core machine can take seconds to settle (vitest's 1 s default flakes;
          // 10 s did too, with other suites running): every poll waits up to 20 s unless it says otherwise.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
