// Command-line parsing for `npm run server -- …`: pure, so it is tested without a process.
import { TrustedProxies } from '../http/client-address.ts';

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
  /** Where this instance listens for the other instances' direct links (--peer); none when undefined. */
  peer?: { host: string; port: number };
  /** Addresses people reach the server at (--public-url): accepted as Host, their origins as Origin. */
  publicUrls?: string[];
  /** Further origins whose pages may call the server (--allow-origin). */
  allowedOrigins?: string[];
  /** Proxies whose X-Forwarded-For names the client (--trust-proxy): addresses or CIDR ranges. */
  trustedProxies?: string[];
  /** Open collaboration websockets one account may hold (--connections-per-user); the endpoint's default when undefined. */
  connectionsPerUser?: number;
  /** The config file to read (--config, env NEWSROOM_CONFIG; server/config/server-config.ts); none when undefined. */
  configFile?: string;
}

/** The browser and proxy settings of a serve command, as startServer takes them (`access`). */
export const accessOptions = ({ publicUrls, allowedOrigins, trustedProxies }: ServeCommand) => ({ publicUrls, allowedOrigins, trustedProxies });

/** The collaboration endpoint's options a serve command sets (none unless --connections-per-user was given: an undefined would hide the default). */
export const collabOptions = ({ connectionsPerUser }: ServeCommand) => (connectionsPerUser === undefined ? {} : { connectionsPerUser });

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

/** Options of `user reset-password`. */
export interface UserResetPasswordCommand {
  command: 'user-reset-password';
  username: string;
  dataDir: string;
  /** The shared Postgres store (a postgres:// URL); undefined for SQLite in `dataDir`. */
  storeUrl?: string;
}

/** Options of `user list`, `user role`, `user desks`, `user disable` and `user enable`: the store, and for all but `list` whom and what. */
export type UserChangeCommand = { dataDir: string; storeUrl?: string } & (
  | { command: 'user-list' }
  | { command: 'user-role'; username: string; role: string }
  | { command: 'user-desks'; username: string; desks: string[] }
  | { command: 'user-disable' | 'user-enable'; username: string }
);

/** What the user asked for. */
export type Command = ServeCommand | UserAddCommand | UserResetPasswordCommand | UserChangeCommand | { command: 'help' };

/** A mistake on the command line; the message says what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The help text. */
export const USAGE = `Usage:
  npm run server -- [--port N] [--host H] [--data DIR] [--demo] [--log-level debug|info|warn|error] [--redis URL] [--peer HOST[:PORT]] [--store URL]
                    [--public-url URL[,URL]] [--allow-origin ORIGIN[,ORIGIN]] [--trust-proxy ADDR[,ADDR]] [--connections-per-user N]
                    [--config FILE]
  npm run server -- user add NAME --role ROLE [--display-name "Full Name"] [--data DIR] [--store URL]   (password on stdin)
  npm run server -- user reset-password NAME [--data DIR] [--store URL]   (new password on stdin; ends NAME's sessions)
  npm run server -- user list [--data DIR] [--store URL]
  npm run server -- user role NAME ROLE | user desks NAME [DESK...] | user disable NAME | user enable NAME [--data DIR] [--store URL]
    (DESK: a desk's name or id; no DESK takes NAME off every desk. A disabled account is signed out everywhere,
     also on a running server, within 5 s (its re-check runs every 4 s); the last active admin cannot be demoted or disabled.)

Environment: PORT, HOST, NEWSROOM_DATA do what --port, --host, --data do.
--public-url https://newsroom.example.org (env NEWSROOM_PUBLIC_URL): the address people use to reach this server.
  Browsers may only reach it by loopback names, IP addresses, the --host name and these (DNS rebinding is refused).
--allow-origin ORIGIN (env NEWSROOM_ALLOW_ORIGIN): pages on these origins may call this server too (e.g. the app served elsewhere).
--trust-proxy ADDR (env NEWSROOM_TRUST_PROXY): requests from these addresses or ranges (10.0.0.0/8) are from a proxy
  whose X-Forwarded-For names the client; anyone else's X-Forwarded-For is ignored.
--store postgres://USER:PASS@HOST:PORT/DB (env DATABASE_URL): keep the newsroom in this shared Postgres database
  instead of SQLite in the data dir (pictures stay in the data dir).
--redis redis://HOST:PORT (env REDIS_URL): several instances on one store share open stories live through this Redis.
--peer HOST[:PORT] (env NEWSROOM_PEER): with --redis, also link directly to the other instances, taking their links on HOST
  (an address they reach this one at; port 0 or none: any free port): a change takes one hop instead of two.
--connections-per-user N (env NEWSROOM_CONNECTIONS_PER_USER): open story sockets one account may hold (default 20;
  raise it for a shared account, such as a load test's).
--config FILE (env NEWSROOM_CONFIG): a JSON config, e.g. {"limits": {"headlineChars": 80, "bodyWords": 1200}}: the
  newsroom's default limits for desks that set none.
Defaults: host 127.0.0.1, port 4455, data ./newsroom-data.
Roles: viewer, reporter, desk, editor, admin.`;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** A whole number of at least 1 for `flag`. */
function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not "${value}"`);
  return count;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${value}"`);
  return port;
}

// A comma-separated list (an empty value counts as none).
const list = (value: string | undefined) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined);

// An http(s) origin (no path, query or credentials), for --public-url and --allow-origin.
function parseOrigins(flag: string, value: string | undefined): string[] | undefined {
  return list(value)?.map((item) => {
    const url = URL.canParse(item) ? new URL(item) : null;
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
      throw new UsageError(`${flag} takes http:// or https:// addresses without a path, like https://newsroom.example.org, not "${item}"`);
    }
    return url.origin;
  });
}

function parseProxies(value: string | undefined): string[] | undefined {
  const entries = list(value);
  try {
    new TrustedProxies(entries);
  } catch (error) {
    throw new UsageError(`--trust-proxy takes IP addresses or ranges like 10.0.0.0/8: ${(error as Error).message}`);
  }
  return entries;
}

// HOST or HOST:PORT ([IPv6]:PORT) for --peer.
function parsePeer(value: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s/]+)(?::(\d+))?$/.exec(value);
  const port = Number(match?.[2] ?? '0');
  if (!match || port > 65535) throw new UsageError(`--peer takes HOST or HOST:PORT, like 10.0.0.5:4456, not "${value}"`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
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
  const [, sub, username, ...rest] = positional;
  if (positional[0] === 'user' && sub === 'reset-password') {
    if (positional.length !== 3) throw new UsageError('use: user reset-password NAME');
    command = { command: 'user-reset-password', username, dataDir, storeUrl };
  } else if (positional[0] === 'user' && sub === 'list') {
    if (positional.length !== 2) throw new UsageError('use: user list');
    command = { command: 'user-list', dataDir, storeUrl };
  } else if (positional[0] === 'user' && sub === 'role') {
    if (positional.length !== 4) throw new UsageError('use: user role NAME ROLE');
    command = { command: 'user-role', username, role: rest[0], dataDir, storeUrl };
  } else if (positional[0] === 'user' && sub === 'desks') {
    if (username === undefined) throw new UsageError('use: user desks NAME [DESK...]');
    command = { command: 'user-desks', username, desks: rest, dataDir, storeUrl };
  } else if (positional[0] === 'user' && (sub === 'disable' || sub === 'enable')) {
    if (positional.length !== 3) throw new UsageError(`use: user ${sub} NAME`);
    command = { command: `user-${sub}`, username, dataDir, storeUrl };
  } else if (positional[0] === 'user') {
    if (sub !== 'add' || positional.length !== 3) throw new UsageError('use: user add NAME --role ROLE, or user list, role, desks, disable, enable, reset-password');
    const role = take('role');
    if (!role) throw new UsageError('user add needs --role ROLE');
    command = { command: 'user-add', username, role, displayName: take('display-name'), dataDir, storeUrl };
  } else {
    if (positional.length > 0) throw new UsageError(`unknown command "${positional.join(' ')}"`);
    const logLevel = take('log-level') ?? 'info';
    if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new UsageError(`--log-level takes one of ${LOG_LEVELS.join(', ')}`);
    const demo = flags.get('demo') === true;
    flags.delete('demo');
    const redisUrl = take('redis') ?? (env.REDIS_URL || undefined);
    const peer = take('peer') ?? (env.NEWSROOM_PEER || undefined);
    if (peer !== undefined && redisUrl === undefined) throw new UsageError('--peer links instances that share a Redis: give --redis too');
    command = {
      command: 'serve',
      host: take('host') ?? env.HOST ?? '127.0.0.1',
      port: parsePort(take('port') ?? env.PORT ?? '4455'),
      dataDir,
      storeUrl,
      demo,
      logLevel: logLevel as ServeCommand['logLevel'],
      redisUrl: redisUrl === undefined ? undefined : parseRedisUrl(redisUrl),
      peer: peer === undefined ? undefined : parsePeer(peer),
      publicUrls: parseOrigins('--public-url', take('public-url') ?? env.NEWSROOM_PUBLIC_URL),
      allowedOrigins: parseOrigins('--allow-origin', take('allow-origin') ?? env.NEWSROOM_ALLOW_ORIGIN),
      trustedProxies: parseProxies(take('trust-proxy') ?? env.NEWSROOM_TRUST_PROXY),
      connectionsPerUser: parseCount('--connections-per-user', take('connections-per-user') ?? (env.NEWSROOM_CONNECTIONS_PER_USER || undefined)),
      configFile: take('config') ?? (env.NEWSROOM_CONFIG || undefined),
    };
  }
  const unknown = [...flags.keys()];
  if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}`);
  return command;
}
