// The linter run by `npm run lint` (and so by `npm test` and `npm run build`): ESLint's and
// typescript-eslint's type-aware recommended rules, eslint-plugin-svelte's recommended rules, a few
// more that catch real bugs, and import boundaries between the processes. Any warning fails the run.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './renderer/svelte.config.js';

// ESLint's own recommended set, read from the rules' metadata: the list @eslint/js ships as
// `configs.recommended`, without adding that package.
const eslintRecommended = {
  name: 'eslint:recommended',
  rules: Object.fromEntries([...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error'])),
};

const typeScriptFiles = ['**/*.ts', '**/*.svelte'];

/** The no-unsafe-* rules (reading, calling, passing or returning an `any`) turned off. */
const unsafeAnyOff = Object.fromEntries(
  ['argument', 'assignment', 'call', 'member-access', 'return'].map((what) => [`@typescript-eslint/no-unsafe-${what}`, 'off']),
);

/** An import pattern (matched against the import's path) with the reason it is refused. */
const refuse = (regex, message) => ({ regex, message });
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

export default defineConfig(
  { name: 'newsroom:ignores', ignores: ['dist/**', 'newsroom-data/**', 'test-output/**', '.vite/**', '**/*.d.ts'] },
  eslintRecommended,
  { name: 'typescript-eslint', files: typeScriptFiles, extends: [tseslint.configs.recommendedTypeChecked] },
  // typescript-eslint turns off the core rules TypeScript already checks (no-undef…) for .ts files
  // only; .svelte scripts are TypeScript too (its prefer-const is left out: props are `let`).
  {
    name: 'typescript-eslint:svelte',
    files: ['**/*.svelte'],
    rules: Object.fromEntries(Object.entries(tseslint.configs.eslintRecommended.rules).filter(([, level]) => level === 'off')),
  },
  svelte.configs.recommended,
  {
    name: 'newsroom:type-information',
    files: typeScriptFiles,
    languageOptions: {
      parserOptions: {
        // Each file is checked with the nearest tsconfig.json (root, renderer, tests/e2e, tests/renderer-lib).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    name: 'newsroom:svelte-parser',
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  { name: 'newsroom:plain-javascript', files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  {
    name: 'newsroom:globals-node',
    files: ['server/**', 'electron/**', 'tests/**', 'bench/**', '*.ts', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'newsroom:globals-browser',
    files: ['renderer/src/**', 'tests/components/**', 'tests/renderer-lib/**', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { name: 'newsroom:globals-service-worker', files: ['renderer/service-worker/**'], languageOptions: { globals: { ...globals.serviceworker } } },

  {
    name: 'newsroom:rules',
    files: typeScriptFiles,
    rules: {
      // Unused names, as TypeScript's noUnused* flags see them: `_`-prefixed parameters and the
      // names a rest destructuring leaves out (`{ secret: _secret, ...rest }`) are meant.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Y.Text and the XML types have a real toString() that Yjs's typings do not declare.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['YText', 'YXmlText', 'YXmlFragment', 'YXmlElement', 'Error', 'RegExp', 'URL', 'URLSearchParams'] }],
      // An async function without await still turns a throw into a rejection, and many implement
      // a Promise-returning interface (Store, Transport…): dropping `async` would change behaviour.
      '@typescript-eslint/require-await': 'off',
      // Rejecting or rethrowing what a catch received (typed unknown) passes the original error on.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      // A switch over a union names every member (or says `default`): a new status cannot slip through.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `return promise` inside try skips the catch/finally; awaiting there is the fix.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    name: 'newsroom:svelte-templates',
    files: ['**/*.svelte'],
    // svelte-eslint-parser types a child component's callback parameters in markup as `any`;
    // svelte-check types them from the component's props, and fails the build on a mismatch.
    rules: unsafeAnyOff,
  },
  {
    name: 'newsroom:tests',
    files: ['tests/**'],
    // Tests assert on JSON.parse results, vitest's asymmetric matchers (typed any) and, in
    // tests/components, DOM nodes checked without the DOM library: the assertion is the check.
    // A vitest fixture that needs no other fixture still destructures its first argument
    // (`async ({}, use) => …`): vitest reads the fixtures a function wants from that pattern.
    rules: { ...unsafeAnyOff, 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    name: 'newsroom:component-tests',
    files: ['tests/components/**'],
    // Checked without the DOM library (tests/components/dom.ts), testing-library's HTMLElement is
    // an unresolved type there, so every cast to the structural DOM types reads as unnecessary.
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },

  // Boundaries between the processes.
  {
    name: 'newsroom:boundary-model',
    files: ['model/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'model/ is pure: no Node modules.' })),
          ...['ws', 'pg', 'better-sqlite3', 'ioredis', 'sharp', 'electron', 'y-websocket', 'y-indexeddb', 'y-prosemirror', 'prosemirror-view'].map((name) => ({
            name,
            message: 'model/ is pure: no I/O, no DOM (take what you need as a parameter or a structural type).',
          })),
        ],
        patterns: [
          refuse('^node:', 'model/ is pure: no Node modules.'),
          refuse('(^|/)(server|renderer|electron)/', 'model/ is shared by every process and imports none of them.'),
        ],
      }],
      'no-restricted-globals': ['error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({ name, message: 'model/ is pure: no Node globals.' })),
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'WebSocket'].map((name) => ({
          name,
          message: 'model/ is pure: no DOM and no I/O.',
        })),
      ],
    },
  },
  {
    name: 'newsroom:boundary-electron',
    files: ['electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [refuse('(^|/)renderer/', 'electron/ talks to the renderer over IPC only (model/desktop-bridge.ts).')] }] },
  },
  {
    name: 'newsroom:boundary-renderer',
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          refuse('^node:', 'The renderer runs in a browser page: no Node modules.'),
          refuse('(^|/)(server|electron)/', 'The renderer reaches the server over HTTP and the shell over the desktop bridge only.'),
        ],
      }],
    },
  },
  {
    name: 'newsroom:boundary-server',
    files: ['server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [refuse('(^|/)(renderer|electron)/', 'The server imports neither the renderer nor the desktop shell.')] }] },
  },
);
