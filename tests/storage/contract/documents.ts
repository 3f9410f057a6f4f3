// A story's document: the update log (positions, order, all or none), compaction into a
// snapshot, loading, the sizes, and the stories whose log is long.
import { expect, it } from 'vitest';
import type { StoreHarness } from './fixtures.ts';
import { headlineOf, setUp, stateWith } from './fixtures.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

/** The update log and snapshot cases. */
export function documentsContract(h: StoreHarness): void {
  it('loads a story with nothing stored as empty', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    expect(await s.loadDocument(article)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    expect(await s.documentSize(article)).toEqual({ snapshotBytes: 0, logBytes: 0, logEntries: 0 });
    expect(await s.documentSize('no-such-story')).toEqual({ snapshotBytes: 0, logBytes: 0, logEntries: 0 });
  });

  it('appends updates in order with increasing positions and gives back the exact bytes', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    await s.createArticle({ id: 'other', createdBy: 'x', createdAt: 1, headline: '' });
    const first = await s.appendUpdates(article, [bytes(1), bytes(2, 2)]);
    await s.appendUpdates('other', [bytes(9)]);
    const second = await s.appendUpdates(article, [bytes(3, 3, 3)]);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(await s.appendUpdates(article, [])).toBe(0);

    const stored = await s.loadDocument(article);
    expect(stored).toEqual({ snapshot: null, updates: [bytes(1), bytes(2, 2), bytes(3, 3, 3)], lastSeq: second });
    // Plain Uint8Arrays of their own size, as Yjs and structured clone want them.
    expect(stored.updates.every((u) => u.constructor === Uint8Array && u.byteLength === u.buffer.byteLength)).toBe(true);
    expect(await s.documentSize(article)).toEqual({ snapshotBytes: 0, logBytes: 6, logEntries: 3 });
    expect((await s.loadDocument('other')).updates).toEqual([bytes(9)]);
  });

  it('hands out distinct, increasing positions to appends made at once, and loads them in position order', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    const batches = Array.from({ length: 20 }, (_, i) => [bytes(i, 0), bytes(i, 1)]);
    const positions = await Promise.all(batches.map((batch) => s.appendUpdates(article, batch)));
    expect(new Set(positions).size).toBe(20);
    const stored = await s.loadDocument(article);
    expect(stored.lastSeq).toBe(Math.max(...positions));
    // Each batch's two entries are together, in the order the positions were handed out.
    const byPosition = batches.map((batch, i) => ({ batch, at: positions[i] })).sort((a, b) => a.at - b.at);
    expect(stored.updates).toEqual(byPosition.flatMap((b) => b.batch));
  });

  it('appends all of a batch or none of it', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    const last = await s.appendUpdates(article, [bytes(1)]);
    const broken = [bytes(2), null as unknown as Uint8Array, bytes(3)];
    await expect(s.appendUpdates(article, broken)).rejects.toThrow();
    expect(await s.loadDocument(article)).toEqual({ snapshot: null, updates: [bytes(1)], lastSeq: last });
    expect(await s.appendUpdates(article, [bytes(4)])).toBeGreaterThan(last);
  });

  it('lists the stories whose log after the snapshot is long, longest first', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    for (const id of ['short', 'long']) await s.createArticle({ id, createdBy: 'x', createdAt: 1, headline: '' });
    await s.appendUpdates(article, [bytes(1), bytes(2), bytes(3)]);
    const folded = await s.appendUpdates('long', [bytes(1), bytes(2), bytes(3), bytes(4)]);
    await s.appendUpdates('short', [bytes(1)]);
    expect(await s.listLongLogs(3)).toEqual(['long', article]);
    expect(await s.listLongLogs(4)).toEqual(['long']);
    expect(await s.listLongLogs(5)).toEqual([]);
    // Only entries after the snapshot count.
    await s.compact('long', stateWith('Folded'), folded);
    expect(await s.listLongLogs(3)).toEqual([article]);
  });

  it('refuses updates to an unknown story', async () => {
    const s = await h.open();
    await setUp(s);
    await expect(s.appendUpdates('no-such-story', [bytes(1)])).rejects.toThrow(/foreign key/i);
  });

  it('compacts: the snapshot replaces the log up to its position, later updates stay', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    const upTo = await s.appendUpdates(article, [stateWith('Rates'), bytes(7)]);
    const later = await s.appendUpdates(article, [bytes(8, 8)]);
    const snapshot = stateWith('Rates rise');
    await s.compact(article, snapshot, upTo);

    expect(await s.loadDocument(article)).toEqual({ snapshot, updates: [bytes(8, 8)], lastSeq: later });
    expect(await s.documentSize(article)).toEqual({ snapshotBytes: snapshot.byteLength, logBytes: 2, logEntries: 1 });

    // Everything folded in: the log is empty and the last position is the snapshot's.
    const whole = stateWith('Rates rise again');
    await s.compact(article, whole, later);
    const stored = await s.loadDocument(article);
    expect(stored).toEqual({ snapshot: whole, updates: [], lastSeq: later });
    expect(headlineOf(stored.snapshot)).toBe('Rates rise again');
    expect(await s.documentSize(article)).toEqual({ snapshotBytes: whole.byteLength, logBytes: 0, logEntries: 0 });
    // Positions keep increasing after a compaction.
    expect(await s.appendUpdates(article, [bytes(9)])).toBeGreaterThan(later);
  });

  it('never lets an older compaction replace a newer snapshot', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    const one = await s.appendUpdates(article, [bytes(1)]);
    const two = await s.appendUpdates(article, [bytes(2)]);
    await s.compact(article, stateWith('newer'), two);
    await s.compact(article, stateWith('older'), one);
    const stored = await s.loadDocument(article);
    expect(headlineOf(stored.snapshot)).toBe('newer');
    expect(stored).toMatchObject({ updates: [], lastSeq: two });
  });
}
