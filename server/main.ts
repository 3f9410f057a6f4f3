// `npm run server -- …`: starts the server, or adds, lists and changes users (cli/user-commands.ts). Process
// concerns only (argv, stdin, signals, exit codes); the server itself is in start-server.ts.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ConfigError, DEFAULT_CONFIG, parseServerConfig } from './config/server-config.ts';
import { accessOptions, collabOptions, parseArgs, USAGE, UsageError, type ServeCommand, type UserAddCommand, type UserResetPasswordCommand } from './cli/args.ts';
import { Accounts, UserInputError, validateNewUser } from './auth/accounts.ts';
import { demoMessage, seedDemo } from './demo/seed-demo.ts';
import { runUserCommand } from './cli/user-commands.ts';
import { HttpError } from './http/http-error.ts';
import { consoleLogger } from './log.ts';
import { startServer } from './start-server.ts';
import { openStore, storeLocation } from './storage/open-store.ts';
import { DuplicateError } from './storage/store.ts';

async function readPasswordLine(command = 'user add'): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line.replace(/\r$/, '');
  }
  throw new UsageError(`${command} reads the password from stdin, and stdin was empty`);
}

async function userAdd(command: UserAddCommand): Promise<void> {
  // Refuse a bad name or role before asking for a password.
  validateNewUser(command);
  const password = await readPasswordLine();
  const store = await openStore(command);
  try {
    const user = await new Accounts(store).addUser({ ...command, password });
    console.log(`added ${user.username} (${user.role})`);
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    throw new UserInputError(`${error.message}; to give ${command.username} a new password: npm run server -- user reset-password ${command.username}`);
  } finally {
    await store.close();
  }
}

async function userResetPassword(command: UserResetPasswordCommand): Promise<void> {
  const password = await readPasswordLine('user reset-password');
  const store = await openStore(command);
  try {
    const user = await new Accounts(store).resetPassword(command.username, password);
    // A running server closes the user's sockets at its next re-check of open sessions (a few seconds).
    console.log(`new password set for ${user.username}; their sessions have ended`);
  } finally {
    await store.close();
  }
}

async function serve(command: ServeCommand): Promise<void> {
  const logger = consoleLogger(command.logLevel);
  if (command.redisUrl && !command.storeUrl) {
    logger.warn('--redis (or REDIS_URL) without --store: this instance keeps its own SQLite store, so other instances share none of its stories');
  }
  // The config is read before the store opens: a bad file stops the start with its reason.
  const config = command.configFile === undefined ? DEFAULT_CONFIG : parseServerConfig(await readFile(command.configFile, 'utf8'), command.configFile);
  const store = await openStore(command);
  const server = await startServer({
    store,
    dataDir: command.dataDir,
    host: command.host,
    port: command.port,
    logger,
    redisUrl: command.redisUrl,
    peer: command.peer,
    access: accessOptions(command),
    collab: collabOptions(command),
    limits: config.limits,
  });
  // The signal handlers come before the listening line: a supervisor may signal as soon as it reads that line.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: storing open stories and shutting down`);
    const { unsaved } = await server.close();
    if (unsaved.length > 0) {
      logger.error(`${unsaved.length} story/stories could not be stored; see the rescue files above`);
      process.exit(1);
    }
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  const where = storeLocation(command);
  if (command.demo) console.log(demoMessage(await seedDemo(server.store, server.accounts, { pictures: server.pictures }), command));
  console.log(`Newsroom server listening on ${server.url} (data: ${command.dataDir}${command.storeUrl ? `, store: ${where}` : ''})`);
}

async function main(): Promise<void> {
  const command = parseArgs(process.argv.slice(2), process.env);
  if (command.command === 'help') console.log(USAGE);
  else if (command.command === 'user-add') await userAdd(command);
  else if (command.command === 'user-reset-password') await userResetPassword(command);
  else if (command.command === 'serve') await serve(command);
  else await runUserCommand(command, (line) => console.log(line));
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  // A refusal the app would answer with a 4xx (no such user, the last active admin): its message.
  if (error instanceof UserInputError || error instanceof DuplicateError || error instanceof HttpError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error('newsroom server failed to start:', error);
  process.exit(1);
});
