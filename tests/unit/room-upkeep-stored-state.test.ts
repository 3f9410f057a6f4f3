// A room keeps the encoding of its stored state for the clients opening the story together,
// and drops it once nobody asked for it a while: an idle room keeps only its Y.Doc.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText } from '../../model/article-schema.ts';
import { RoomUpkeep, type UpkeepWriters } from '../../server/collab/room-upkeep.ts';
import { UpdateLog } from '../../server/collab/update-log.ts';
import { sleep } from '../support/clients.ts';
import { MemoryLogger } from '../support/test-server.ts';

/** A story stored as a snapshot alone, opened into a fresh document, and the upkeep of its room. */
function openStored(storedStateKeepMs: number) {
  const source = new Y.Doc();
  headlineText(source).insert(0, 'Stored');
  const snapshot = Y.encodeStateAsUpdate(source);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const logger = new MemoryLogger();
  const log = new UpdateLog('story', async () => 1, logger, {}, 1);
  const snapshots: Uint8Array[] = [];
  const writers: UpkeepWriters = { snapshot: async (state) => void snapshots.push(state), summary: async () => undefined };
  const upkeep = new RoomUpkeep('story', doc, log, writers, logger, { storedStateKeepMs }, { snapshot, updates: [], lastSeq: 1 });
  return { upkeep, snapshot, doc, log, snapshots };
}

describe('the stored state a room keeps for opening clients', () => {
  it('serves the stored bytes while they are asked for, and drops them once unused for the keep time', async () => {
    const { upkeep, snapshot } = openStored(150);
    expect(upkeep.storedState()).toBe(snapshot);
    // Each use starts the keep time again.
    for (let i = 0; i < 4; i++) {
      await sleep(60);
      expect(upkeep.storedState()).toBe(snapshot);
    }
    await sleep(400);
    expect(upkeep.storedState()).toBeNull();
    upkeep.stop();
  });

  it('drops a state a compaction stored once unused for the keep time, and any state on a change', async () => {
    const { upkeep, doc, log, snapshots } = openStored(100);
    upkeep.changed();
    expect(upkeep.storedState()).toBeNull();
    headlineText(doc).insert(0, 'New ');
    log.lastSeq = 2;
    await upkeep.compact();
    expect(snapshots).toHaveLength(1);
    expect(upkeep.storedState()).toBe(snapshots[0]);
    await sleep(300);
    expect(upkeep.storedState()).toBeNull();
    upkeep.stop();
  });

  it('drops the state when the room stops', () => {
    const { upkeep } = openStored(60_000);
    upkeep.stop();
    expect(upkeep.storedState()).toBeNull();
  });
});
