// Our server only (the baseline keeps nothing): how many bytes a story takes in the store
// after shutdown, and how long a new client takes to sync a story that is not in memory, beside
// the floor (the client applying the story's stored bytes itself), in three cases: a server
// process up a while (the everyday case), one just started, and a story whose log was never
// folded in (LOG_ENTRIES one-keystroke entries, as after a crash: opened the moment a process
// starts, and once a process that started after it has been up a while, and so folded it).
// The clients, and the floor, run in a client worker (bench/client-worker.ts): a process of its
// own, whose heap and event loop are the client's alone, with the floor taken there just before
// each open.
import * as Y from 'yjs';
import { storedUpdates, type StoredContent } from '../model/apply-stored.ts';
import { SqliteStore } from '../server/storage/sqlite-store.ts';
import { typeIntoStoredLog } from '../tests/support/long-log.ts';
import type { ClientPool } from './client-pool.ts';
import type { BenchServer, NewsroomDeployment } from './servers.ts';
import { median } from './stats.ts';

/** A story's stored size. */
export interface StoredSize {
  snapshotBytes: number;
  logBytes: number;
  logEntries: number;
}

/** Connect → synced of each run of one case, and its median, ms. */
export interface OpenTimes {
  runs: number[];
  median: number;
}

/** Cold-open timings. */
export interface ColdOpenResult {
  /** The paper story, each open on a newly started server process. */
  fresh: OpenTimes;
  /** Copies of the paper story opened one after another on one process that has opened another first. */
  warm: OpenTimes;
  /** The client's floor: a fresh Y.Doc in the client's process, listening for updates as a provider does, applying the paper story's stored bytes, just before each warm open. */
  floor: OpenTimes;
  /** The same with no listener: Yjs's apply alone. */
  bareFloor: OpenTimes;
  /** A story with a LOG_ENTRIES-entry log after its snapshot: opened on a just started process, then (another copy) on a warm one. */
  log: { fresh: number; warm: number; floor: OpenTimes; bareFloor: OpenTimes };
  /** Every run's client got the whole text. */
  complete: boolean;
}

/** How many cold opens of the paper story to time on a just started process (each starts one). */
export const COLD_OPEN_RUNS = 3;

/** How many copies of it to open one after another on a process up a while (each against the floor just before it: the floor alone varies about 2× between runs). */
export const WARM_OPEN_RUNS = 7;

/** Entries in the long log (one keystroke each). */
export const LOG_ENTRIES = 50_000;

/** A pause before each open on the warm process, so that the one before it is stored and unloaded and the process idle. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 1000));

const times = (runs: number[]): OpenTimes => ({ runs, median: median(runs) });

/** The store's documentSize of a story; run it while no server holds the data dir. */
export async function storedSize(dataDir: string, articleId: string): Promise<StoredSize> {
  const store = await SqliteStore.open(dataDir);
  try {
    return await store.documentSize(articleId);
  } finally {
    await store.close();
  }
}

// Connect → synced of one new stock client in the first client worker, which then leaves; whether it got `expected` (paragraph, text length).
const timeOpen = (clients: ClientPool, server: BenchServer, articleId: string, expected: [number, number]) =>
  clients.send<{ ms: number; complete: boolean }>(0, { op: 'cold-open', url: server.wsUrl, story: articleId, token: server.token, expected });

/** The floors, once: a fresh Y.Doc in that same worker applying `stored` bare, and one listening for updates as a stock client's does. */
interface Floors {
  bare: number;
  client: number;
}

const floorOnce = (clients: ClientPool, stored: StoredContent) => clients.send<Floors>(0, { op: 'floor', stored: { snapshot: stored.snapshot, updates: [...stored.updates] } });

/** The stories the cold opens use, made in the store while no server runs. */
interface Fixtures {
  /** Copies of the paper story: the first warms the process, the others are timed. */
  copies: string[];
  /** Stories for a long log: one for a just started process, one for a process up a while. */
  logs: [string, string];
  /** The long-log story's last paragraph and its length. */
  logExpected: [number, number];
  logStored: StoredContent;
  /** The paper story as stored (a copy's snapshot). */
  paperStored: StoredContent;
}

// LOG_ENTRIES log entries after story `id`'s snapshot, with no server running: its new paragraph and that paragraph's length.
async function writeLongLog(dataDir: string, id: string): Promise<[number, number]> {
  const { paragraph, text } = await typeIntoStoredLog(dataDir, id, LOG_ENTRIES - 1);
  return [paragraph, text.length];
}

// The copies of the paper story and the first long-log story; the second gets its log later (see coldOpen).
async function makeFixtures(deployment: NewsroomDeployment, articleId: string): Promise<Fixtures> {
  const server = await deployment.start();
  const copies: string[] = [];
  const logs: string[] = [];
  try {
    for (let i = 0; i <= WARM_OPEN_RUNS; i++) copies.push(await server.createArticle());
    for (let i = 0; i < 2; i++) logs.push(await server.createArticle());
  } finally {
    await server.stop();
  }
  const logExpected = await writeLongLog(deployment.dataDir, logs[0]);
  const store = await SqliteStore.open(deployment.dataDir);
  try {
    const paper = Y.mergeUpdates(storedUpdates(await store.loadDocument(articleId)));
    for (const id of copies) await store.compact(id, paper, (await store.loadDocument(id)).lastSeq);
    return { copies, logs: logs as [string, string], logExpected, logStored: await store.loadDocument(logs[0]), paperStored: await store.loadDocument(copies[0]) };
  } finally {
    await store.close();
  }
}

/** Times the cold opens of the paper story `articleId` (its text in `paragraph`, `textLength` long) and of long-log stories. */
export async function coldOpen(deployment: NewsroomDeployment, clients: ClientPool, articleId: string, paragraph: number, textLength: number): Promise<ColdOpenResult> {
  const paperExpected: [number, number] = [paragraph, textLength];
  const fixtures = await makeFixtures(deployment, articleId);
  let complete = true;
  // The client's code warm, as in an app that has run a while: "just started" is about the server.
  for (let run = 0; run < 3; run++) await floorOnce(clients, fixtures.paperStored);
  // A story with a long log opened the moment its process started (which begins folding it too).
  const justStarted = await deployment.start();
  let logFresh: number;
  try {
    const open = await timeOpen(clients, justStarted, fixtures.logs[0], fixtures.logExpected);
    logFresh = open.ms;
    complete &&= open.complete;
  } finally {
    await justStarted.stop();
  }
  // Now that no long log is left for a starting process to fold meanwhile.
  const fresh: number[] = [];
  for (let run = 0; run < COLD_OPEN_RUNS; run++) {
    const server = await deployment.start();
    try {
      const open = await timeOpen(clients, server, articleId, paperExpected);
      fresh.push(open.ms);
      complete &&= open.complete;
    } finally {
      await server.stop();
    }
  }
  // The second long log, as a crash leaves it, for the process up a while (which folds it at start).
  const secondExpected = await writeLongLog(deployment.dataDir, fixtures.logs[1]);
  // A process up a while: it has opened a story like it before, and is idle when each open comes.
  const warm: number[] = [];
  const floors: Floors[] = [];
  const logFloors: Floors[] = [];
  let logWarm: number;
  const upAWhile = await deployment.start();
  try {
    const [warmUp, ...timed] = fixtures.copies;
    await timeOpen(clients, upAWhile, warmUp, paperExpected);
    for (const id of timed) {
      await idle();
      floors.push(await floorOnce(clients, fixtures.paperStored));
      const open = await timeOpen(clients, upAWhile, id, paperExpected);
      warm.push(open.ms);
      complete &&= open.complete;
    }
    for (let run = 0; run < 3; run++) logFloors.push(await floorOnce(clients, fixtures.logStored));
    await idle();
    const logOpen = await timeOpen(clients, upAWhile, fixtures.logs[1], secondExpected);
    logWarm = logOpen.ms;
    complete &&= logOpen.complete;
  } finally {
    await upAWhile.stop();
  }
  return {
    fresh: times(fresh),
    warm: times(warm),
    floor: times(floors.map((f) => f.client)),
    bareFloor: times(floors.map((f) => f.bare)),
    log: { fresh: logFresh, warm: logWarm, floor: times(logFloors.map((f) => f.client)), bareFloor: times(logFloors.map((f) => f.bare)) },
    complete,
  };
}
