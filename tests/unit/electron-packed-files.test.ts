// electron-builder.yml packs what the app loads: the main bundle and its chunks, the preload, and
// the renderer's page with every script, stylesheet and asset it references. Runs on a fresh build
// of the Electron bundles and the built renderer, without Electron's binary.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuilder, build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPaths } from '../../electron/main/app-paths.ts';
import { filesGlobs, isPacked, loadedFiles, unpackedFiles } from '../../electron/launcher/packed-files.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const globs = filesGlobs(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
const mainEntry = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main);
const paths = builtPaths(ROOT);
const entries = [mainEntry, paths.preload, join(paths.rendererRoot, 'index.html')];

beforeAll(async () => {
  // The Electron bundles are small: always rebuilt, so the check sees this source. The renderer
  // (what `npm run build:app` and the e2e tests use) is built only when missing.
  await (await createBuilder({ configFile: join(ROOT, 'vite.electron.config.ts'), logLevel: 'error' })).buildApp();
  if (!existsSync(join(paths.rendererRoot, 'index.html'))) await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
}, 300_000);

describe('electron-builder.yml files', () => {
  it('reads the files globs', () => {
    expect(globs).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*']));
  });

  it('packs every file the main, preload and renderer bundles load, and each of them exists', () => {
    const { files } = loadedFiles(entries, paths.rendererRoot);
    // The walk finds the chunks: main's bundled dependencies, the renderer's scripts and styles.
    expect(files.some((file) => file.includes(join('dist', 'electron', 'main', 'assets')))).toBe(true);
    expect(files.some((file) => file.endsWith('.css'))).toBe(true);
    expect(unpackedFiles(ROOT, entries, paths.rendererRoot, globs)).toEqual({ unpacked: [], missing: [] });
  });

  it('would catch a glob list that leaves a loaded file out', () => {
    const without = globs.filter((glob) => glob !== 'dist/electron/**/*').concat('dist/electron/*/*.cjs');
    expect(unpackedFiles(ROOT, entries, paths.rendererRoot, without).unpacked).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dist\/electron\/main\/assets\/.+\.cjs$/)]),
    );
  });

  it('follows references and reports missing files, and applies ! exclusions in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-pack-'));
    try {
      mkdirSync(join(dir, 'r', 'assets'), { recursive: true });
      writeFileSync(join(dir, 'r', 'index.html'), '<script type="module" src="/assets/app.js"></script><link rel="stylesheet" href="/assets/app.css"><a href="https://example.org/">x</a>');
      writeFileSync(join(dir, 'r', 'assets', 'app.js'), 'import("./lazy.js")');
      writeFileSync(join(dir, 'r', 'assets', 'app.css'), 'body { background: url(./paper.png) } a { background: url("data:image/png;base64,AA") }');
      const { files, missing } = loadedFiles([join(dir, 'r', 'index.html')], join(dir, 'r'));
      expect(files.map((file) => file.slice(dir.length + 1)).sort()).toEqual(['r/assets/app.css', 'r/assets/app.js', 'r/index.html'].map((f) => join(...f.split('/'))));
      expect(missing.map((file) => file.slice(dir.length + 1)).sort()).toEqual([join('r', 'assets', 'lazy.js'), join('r', 'assets', 'paper.png')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(isPacked('dist/renderer/app.js.map', ['dist/**/*', '!**/*.map'])).toBe(false);
    expect(isPacked('node_modules/x/index.js', ['**/*', '!node_modules{,/**/*}'])).toBe(false);
    expect(isPacked('dist/renderer/app.js', ['dist/**/*', '!**/*.map'])).toBe(true);
  });
});

