// `npm start`: the embedded server (own SQLite data dir, demo newsroom on first run) plus the
// desktop window — or, where Electron's binary is missing, the same app in a browser.
// Plain Node, not Electron: it starts the window as a child process.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessOptions, collabOptions, parseArgs, UsageError } from '../../server/cli/args.ts';
import { demoMessage, seedDemo } from '../../server/demo/seed-demo.ts';
import { consoleLogger } from '../../server/log.ts';
import { startServer } from '../../server/start-server.ts';
import { detectElectron } from './detect-electron.ts';
import { electronPathIn } from './electron-path.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm start` prints when the desktop window cannot open: why, where the app is instead, and the one thing to do for the window. */
export function browserFallbackMessage(reason: string, url: string): string {
  return [
    `No desktop window: ${reason}`,
    `Newsroom is running for your browser: open ${url}/ and sign in. Press Ctrl-C to stop.`,
    'For the window, run `node node_modules/electron/install.js` where github.com can be reached, then `npm start` again.',
  ].join('\n');
}

async function main(): Promise<void> {
  const command = parseArgs(['--demo', ...process.argv.slice(2)], process.env);
  if (command.command !== 'serve') throw new UsageError('npm start takes the server options only (--port, --host, --data)');
  const logger = consoleLogger(command.logLevel);
  const server = await startServer({ dataDir: command.dataDir, host: command.host, port: command.port, logger, access: accessOptions(command), collab: collabOptions(command) });
  // The first start makes the demo newsroom and prints its password, once; later starts say how to set a new one.
  console.log(demoMessage(await seedDemo(server.store, server.accounts, { pictures: server.pictures }), { dataDir: command.dataDir }));
  console.log(`Newsroom server listening on ${server.url} (data: ${command.dataDir})`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const { unsaved } = await server.close();
    process.exit(unsaved.length > 0 ? 1 : code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // Not require('electron'): since Electron 42 that starts a download when the binary is missing.
  const load = () => electronPathIn(dirname(createRequire(import.meta.url).resolve('electron/package.json')), (file) => readFileSync(file, 'utf8'), process.env);
  const electron = detectElectron(load, existsSync);
  if (!electron.available) {
    console.log(`\n${browserFallbackMessage(electron.reason, server.url)}\n`);
    return;
  }
  if (!existsSync(`${ROOT}dist/electron/main/main.cjs`)) throw new Error('the desktop app is not built: run `npm run build` first');
  console.log('Opening the Newsroom window…');
  const child = spawn(electron.path, [ROOT], { stdio: 'inherit', env: { ...process.env } });
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
