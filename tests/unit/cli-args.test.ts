// parseArgs: defaults, flags in both spellings, environment fallbacks, flags over environment,
// `user add`, the store URL, and every usage mistake.
import { describe, expect, it } from 'vitest';
import { collabOptions, parseArgs, USAGE, UsageError, type ServeCommand } from '../../server/cli/args.ts';

const DEFAULTS = { command: 'serve', host: '127.0.0.1', port: 4455, dataDir: './newsroom-data', demo: false, logLevel: 'info' };

describe('parseArgs: serve', () => {
  it('has the documented defaults', () => {
    expect(parseArgs([], {})).toEqual(DEFAULTS);
  });

  it('reads every flag, with a separate value', () => {
    expect(parseArgs(['--port', '8080', '--host', '0.0.0.0', '--data', '/srv/news', '--demo', '--log-level', 'debug'], {})).toEqual({
      command: 'serve',
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/srv/news',
      demo: true,
      logLevel: 'debug',
    });
  });

  it('reads --name=value', () => {
    expect(parseArgs(['--port=5'], {})).toMatchObject({ port: 5 });
    expect(parseArgs(['--host=::1', '--data=./d=with=equals', '--log-level=silent'], {})).toMatchObject({
      host: '::1',
      dataDir: './d=with=equals',
      logLevel: 'silent',
    });
  });

  it('accepts the port range ends and leading zeros', () => {
    expect(parseArgs(['--port', '0'], {})).toMatchObject({ port: 0 });
    expect(parseArgs(['--port', '65535'], {})).toMatchObject({ port: 65535 });
    expect(parseArgs(['--port', '0080'], {})).toMatchObject({ port: 80 });
  });

  it('accepts every log level', () => {
    for (const level of ['debug', 'info', 'warn', 'error', 'silent']) {
      expect(parseArgs(['--log-level', level], {})).toMatchObject({ logLevel: level });
    }
  });

  it('falls back to PORT, HOST and NEWSROOM_DATA', () => {
    expect(parseArgs([], { PORT: '9000', HOST: '10.0.0.1', NEWSROOM_DATA: '/var/newsroom' })).toEqual({
      ...DEFAULTS,
      port: 9000,
      host: '10.0.0.1',
      dataDir: '/var/newsroom',
    });
  });

  it('lets flags beat the environment', () => {
    expect(
      parseArgs(['--port', '1234', '--host', 'localhost', '--data', './mine'], { PORT: '9000', HOST: '10.0.0.1', NEWSROOM_DATA: '/var/newsroom' }),
    ).toMatchObject({ port: 1234, host: 'localhost', dataDir: './mine' });
    // A flag even hides an environment value that would be refused.
    expect(parseArgs(['--port=7'], { PORT: 'not a port' })).toMatchObject({ port: 7 });
  });

  it('reads --redis, or REDIS_URL, and lets the flag win', () => {
    expect(parseArgs(['--redis', 'redis://cache:6379'], {})).toMatchObject({ redisUrl: 'redis://cache:6379' });
    expect(parseArgs(['--redis=rediss://user:pw@cache:6380/2'], {})).toMatchObject({ redisUrl: 'rediss://user:pw@cache:6380/2' });
    expect(parseArgs([], { REDIS_URL: 'redis://env:6379' })).toMatchObject({ redisUrl: 'redis://env:6379' });
    expect(parseArgs(['--redis', 'redis://flag:1'], { REDIS_URL: 'redis://env:6379' })).toMatchObject({ redisUrl: 'redis://flag:1' });
  });

  it('reads --peer HOST[:PORT], or NEWSROOM_PEER, for direct links beside --redis (no port: any free one)', () => {
    const redis = ['--redis', 'redis://cache:6379'];
    expect(parseArgs([...redis, '--peer', '10.0.0.5:4456'], {})).toMatchObject({ peer: { host: '10.0.0.5', port: 4456 } });
    expect(parseArgs([...redis, '--peer', 'node-2.internal'], {})).toMatchObject({ peer: { host: 'node-2.internal', port: 0 } });
    expect(parseArgs([...redis, '--peer', '[fd00::5]:4456'], {})).toMatchObject({ peer: { host: 'fd00::5', port: 4456 } });
    expect(parseArgs(redis, { NEWSROOM_PEER: '127.0.0.1' })).toMatchObject({ peer: { host: '127.0.0.1', port: 0 } });
    expect((parseArgs(redis, { NEWSROOM_PEER: '' }) as ServeCommand).peer).toBeUndefined();
  });

  it('runs as a single instance without --redis or REDIS_URL (an empty REDIS_URL counts as unset)', () => {
    expect((parseArgs([], {}) as ServeCommand).redisUrl).toBeUndefined();
    expect(parseArgs([], { REDIS_URL: '' })).toEqual(DEFAULTS);
  });

  it('ignores unrelated environment variables', () => {
    expect(parseArgs([], { DATA: '/x', NEWSROOM_PORT: '1', port: '2' })).toEqual(DEFAULTS);
  });

  it('lets the last of a repeated flag win', () => {
    expect(parseArgs(['--port', '1', '--port', '2'], {})).toMatchObject({ port: 2 });
  });

  it('answers help for --help or -h anywhere', () => {
    expect(parseArgs(['--help'], {})).toEqual({ command: 'help' });
    expect(parseArgs(['-h'], {})).toEqual({ command: 'help' });
    expect(parseArgs(['--port', '5', '--help'], {})).toEqual({ command: 'help' });
    expect(parseArgs(['user', 'add', 'x', '-h'], {})).toEqual({ command: 'help' });
  });
});

describe('parseArgs: user add', () => {
  it('reads name, role, display name and data dir', () => {
    expect(parseArgs(['user', 'add', 'alice', '--role', 'editor', '--display-name', 'Alice Adams', '--data', '/d'], {})).toEqual({
      command: 'user-add',
      username: 'alice',
      role: 'editor',
      displayName: 'Alice Adams',
      dataDir: '/d',
    });
  });

  it('takes flags before the words and NEWSROOM_DATA as the data dir', () => {
    expect(parseArgs(['--role=reporter', 'user', 'add', 'bob'], { NEWSROOM_DATA: '/env' })).toEqual({
      command: 'user-add',
      username: 'bob',
      role: 'reporter',
      displayName: undefined,
      dataDir: '/env',
    });
    expect(parseArgs(['user', 'add', 'bob', '--role', 'desk', '--data', '/flag'], { NEWSROOM_DATA: '/env' })).toMatchObject({ dataDir: '/flag' });
    expect(parseArgs(['user', 'add', 'bob', '--role', 'desk'], {})).toMatchObject({ dataDir: './newsroom-data' });
  });

  it('passes any role through (the role is checked when the user is added)', () => {
    expect(parseArgs(['user', 'add', 'bob', '--role', 'wizard'], {})).toMatchObject({ role: 'wizard' });
  });

  it('does not read PORT or HOST (they do not apply) and does not fail on them', () => {
    expect(parseArgs(['user', 'add', 'bob', '--role', 'desk'], { PORT: 'nonsense', HOST: 'x' })).toMatchObject({ command: 'user-add' });
  });
});

describe('parseArgs: user reset-password', () => {
  it('reads the name, data dir and store', () => {
    expect(parseArgs(['user', 'reset-password', 'ed', '--data', '/d'], {})).toEqual({ command: 'user-reset-password', username: 'ed', dataDir: '/d' });
    expect(parseArgs(['user', 'reset-password', 'ed'], { DATABASE_URL: 'postgres://db/n' })).toMatchObject({ storeUrl: 'postgres://db/n' });
  });
});

describe('parseArgs: user list, role, desks, disable, enable', () => {
  it('reads each with its name, role or desks, and the store', () => {
    expect(parseArgs(['user', 'list', '--data', '/d'], {})).toEqual({ command: 'user-list', dataDir: '/d' });
    expect(parseArgs(['user', 'role', 'ed', 'editor', '--data', '/d'], {})).toEqual({ command: 'user-role', username: 'ed', role: 'editor', dataDir: '/d' });
    expect(parseArgs(['user', 'desks', 'ed', 'Metro', 'Sport', '--data', '/d'], {})).toEqual({ command: 'user-desks', username: 'ed', desks: ['Metro', 'Sport'], dataDir: '/d' });
    expect(parseArgs(['user', 'desks', 'ed', '--data', '/d'], {})).toEqual({ command: 'user-desks', username: 'ed', desks: [], dataDir: '/d' });
    expect(parseArgs(['user', 'disable', 'ed', '--data', '/d'], {})).toEqual({ command: 'user-disable', username: 'ed', dataDir: '/d' });
    expect(parseArgs(['user', 'enable', 'ed'], { DATABASE_URL: 'postgres://db/n' })).toMatchObject({ command: 'user-enable', storeUrl: 'postgres://db/n' });
  });

  it('refuses a missing or extra word with the command’s usage', () => {
    expect(() => parseArgs(['user', 'list', 'ed'], {})).toThrow(/use: user list/);
    expect(() => parseArgs(['user', 'role', 'ed'], {})).toThrow(/use: user role NAME ROLE/);
    expect(() => parseArgs(['user', 'desks'], {})).toThrow(/use: user desks NAME/);
    expect(() => parseArgs(['user', 'disable'], {})).toThrow(/use: user disable NAME/);
    expect(() => parseArgs(['user', 'enable', 'a', 'b'], {})).toThrow(/use: user enable NAME/);
    expect(() => parseArgs(['user', 'disable', 'ed', '--port', '1'], {})).toThrow(/unknown option --port/);
  });
});

describe('parseArgs: browsers and proxies', () => {
  it('reads --public-url, --allow-origin and --trust-proxy as comma lists, as origins and addresses', () => {
    expect(
      parseArgs(['--public-url', 'https://News.Example.org/, http://newsroom.lan:8080', '--allow-origin=http://localhost:5173', '--trust-proxy', '10.0.0.5,172.16.0.0/12,::1'], {}),
    ).toMatchObject({
      publicUrls: ['https://news.example.org', 'http://newsroom.lan:8080'],
      allowedOrigins: ['http://localhost:5173'],
      trustedProxies: ['10.0.0.5', '172.16.0.0/12', '::1'],
    });
  });

  it('falls back to NEWSROOM_PUBLIC_URL, NEWSROOM_ALLOW_ORIGIN and NEWSROOM_TRUST_PROXY; none by default', () => {
    const env = { NEWSROOM_PUBLIC_URL: 'https://a.example', NEWSROOM_ALLOW_ORIGIN: 'https://b.example', NEWSROOM_TRUST_PROXY: '127.0.0.1' };
    expect(parseArgs([], env)).toMatchObject({ publicUrls: ['https://a.example'], allowedOrigins: ['https://b.example'], trustedProxies: ['127.0.0.1'] });
    expect(parseArgs(['--trust-proxy', '10.0.0.1'], env)).toMatchObject({ trustedProxies: ['10.0.0.1'] });
    expect(parseArgs([], {})).toMatchObject({ publicUrls: undefined, allowedOrigins: undefined, trustedProxies: undefined });
  });
});

describe('parseArgs: --connections-per-user', () => {
  it('reads the flag or NEWSROOM_CONNECTIONS_PER_USER, and sets no option without them (the endpoint keeps its default)', () => {
    const serve = (argv: string[], env = {}) => parseArgs(argv, env) as ServeCommand;
    expect(collabOptions(serve(['--connections-per-user', '1000']))).toEqual({ connectionsPerUser: 1000 });
    expect(collabOptions(serve([], { NEWSROOM_CONNECTIONS_PER_USER: '50' }))).toEqual({ connectionsPerUser: 50 });
    expect(collabOptions(serve(['--connections-per-user', '7'], { NEWSROOM_CONNECTIONS_PER_USER: '50' }))).toEqual({ connectionsPerUser: 7 });
    expect(collabOptions(serve([]))).toEqual({});
  });

  it('refuses anything but a whole number of at least 1', () => {
    for (const bad of ['0', '-3', '2.5', 'many', '']) {
      expect(() => parseArgs(['--connections-per-user', bad], {})).toThrow(UsageError);
    }
  });
});

describe('parseArgs: --store', () => {
  const url = 'postgres://news:pw@db.internal:5432/newsroom';

  it('is SQLite in the data dir (no store URL) by default, for both commands', () => {
    expect((parseArgs([], {}) as ServeCommand).storeUrl).toBeUndefined();
    expect(parseArgs(['user', 'add', 'bob', '--role', 'desk'], {})).toMatchObject({ storeUrl: undefined });
  });

  it('takes a postgres:// or postgresql:// URL from --store or DATABASE_URL, on serve and user add, keeping the data dir', () => {
    expect(parseArgs(['--store', url, '--data', '/pics'], {})).toEqual({ ...DEFAULTS, storeUrl: url, dataDir: '/pics' });
    expect(parseArgs(['--store=postgresql://db/newsroom'], {})).toMatchObject({ storeUrl: 'postgresql://db/newsroom' });
    expect(parseArgs([], { DATABASE_URL: url })).toMatchObject({ command: 'serve', storeUrl: url });
    expect(parseArgs(['user', 'add', 'bob', '--role', 'desk', '--store', url], {})).toMatchObject({ command: 'user-add', storeUrl: url });
    expect(parseArgs(['user', 'add', 'bob', '--role', 'desk'], { DATABASE_URL: url })).toMatchObject({ command: 'user-add', storeUrl: url });
    expect(parseArgs(['--store', 'POSTGRES://DB/x'], {})).toMatchObject({ storeUrl: 'POSTGRES://DB/x' });
  });

  it('lets --store beat DATABASE_URL, even one that would be refused, and treats an empty DATABASE_URL as unset', () => {
    expect(parseArgs(['--store', url], { DATABASE_URL: 'postgres://other/db' })).toMatchObject({ storeUrl: url });
    expect(parseArgs(['--store', url], { DATABASE_URL: 'mysql://x/y' })).toMatchObject({ storeUrl: url });
    expect(parseArgs([], { DATABASE_URL: '' })).toEqual(DEFAULTS);
  });

  it('names the source of a refused store value and masks its password', () => {
    expect(() => parseArgs(['--store', 'mysql://admin:hunter2@db/news'], {})).toThrow('--store takes a postgres:// or postgresql:// URL, not "mysql://admin:***@db/news"');
    expect(() => parseArgs([], { DATABASE_URL: 'sqlite:./news.db' })).toThrow('DATABASE_URL takes a postgres:// or postgresql:// URL, not "sqlite:./news.db"');
  });
});

describe('parseArgs: usage errors', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['a port that is not a number', ['--port', 'notanumber'], {}, /--port.*notanumber/],
    ['a negative port', ['--port=-1'], {}, /--port/],
    ['a port above 65535', ['--port', '65536'], {}, /--port/],
    ['a fractional port', ['--port', '80.5'], {}, /--port/],
    ['a port in exponent form', ['--port', '1e3'], {}, /--port/],
    ['an empty port', ['--port='], {}, /--port/],
    ['a bad PORT in the environment', [], { PORT: 'http' }, /http/],
    ['a flag without a value at the end', ['--port'], {}, /--port needs a value/],
    ['a flag followed by another flag', ['--data', '--demo'], {}, /--data needs a value/],
    ['an unknown option', ['--verbose', 'yes'], {}, /unknown option --verbose/],
    ['an unknown option with =', ['--colour=auto'], {}, /unknown option --colour/],
    ['an unknown command', ['start'], {}, /unknown command "start"/],
    ['a bad log level', ['--log-level', 'loud'], {}, /--log-level/],
    ['a --redis that is not a URL', ['--redis', 'localhost:6379'], {}, /--redis takes a redis:\/\/ or rediss:\/\/ URL, not "localhost:6379"/],
    ['a --redis of another scheme', ['--redis', 'http://cache:6379'], {}, /--redis takes a redis/],
    ['a bad REDIS_URL in the environment', [], { REDIS_URL: 'cache' }, /not "cache"/],
    ['--peer without --redis', ['--peer', '10.0.0.5'], {}, /--peer links instances that share a Redis: give --redis too/],
    ['a --peer URL', ['--redis', 'redis://x', '--peer', 'ws://10.0.0.5:4456'], {}, /--peer takes HOST or HOST:PORT, like 10.0.0.5:4456, not "ws:\/\/10.0.0.5:4456"/],
    ['a --peer port out of range', ['--redis', 'redis://x', '--peer', '10.0.0.5:70000'], {}, /--peer takes HOST or HOST:PORT/],
    ['a bare IPv6 --peer', ['--redis', 'redis://x', '--peer', 'fd00::5'], {}, /--peer takes HOST or HOST:PORT/],
    ['user add with --redis', ['user', 'add', 'bob', '--role', 'desk', '--redis', 'redis://x'], {}, /unknown option --redis/],
    ['user without add', ['user'], {}, /user add NAME --role ROLE/],
    ['user remove', ['user', 'remove', 'bob'], {}, /user add NAME --role ROLE/],
    ['user add without a name', ['user', 'add', '--role', 'editor'], {}, /user add NAME --role ROLE/],
    ['user add with two names', ['user', 'add', 'a', 'b', '--role', 'editor'], {}, /user add NAME --role ROLE/],
    ['user add without --role', ['user', 'add', 'bob'], {}, /--role/],
    ['user add with an empty --role', ['user', 'add', 'bob', '--role='], {}, /--role/],
    ['user add with a serve option', ['user', 'add', 'bob', '--role', 'desk', '--port', '5'], {}, /unknown option --port/],
    ['user add with --demo', ['user', 'add', 'bob', '--role', 'desk', '--demo'], {}, /unknown option --demo/],
    ['serve with a user add option', ['--role', 'editor'], {}, /unknown option --role/],
    ['serve with --display-name', ['--display-name', 'X'], {}, /unknown option --display-name/],
    ['a store that is a directory', ['--store', './newsroom-data'], {}, /--store takes a postgres:\/\/ or postgresql:\/\/ URL/],
    ['an empty store', ['--store='], {}, /--store takes a postgres/],
    ['a store URL without a host', ['--store', 'postgres://'], {}, /--store takes a postgres/],
    ['a store without a value', ['--store'], {}, /--store needs a value/],
    ['a bad DATABASE_URL', [], { DATABASE_URL: 'redis://cache:6379' }, /DATABASE_URL takes a postgres/],
    ['a bad store on user add', ['user', 'add', 'bob', '--role', 'desk', '--store', 'file.sqlite'], {}, /--store takes a postgres/],
    ['a public URL with a path', ['--public-url', 'https://news.example.org/app'], {}, /--public-url takes http:\/\/ or https:\/\//],
    ['a public URL without a scheme', ['--public-url', 'news.example.org'], {}, /--public-url.*not "news.example.org"/],
    ['an allowed origin of another scheme', ['--allow-origin', 'ftp://x.example'], {}, /--allow-origin takes/],
    ['a trusted proxy that is a name', ['--trust-proxy', 'proxy.internal'], {}, /--trust-proxy takes IP addresses or ranges.*proxy.internal/],
    ['a trusted range with a bad prefix', ['--trust-proxy', '10.0.0.0/abc'], {}, /--trust-proxy/],
    ['user reset-password without a name', ['user', 'reset-password'], {}, /user reset-password NAME/],
    ['user reset-password with a serve option', ['user', 'reset-password', 'ed', '--public-url', 'http://x'], {}, /unknown option --public-url/],
  ];

  it.each(cases)('refuses %s', (_what, argv, env, message) => {
    let caught: unknown;
    try {
      parseArgs(argv, env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).name).toBe('UsageError');
    expect((caught as UsageError).message).toMatch(message);
  });
});

describe('USAGE', () => {
  it('names every flag, the environment variables and the roles', () => {
    for (const word of ['--port', '--host', '--data', '--demo', '--log-level', '--redis', 'user add', 'user reset-password', '--role', 'PORT', 'HOST', 'NEWSROOM_DATA', 'REDIS_URL', '--store', 'DATABASE_URL', 'postgres://', '--public-url', 'NEWSROOM_PUBLIC_URL', '--allow-origin', 'NEWSROOM_ALLOW_ORIGIN', '--trust-proxy', 'NEWSROOM_TRUST_PROXY']) {
      expect(USAGE).toContain(word);
    }
    for (const role of ['viewer', 'reporter', 'desk', 'editor', 'admin']) expect(USAGE).toContain(role);
  });
});
