// A server that starts folds the long logs a crash left (server/collab/long-log-folding.ts) in the
// background: afterwards the story is one snapshot with every keystroke in it, a short log is left
// for the story's next open, and someone typing in the story while it is folded loses nothing.
import { describe, expect } from 'vitest';
import { headlineText } from '../../model/article-schema.ts';
import { blockText, readBody } from '../../model/body-tree.ts';
import { FOLD_LOG_ENTRIES } from '../../server/collab/long-log-folding.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { typeIntoStoredLog } from '../support/long-log.ts';

const LONG = FOLD_LOG_ENTRIES + 200;

describe('folding long logs at start', () => {
  it('folds a long log into the snapshot in the background, keeps every keystroke, and leaves a short log alone', async ({ startServer, connect, tempDir }) => {
    const dataDir = await tempDir();
    const first = await startServer({ dataDir });
    const { token } = await first.user('ana', 'reporter');
    const long = await first.createArticle(token, { headline: 'Long log' });
    const short = await first.createArticle(token, { headline: 'Short log' });
    await first.stop();
    const typed = (await typeIntoStoredLog(dataDir, long, LONG)).text;
    await typeIntoStoredLog(dataDir, short, 10);

    const server = await startServer({ dataDir });
    await server.server.folding.done;
    const store = server.server.store;
    expect((await store.documentSize(long)).logEntries).toBe(0);
    expect((await store.documentSize(long)).snapshotBytes).toBeGreaterThan(LONG);
    expect((await store.documentSize(short)).logEntries).toBeGreaterThanOrEqual(10);
    expect(server.logger.matching('folding the long logs of 1 story')).toHaveLength(1);
    expect(server.server.rooms.inMemory(long)).toBe(false);

    // The folded story as a client gets it: every keystroke.
    const reader = connect(server.wsUrl, long, (await server.signIn('ana')));
    await reader.synced;
    expect(readBody(reader.doc).map(blockText)).toContain(typed);
  });

  it('loses nothing a client types while the story is being folded', async ({ startServer, connect, tempDir }) => {
    const dataDir = await tempDir();
    const first = await startServer({ dataDir });
    const { token } = await first.user('ana', 'reporter');
    const id = await first.createArticle(token, { headline: 'Busy' });
    await first.stop();
    const typed = (await typeIntoStoredLog(dataDir, id, LONG)).text;

    const server = await startServer({ dataDir });
    const ana = await server.signIn('ana');
    // Ana opens the story at once: her room is the folding's, or the folding finds it open.
    const editor = connect(server.wsUrl, id, ana, { track: true });
    await editor.synced;
    // Typed a key at a time, as the folding goes on.
    [...'Still busy: '].forEach((letter, i) => headlineText(editor.doc).insert(i, letter));
    await editor.tracker!.whenSaved();
    await server.server.folding.done;
    editor.destroy();
    await waitFor(() => !server.server.rooms.inMemory(id), 'the story to unload', 30_000);

    const reopened = await server.restart();
    const reader = connect(reopened.wsUrl, id, await reopened.signIn('ana'));
    await reader.synced;
    expect(headlineText(reader.doc).toString()).toBe('Still busy: Busy');
    expect(readBody(reader.doc).map(blockText)).toContain(typed);
    expect((await reopened.server.store.documentSize(id)).logEntries).toBeLessThan(FOLD_LOG_ENTRIES);
  });
});
