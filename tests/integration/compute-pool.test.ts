// The compute pool with real worker threads: tasks run off the main thread and give back their
// reply; one user's jobs, the queue, a job's time and a worker's heap are bounded, each refusal a
// clear 429/503, and a worker stopped for its job is replaced for the next one.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleDiff } from '../../model/api-types.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { addPicture } from '../../model/article-schema.ts';
import { DEFAULT_DIFF_LIMITS } from '../../model/revision-diff.ts';
import { ComputePool, type ComputePoolOptions } from '../../server/compute/compute-pool.ts';
import type { DiffInput } from '../../server/compute/compute-tasks.ts';
import { HttpError } from '../../server/http/http-error.ts';
import { MemoryLogger } from '../support/test-server.ts';

let pool: ComputePool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const start = (options: Partial<ComputePoolOptions> = {}) => {
  const log = new MemoryLogger();
  pool = new ComputePool(log, { workers: 1, ...options });
  return { pool, log };
};

const ana = { userId: 'u-ana', username: 'ana' };
const ben = { userId: 'u-ben', username: 'ben' };

const words = (count: number, seed: string) => Array.from({ length: count }, (_, i) => `${seed}${i}`).join(' ');
const state = (paragraphs: string[]) => {
  const doc = new Y.Doc();
  appendParagraphs(doc, paragraphs);
  return Y.encodeStateAsUpdate(doc);
};

/** A comparison of two unrelated texts of `count` words; `unbounded` takes jsdiff's limits away (seconds of work). */
function diffInput(count: number, unbounded = false): DiffInput {
  const limits = unbounded ? { maxEditLength: 1e9, timeoutMs: 1e9 } : DEFAULT_DIFF_LIMITS;
  return { before: [state([words(count, 'a')])], after: [state([words(count, 'b')])], refs: { from: 1, to: 2 }, clients: [], names: [], limits };
}

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: unknown) => (error instanceof HttpError ? error.status : 500),
  );

describe('ComputePool', () => {
  it('runs a comparison in a worker and gives back the reply as JSON text', async () => {
    const { pool } = start();
    const input = diffInput(10);
    input.clients = [[1, 'u-ana']];
    const diff = JSON.parse(await pool.run('diff', input, ana)) as ArticleDiff;
    expect(diff.wordsAdded).toBe(10);
    expect(diff.wordsRemoved).toBe(10);
    expect(diff.coarse).toBe(false);
  });

  it('asks the main thread which pictures are stored while exporting', async () => {
    const { pool } = start();
    const doc = new Y.Doc();
    const stored = 'a'.repeat(64);
    addPicture(doc, { id: 'p1', hash: stored, caption: 'Stored' });
    addPicture(doc, { id: 'p2', hash: 'b'.repeat(64), caption: 'Not stored' });
    const asked: string[][] = [];
    const html = await pool.run(
      'export',
      { updates: [Y.encodeStateAsUpdate(doc)], format: 'html', articleId: 'x', versionCreated: new Date(0).toISOString(), pictureUrlPrefix: 'http://h/api/pictures/' },
      { ...ana, answer: async (hashes) => (asked.push(hashes), [stored]) },
    );
    expect(asked).toEqual([[stored, 'b'.repeat(64)]]);
    expect(html).toContain(`src="http://h/api/pictures/${stored}"`);
    expect(html).not.toContain(`pictures/${'b'.repeat(64)}`);
  });

  it('works out a restore on a copy of the draft: edits written as the given client id that make the draft equal the revision', async () => {
    const { pool } = start();
    const revision = new Y.Doc();
    appendParagraphs(revision, ['Alpha one.', 'Beta two.']);
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(revision));
    appendParagraphs(live, ['Wandered off.']);
    const clientId = 424242;
    const edits = await pool.run('restore', { live: [Y.encodeStateAsUpdate(live)], revision: [Y.encodeStateAsUpdate(revision)], clientId }, ana);
    expect(edits).not.toBeNull();
    Y.applyUpdate(live, edits!);
    expect(readBody(live).map(blockText)).toEqual(['Alpha one.', 'Beta two.']);
    // Only deletions here, so no content carries the id; an insertion would.
    appendParagraphs(live, ['Back again.']);
    const again = await pool.run('restore', { live: [Y.encodeStateAsUpdate(live)], revision: [Y.encodeStateAsUpdate(revision)], clientId: clientId + 1 }, ana);
    Y.applyUpdate(live, again!);
    expect(readBody(live).map(blockText)).toEqual(['Alpha one.', 'Beta two.']);
    // Nothing to restore: no edits.
    expect(await pool.run('restore', { live: [Y.encodeStateAsUpdate(live)], revision: [Y.encodeStateAsUpdate(revision)], clientId: clientId + 2 }, ana)).toBeNull();
    // A restore that writes content writes it as the given client.
    const emptied = new Y.Doc();
    const refill = await pool.run('restore', { live: [Y.encodeStateAsUpdate(emptied)], revision: [Y.encodeStateAsUpdate(revision)], clientId }, ana);
    Y.applyUpdate(emptied, refill!);
    expect(readBody(emptied).map(blockText)).toEqual(['Alpha one.', 'Beta two.']);
    expect([...emptied.store.clients.keys()]).toEqual([clientId]);
  });

  it('refuses a user more than perUser jobs at once with 429 (and a log line naming them), not others', async () => {
    const { pool, log } = start({ perUser: 2, jobTimeoutMs: 60_000 });
    const first = pool.run('diff', diffInput(2_000, true), ana);
    const second = pool.run('diff', diffInput(10), ana);
    const refused = pool.run('diff', diffInput(10), ana);
    const other = pool.run('diff', diffInput(10), ben);
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(429);
    expect((error as HttpError).headers['retry-after']).toBe('1');
    expect(log.lines.some((line) => line.includes('ana') && line.includes('429'))).toBe(true);
    expect(await Promise.all([statusOf(first), statusOf(second), statusOf(other)])).toEqual([200, 200, 200]);
    // Once they are done, ana may go again.
    expect(await statusOf(pool.run('diff', diffInput(10), ana))).toBe(200);
  });

  it('refuses with 503 once maxQueued jobs wait for a worker', async () => {
    const { pool } = start({ maxQueued: 2, perUser: 10 });
    const users = Array.from({ length: 5 }, (_, i) => ({ userId: `u${i}`, username: `user${i}` }));
    // One runs, two wait, the rest are refused.
    const statuses = await Promise.all(users.map((user, i) => statusOf(pool.run('diff', diffInput(i === 0 ? 1_000 : 10, i === 0), user))));
    expect(statuses).toEqual([200, 200, 200, 503, 503]);
  });

  it('stops a job that runs past jobTimeoutMs with 503, and a new worker takes the next job', async () => {
    const { pool, log } = start({ jobTimeoutMs: 500 });
    const started = performance.now();
    const error = await pool.run('diff', diffInput(5_000, true), ana).catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(503);
    expect((error as HttpError).message).toMatch(/took longer/);
    // Unbounded, this comparison takes over ten seconds.
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(log.lines.some((line) => line.includes('ana') && line.includes('stopped'))).toBe(true);
    expect(await statusOf(pool.run('diff', diffInput(10), ana))).toBe(200);
  });

  it('fails a job that needs more than workerHeapMb with 503, and a new worker takes the next job', async () => {
    const { pool } = start({ workerHeapMb: 64, jobTimeoutMs: 60_000 });
    // A story of 200,000 one-word paragraphs: tens of MB as Yjs updates, far more decoded.
    const huge = state(Array.from({ length: 200_000 }, (_, i) => `w${i}`));
    const error = await pool.run('revision', { updates: [huge] }, ana).catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(503);
    expect((error as HttpError).message).toMatch(/memory/);
    expect(await statusOf(pool.run('diff', diffInput(10), ana))).toBe(200);
  });
});
