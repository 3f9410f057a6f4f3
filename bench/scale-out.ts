// Several instances on one Postgres database and one Redis: keystroke latency with every
// editor of a story on one instance against the same editors split over two, and the
// fan-out's throughput (updates one client sends through one instance that reach a client of
// the other, per second). Needs TEST_DATABASE_URL (an admin URL: a throwaway database is made
// and dropped) and TEST_REDIS_URL; without them it says so and measures nothing.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { WebSocket, WebSocketServer } from 'ws';
import pg from 'pg';
import { appendParagraphs } from '../model/body-tree.ts';
import { articleChannel } from '../server/collab/redis-fanout.ts';
import { connectClient, sleep, waitFor } from '../tests/support/clients.ts';
import { paragraphCount, paragraphText } from './article-content.ts';
import type { ClientPool } from './client-pool.ts';
import { pool, runRound, type LatencyResult, type LatencyScenario, type Round } from './latency.ts';
import { addUser, BENCH_SERVER_FLAGS, postJson, signIn, spawnServer, stopChild, type BenchServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

/** The latency scenarios run both ways; split, the e-th editor of a story is on instance e mod 2. */
export const SCALE_OUT_SCENARIOS: LatencyScenario[] = [
  { label: '1 typist + 1 watcher', articles: 1, typists: 1, watchers: 1, keystrokes: 25 },
  { label: '10 editors, 1 story', articles: 1, typists: 10, watchers: 0, keystrokes: 10 },
];

/** Rounds per way (keystrokes are per round), in the order one, split, split, one, … */
const ROUNDS = 4;

/** Updates the throughput typist sends, as fast as it can (a tenth of them with --quick). */
export const THROUGHPUT_UPDATES = 20_000;
const YIELD_EVERY = 100; // updates between yields, so that the watcher in this process receives meanwhile
const THROUGHPUT_LIMIT_MS = 120_000;

/** How fast one client's updates reached a watcher. */
export interface Throughput {
  /** How many updates the typist sent. */
  updates: number;
  /** From the first update until the watcher had the last. */
  ms: number;
  perSecond: number;
  /** Redis messages published for the story meanwhile, and their bytes. */
  messages: number;
  messageBytes: number;
  finished: boolean;
}

/**
 * How the two instances reach each other: `direct` (the README's recommended setup: --peer, a
 * link between them, Redis behind it) or `redis` (Redis alone); BENCH_SCALE_OUT_LINKS=redis
 * measures the latter.
 */
export const scaleOutLinks = (): 'direct' | 'redis' => (process.env.BENCH_SCALE_OUT_LINKS === 'redis' ? 'redis' : 'direct');

/** Time for instances started with --peer to find and link to each other (a discovery round is 2 s). */
const LINK_SETTLE_MS = 3000;

/** Samples of the Redis hop (redisHop). */
export const HOP_SAMPLES = 200;

/**
 * A relay through Redis as the split path takes it between two instances: from PUBLISH on one
 * connection until a subscriber on another has the message, one message at a time with 20–40 ms
 * of quiet between (a typist's pace), both connections in the bench process. Milliseconds.
 */
async function redisHop(redisUrl: string): Promise<Summary> {
  const publisher = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  try {
    await subscriber.subscribe('newsroom-bench:hop');
    const times: number[] = [];
    for (let i = 0; i < HOP_SAMPLES; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 20));
      const arrived = new Promise<void>((resolve) => subscriber.once('messageBuffer', () => resolve()));
      const t0 = performance.now();
      await publisher.publish('newsroom-bench:hop', Buffer.alloc(64));
      await arrived;
      times.push(performance.now() - t0);
    }
    return summarize(times);
  } finally {
    publisher.disconnect();
    subscriber.disconnect();
  }
}

/**
 * A hop over a WebSocket as a direct link takes it between two instances: from send on one end
 * until the other end has the message, at the same pace and count as redisHop, both ends in the
 * bench process. Milliseconds.
 */
async function directHop(): Promise<Summary> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const sender = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    await new Promise((resolve) => sender.once('open', resolve));
    const receiver = await accepted;
    const times: number[] = [];
    for (let i = 0; i < HOP_SAMPLES; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 20));
      const arrived = new Promise<void>((resolve) => receiver.once('message', () => resolve()));
      const t0 = performance.now();
      sender.send(Buffer.alloc(64));
      await arrived;
      times.push(performance.now() - t0);
    }
    return summarize(times);
  } finally {
    sender.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** What the scale-out part measured. */
export interface ScaleOutResults {
  /** How the instances reached each other (scaleOutLinks). */
  links: 'direct' | 'redis';
  latency: { one: LatencyResult; split: LatencyResult }[];
  /** A relay through Redis at a typist's pace (redisHop), ms. */
  redisHop: Summary;
  /** A hop over a direct link at the same pace (directHop), ms. */
  directHop: Summary;
  throughput: { sameInstance: Throughput; otherInstance: Throughput };
}

/** The results, or why there are none. */
export type ScaleOutOutcome = ScaleOutResults | { skipped: string };

interface Deployment {
  /** Every editor on the first instance. */
  one: BenchServer;
  /** Editors alternating between the two instances. */
  split: BenchServer;
  wsUrls: string[];
  stop(): Promise<void>;
}

// A throwaway database on the admin URL's server; resolves with its URL and how to drop it.
async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `newsroom_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // An autovacuum worker may still be busy in the new database, and a role without superuser
  // rights cannot end it: try again for a while, then leave the database and say so.
  const drop = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        if (attempt === 20) return console.warn(`  could not drop the bench database ${name}: ${(error as Error).message}`);
        await sleep(500);
      }
    }
  };
  return { url: url.toString(), drop };
}

async function startDeployment(databaseUrl: string, redisUrl: string, links: 'direct' | 'redis'): Promise<Deployment> {
  await addUser(['--store', databaseUrl]);
  const dataDirs: string[] = [];
  const instances: Awaited<ReturnType<typeof spawnServer>>[] = [];
  for (let i = 1; i <= 2; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-bench-scale-'));
    dataDirs.push(dataDir);
    instances.push(
      await spawnServer(`newsroom-${i}`, [
        ...['server/main.ts', '--port', '0', '--data', dataDir, '--store', databaseUrl, '--redis', redisUrl, '--log-level', 'warn', ...BENCH_SERVER_FLAGS],
        ...(links === 'direct' ? ['--peer', '127.0.0.1'] : []),
      ]),
    );
  }
  if (links === 'direct') await sleep(LINK_SETTLE_MS);
  const token = await signIn(instances[0].httpUrl);
  const wsUrls = instances.map((i) => `${i.httpUrl.replace(/^http/, 'ws')}/collab`);
  const pids = instances.map((i) => i.child.pid!);
  const stop = async () => {
    await Promise.all(instances.map((instance, i) => stopChild(`newsroom-${i + 1}`, instance.child)));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };
  // Both ways run on the same two processes and count the CPU of both.
  const base = {
    pid: pids[0],
    pids,
    token,
    wsUrl: wsUrls[0],
    createArticle: async () => (await postJson(`${instances[0].httpUrl}/api/articles`, {}, token)).id as string,
    stop: async () => true,
  };
  return { one: base, split: { ...base, wsUrlFor: (editor) => wsUrls[editor % 2] }, wsUrls, stop };
}

// One typist on the first instance sends `updates` one-character inserts as fast as it can; a
// watcher on `watcherUrl` waits for all of them. A subscriber counts the story's Redis messages
// until the typist's changes are all stored (and so all published).
async function measureThroughput(deployment: Deployment, watcherUrl: string, redisUrl: string, updates = THROUGHPUT_UPDATES): Promise<Throughput> {
  const id = await deployment.one.createArticle();
  const typist = connectClient(deployment.wsUrls[0], id, deployment.one.token, { track: true });
  const watcher = connectClient(watcherUrl, id, deployment.one.token);
  const counter = new Redis(redisUrl);
  let messages = 0;
  let messageBytes = 0;
  counter.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
    messages++;
    messageBytes += payload.length;
  });
  try {
    await counter.subscribe(articleChannel(id));
    await waitFor(() => typist.provider.synced && watcher.provider.synced, 'typist and watcher to sync', 30_000);
    // A body paragraph of its own (the headline has a length limit; a paragraph has none).
    appendParagraphs(typist.doc, ['']);
    const paragraph = paragraphCount(typist.doc) - 1;
    await waitFor(() => paragraphCount(watcher.doc) > paragraph, 'the watcher to get the empty paragraph', 30_000);
    const typed = paragraphText(typist.doc, paragraph);
    const watched = paragraphText(watcher.doc, paragraph);
    const before = watched.length;
    const t0 = performance.now();
    for (let i = 0; i < updates; i++) {
      typed.insert(typed.length, 'x');
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const finished = await waitFor(() => watched.length === before + updates, 'the watcher to have every update', THROUGHPUT_LIMIT_MS)
      .then(() => true)
      .catch((error: Error) => (console.warn(`  ${error.message}`), false));
    const ms = performance.now() - t0;
    // Every batch is published once stored: count them all, not only those before the watcher was done
    // (but do not wait forever on a typist the server refused).
    await Promise.race([typist.tracker!.whenSaved(), sleep(30_000)]);
    await sleep(200);
    return { updates, ms, perSecond: (updates / ms) * 1000, messages, messageBytes, finished };
  } finally {
    typist.destroy();
    watcher.destroy();
    counter.disconnect();
  }
}

/** Runs the scale-out measurements with the editors in `clients`' workers, or says why not. `log` reports progress. */
export async function benchScaleOut(clients: ClientPool, log: (message: string) => void, quick = false): Promise<ScaleOutOutcome> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  const missing = [adminUrl ? null : 'TEST_DATABASE_URL', redisUrl ? null : 'TEST_REDIS_URL'].filter(Boolean);
  if (!adminUrl || !redisUrl) return { skipped: `${missing.join(' and ')} not set` };

  const database = await createDatabase(adminUrl);
  try {
    const links = scaleOutLinks();
    const deployment = await startDeployment(database.url, redisUrl, links);
    try {
      const latency: ScaleOutResults['latency'] = [];
      for (const scenario of SCALE_OUT_SCENARIOS) {
        const rounds: { one: Round[]; split: Round[] } = { one: [], split: [] };
        for (let r = 0; r < ROUNDS; r++) {
          for (const way of r % 2 === 0 ? (['one', 'split'] as const) : (['split', 'one'] as const)) {
            rounds[way].push(await runRound(deployment[way], scenario, clients));
          }
        }
        const pair = { one: pool(scenario, rounds.one), split: pool(scenario, rounds.split) };
        log(`several instances, ${scenario.label}: one instance p50 ${pair.one.perPeer.pooled.p50.toFixed(2)} ms, split p50 ${pair.split.perPeer.pooled.p50.toFixed(2)} ms`);
        latency.push(pair);
      }
      const updates = quick ? THROUGHPUT_UPDATES / 10 : THROUGHPUT_UPDATES;
      await measureThroughput(deployment, deployment.wsUrls[1], redisUrl, THROUGHPUT_UPDATES / 10); // warm-up, not reported
      const sameInstance = await measureThroughput(deployment, deployment.wsUrls[0], redisUrl, updates);
      const otherInstance = await measureThroughput(deployment, deployment.wsUrls[1], redisUrl, updates);
      log(`fan-out throughput: ${otherInstance.perSecond.toFixed(0)} updates/s to the other instance, ${sameInstance.perSecond.toFixed(0)} within one`);
      const hop = await redisHop(redisUrl);
      log(`a relay through Redis (publish → subscriber): p50 ${hop.p50.toFixed(2)} ms, p99 ${hop.p99.toFixed(2)} ms`);
      const direct = await directHop();
      log(`a hop over a direct link (send → other end): p50 ${direct.p50.toFixed(2)} ms, p99 ${direct.p99.toFixed(2)} ms`);
      return { links, latency, redisHop: hop, directHop: direct, throughput: { sameInstance, otherInstance } };
    } finally {
      await deployment.stop();
    }
  } finally {
    await database.drop();
  }
}
