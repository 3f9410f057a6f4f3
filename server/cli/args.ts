// Command-line parsing for `npm run server -- …`: pure, so it is tested without a process.

/** Options of the `serve` command. */
export interface ServeCommand {
  command: 'serve';
  host: string;
  port: number;
  dataDir: string;
  demo: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The shared Postgres store (a postgres:// URL); undefined for SQLite in `dataDir`. */
  storeUrl?: string;
  /** Redis shared with the other instances of this newsroom; undefined for a single instance. */
  redisUrl?: string;
}

/** Options of `user add`. */
export interface UserAddCommand {
  command: 'user-add';
  username: string;
  role: string;
  displayName?: string;
  dataDir: string;
  /** The shared Postgres store (a postgres:// URL); undefined for SQLite in `dataDir`. */
  storeUrl?: string;
}

/** What the user asked for. */
export type Command = ServeCommand | UserAddCommand | { command: 'help' };

/** A mistake on the command line; the message says what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The help text. */
export const USAGE = `Usage:
  npm run server -- [--port N] [--host H] [--data DIR] [--demo] [--log-level debug|info|warn|error] [--redis URL] [--store URL]
  npm run server -- user add NAME --role ROLE [--display-name "Full Name"] [--data DIR] [--store URL]   (password on stdin)

Environment: PORT, HOST, NEWSROOM_DATA do what --port, --host, --data do.
--store postgres://USER:PASS@HOST:PORT/DB (env DATABASE_URL): keep the newsroom in this shared Postgres database
  instead of SQLite in the data dir (pictures stay in the data dir).
--redis redis://HOST:PORT (env REDIS_URL): several instances on one store share open stories live through this Redis.
Defaults: host 127.0.0.1, port 4455, data ./newsroom-data.
Roles: viewer, reporter, desk, editor, admin.`;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${value}"`);
  return port;
}

function parseRedisUrl(value: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : '';
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new UsageError(`--redis takes a redis:// or rediss:// URL, not "${value}"`);
  return value;
}

// A store value in a message: a password in it is masked.
function shownStore(value: string): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.toString();
}

// The store URL from --store or else DATABASE_URL (an empty one counts as unset), checked.
function parseStoreUrl(flag: string | undefined, env: string | undefined): string | undefined {
  const value = flag ?? (env || undefined);
  if (value === undefined || /^postgres(ql)?:\/\/./i.test(value)) return value;
  const source = flag === undefined ? 'DATABASE_URL' : '--store';
  throw new UsageError(`${source} takes a postgres:// or postgresql:// URL, not "${shownStore(value)}"`);
}

/** Parses argv (without node and script) and the environment into a command. */
export function parseArgs(argv: string[], env: Record<string, string | undefined>): Command {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { command: 'help' };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === 'demo') {
      if (inline !== undefined) throw new UsageError('--demo takes no value');
      flags.set(name, true);
    } else if (inline !== undefined) {
      flags.set(name, inline);
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      i++;
    }
  }
  const take = (name: string): string | undefined => {
    const value = flags.get(name);
    flags.delete(name);
    return typeof value === 'string' ? value : undefined;
  };
  const dataDir = take('data') ?? env.NEWSROOM_DATA ?? './newsroom-data';
  const storeUrl = parseStoreUrl(take('store'), env.DATABASE_URL);

  let command: Command;
  if (positional[0] === 'user') {
    if (positional[1] !== 'add' || positional.length !== 3) throw new UsageError('use: user add NAME --role ROLE');
    const role = take('role');
    if (!role) throw new UsageError('user add needs --role ROLE');
    command = { command: 'user-add', username: positional[2], role, displayName: take('display-name'), dataDir, storeUrl };
  } else {
    if (positional.length > 0) throw new UsageError(`unknown command "${positional.join(' ')}"`);
    const logLevel = take('log-level') ?? 'info';
    if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new UsageError(`--log-level takes one of ${LOG_LEVELS.join(', ')}`);
    const demo = flags.get('demo') === true;
    flags.delete('demo');
    const redisUrl = take('redis') ?? (env.REDIS_URL || undefined);
    command = {
      command: 'serve',
      host: take('host') ?? env.HOST ?? '127.0.0.1',
      port: parsePort(take('port') ?? env.PORT ?? '4455'),
      dataDir,
      storeUrl,
      demo,
      logLevel: logLevel as ServeCommand['logLevel'],
      redisUrl: redisUrl === undefined ? undefined : parseRedisUrl(redisUrl),
    };
  }
  const unknown = [...flags.keys()];
  if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}`);
  return command;
}
