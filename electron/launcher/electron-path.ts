// Where the electron package's binary is, read the way the package's own index.js reads it but
// without its side effect: since Electron 42, require('electron') in Node downloads a missing
// binary on the spot (a blocking download, or a long failure offline). `npm start` must only look.
import { join } from 'node:path';

/** The electron package's `path.txt` names the binary inside its `dist/` folder once it is downloaded. */
export const ELECTRON_PATH_FILE = 'path.txt';

/**
 * The binary's path for the package in `packageDir`: `ELECTRON_OVERRIDE_DIST_PATH` when set (as the
 * package honours it), else `dist/` plus what `path.txt` names. Throws when `path.txt` is missing,
 * which is what a package whose binary was never downloaded looks like.
 */
export function electronPathIn(packageDir: string, readFile: (path: string) => string, env: NodeJS.ProcessEnv): string {
  let relative: string | null;
  try {
    relative = readFile(join(packageDir, ELECTRON_PATH_FILE)).trim();
  } catch {
    relative = null;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  if (!relative) throw new Error(`the electron package in ${packageDir} has no ${ELECTRON_PATH_FILE}: its binary was not downloaded`);
  return join(packageDir, 'dist', relative);
}
