// Batching, durability marks and retries of the per-story update log writer.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { headlineText } from '../../model/article-schema.ts';
import { SharedTimer } from '../../server/collab/shared-timer.ts';
import { DEFAULT_BATCH_MS, UpdateLog } from '../../server/collab/update-log.ts';
import { waitFor } from '../support/clients.ts';
import { MemoryLogger } from '../support/test-server.ts';

const keystrokes = (text: string) => {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const ch of text) headlineText(doc).insert(headlineText(doc).length, ch);
  return updates;
};

describe('UpdateLog', () => {
  it('merges a burst of updates into one entry and resolves marks once written', async () => {
    const written: Uint8Array[] = [];
    const log = new UpdateLog('s', async (u) => (written.push(...u), written.length), new MemoryLogger(), { writeTimer: new SharedTimer(5) });
    for (const u of keystrokes('hello')) log.enqueue(u);
    const done = log.whenDurable();
    expect(log.isDurable).toBe(false);
    await done;
    expect(written.length).toBe(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, written[0]);
    expect(headlineText(doc).toString()).toBe('hello');
    expect(log.lastSeq).toBe(1);
  });

  // Each write is a disk sync: ten people typing at 5–10 chars/s send one keystroke every ~13 ms,
  // and keystrokes that close together must share one write, not take one each.
  it('by default gathers keystrokes that come 13 ms apart into one write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const appends: Uint8Array[][] = [];
      const log = new UpdateLog('s', async (u) => (appends.push(u), appends.length), new MemoryLogger());
      for (const u of keystrokes('ab')) {
        log.enqueue(u);
        await vi.advanceTimersByTimeAsync(13);
      }
      await vi.advanceTimersByTimeAsync(DEFAULT_BATCH_MS);
      await vi.runAllTimersAsync();
      expect(log.isDurable).toBe(true);
      expect(appends.length).toBe(1);
      const doc = new Y.Doc();
      for (const entry of appends[0]) Y.applyUpdate(doc, entry);
      expect(headlineText(doc).toString()).toBe('ab');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a failed batch, in order ahead of newer updates, and retries until it is stored', async () => {
    const written: Uint8Array[] = [];
    let failures = 2;
    let failFirst!: () => void;
    const firstWriteFails = new Promise<void>((resolve) => (failFirst = resolve));
    let calls = 0;
    const logger = new MemoryLogger();
    const log = new UpdateLog(
      's',
      async (u) => {
        // The first write is still in flight when newer updates arrive, and fails after they did.
        if (++calls === 1) await firstWriteFails;
        if (failures-- > 0) throw new Error('disk full');
        written.push(...u);
        return written.length;
      },
      logger,
      { writeTimer: new SharedTimer(1), retryMs: 5 },
    );
    // A full entry's worth (100 updates, merged into one) is being written when three newer ones come.
    const updates = keystrokes('a'.repeat(100) + 'bcd');
    for (const u of updates.slice(0, 100)) log.enqueue(u);
    const mark = log.mark;
    await waitFor(() => calls === 1, 'the first write to start');
    for (const u of updates.slice(100)) log.enqueue(u);
    failFirst();
    await log.whenDurable(mark);
    await log.whenDurable();
    expect(logger.matching('STORAGE WRITE FAILED').length).toBe(2);
    // In order: the failed batch is the first entry, whole, and every entry applies on those before it
    // (an entry ahead of what it builds on would leave Yjs waiting for missing structs).
    expect(written.length).toBe(2);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, written[0]);
    expect(headlineText(doc).toString()).toBe('a'.repeat(100));
    expect(doc.store.pendingStructs).toBeNull();
    Y.applyUpdate(doc, written[1]);
    expect(headlineText(doc).toString()).toBe('a'.repeat(100) + 'bcd');
    expect(doc.store.pendingStructs).toBeNull();
  });

  // One Y.mergeUpdates over 20,000 keystrokes took over 10 s; chunks of 100 stay linear.
  it('writes a large backlog as entries of at most 100 merged updates each', async () => {
    const entries: Uint8Array[][] = [];
    const log = new UpdateLog('s', async (u) => (entries.push(u), entries.length), new MemoryLogger(), { writeTimer: new SharedTimer(1) });
    const updates = keystrokes('x'.repeat(20_000));
    for (const u of updates) log.enqueue(u);
    await log.whenDurable();
    expect(entries.flat().length).toBe(200);
    const doc = new Y.Doc();
    for (const u of entries.flat()) Y.applyUpdate(doc, u);
    expect(headlineText(doc).toString()).toBe('x'.repeat(20_000));
  });

  it('flush reports false when the write fails, true once it succeeds', async () => {
    let fail = true;
    const log = new UpdateLog('s', async () => {
      if (fail) throw new Error('io');
      return 1;
    }, new MemoryLogger(), { writeTimer: new SharedTimer(1000), retryMs: 10_000 });
    for (const u of keystrokes('x')) log.enqueue(u);
    expect(await log.flush()).toBe(false);
    fail = false;
    expect(await log.flush()).toBe(true);
    log.stop();
  });
});
