// `npm install`'s last step: fetch Electron's binary where its download host can be reached, and
// say in one line what happens where it cannot. Since Electron 42 the package has no postinstall
// (it downloads lazily on first require); this runs its install.js at install time instead, so
// the first `npm start` does not stall on a download, and a failure only means `npm start` serves
// the app for a browser.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectElectron } from './detect-electron.ts';
import { electronPathIn } from './electron-path.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Only looks (see electron-path.ts): the download below is the one this script chooses to run.
const load = (): unknown =>
  electronPathIn(dirname(createRequire(import.meta.url).resolve('electron/package.json')), (file) => readFileSync(file, 'utf8'), process.env);

/** The one line printed when there is no binary after install: why, and what `npm start` does then. */
export function noBinaryLine(why: string): string {
  return `Electron's binary was not downloaded (${why}): \`npm start\` will serve Newsroom for a browser; run \`node node_modules/electron/install.js\` where github.com is reachable to get the desktop window.`;
}

// The first line of the downloader's error that says what went wrong (e.g. "getaddrinfo ENOTFOUND github.com").
function firstErrorLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(Error|RequestError|HTTPError)\b|ENOTFOUND|ECONN|ETIMEDOUT/.test(l))?.replace(/^\w*Error:\s*/, '') ?? lines[0] ?? 'unknown error';
}

function main(): void {
  if (detectElectron(load, existsSync).available) return;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(noBinaryLine('ELECTRON_SKIP_BINARY_DOWNLOAD is set'));
    return;
  }
  const result = spawnSync(process.execPath, ['node_modules/electron/install.js'], { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000 });
  if (result.status === 0 && detectElectron(load, existsSync).available) console.log("Electron's binary downloaded: `npm start` opens the desktop window.");
  else console.log(noBinaryLine(result.error ? result.error.message : firstErrorLine(`${result.stderr}\n${result.stdout}`)));
}

main();
