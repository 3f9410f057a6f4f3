// Test projects: unit (pure, fast), components (Svelte in jsdom), integration (real server on
// port 0), storage (one suite against the SQLite and Postgres stores), hostile (attacks on the
// real server in a process of its own) and e2e (the built UI in Chromium against a real server).
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true } }), svelteTesting()],
        // Components, and the renderer's state classes (runes, DOM): both in jsdom.
        test: { name: 'components', include: ['tests/components/**/*.test.ts', 'tests/renderer-lib/**/*.test.ts'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'storage', include: ['tests/storage/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        // One attack at a time: each measures the server's memory and the honest editors' delivery times.
        test: { name: 'hostile', include: ['tests/hostile/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // A page on a loaded 2-core machine can take seconds to settle; vitest's 1 s default flakes.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
