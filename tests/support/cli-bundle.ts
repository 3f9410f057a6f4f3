// server/main.ts bundled into one file for tests that start the command line many times: `node BUNDLE`
// starts in a third of the time of `tsx server/main.ts` (tsx resolves and loads every module through
// its hooks). The same source, compiled by the same esbuild tsx uses (tsx's own dependency); packages
// stay outside the bundle and load from node_modules as they do under tsx.
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** A bundle of the server's command line on disk. */
export interface CliBundle {
  /** The bundle's path: run it with `node PATH ARGS…` from anywhere. */
  path: string;
  /** Deletes the bundle. */
  remove(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles server/main.ts into test-output/ (inside the project, so its packages resolve from node_modules).
 * Each module keeps its own `import.meta.url`: the files found beside a module (the worker entries, which
 * load TypeScript through tsx as they do under the server, the demo's sample story, the built renderer)
 * are the project's own, not copies.
 */
export async function bundleServerCli(): Promise<CliBundle> {
  const path = `${ROOT}test-output/cli-bundle/main-${process.pid}-${randomBytes(4).toString('hex')}.mjs`;
  await build({
    entryPoints: [`${ROOT}server/main.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: path,
    logLevel: 'error',
    plugins: [
      {
        name: 'own-import-meta-url',
        setup(bundler) {
          bundler.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => ({
            contents: (await readFile(file, 'utf8'))
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href))
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(file)))
              .replaceAll('import.meta.filename', JSON.stringify(file)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return { path, remove: () => rm(path, { force: true }) };
}
