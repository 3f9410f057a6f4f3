// A restore is worked out in a compute worker and applied as one server change: what it brings
// back is the restoring user's in a comparison, and it arrives live.
import { describe, expect } from 'vitest';
import { bodyFragment } from '../../model/article-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { waitFor } from '../support/clients.ts';
import { revisionApi } from '../support/revision-api.ts';
import { it } from '../support/fixtures.ts';

describe('restore authorship', () => {
  it('names the restoring user as the author of what the restore wrote back', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const ben = await server.user('ben', 'desk');
    const id = await server.createArticle(ana.token, { headline: 'Bridge' });
    const a = connect(server.wsUrl, id, ana.token, { track: true });
    await a.synced;
    appendParagraphs(a.doc, ['Kept paragraph.', 'Dropped then restored.']);
    await a.tracker!.whenSaved();
    await api.snapshot(ana.token, id);
    a.doc.transact(() => bodyFragment(a.doc).delete(bodyFragment(a.doc).length - 1, 1));
    await a.tracker!.whenSaved();
    await api.snapshot(ana.token, id);

    await api.step(ben.token, id, 1, 'restore');
    await waitFor(() => readBody(a.doc).map(blockText).includes('Dropped then restored.'), 'the restore to arrive live');
    const diff = await api.diff(ana.token, id, 2, 'live');
    const added = diff.fields.flatMap((f) => f.spans).filter((s) => s.kind === 'added');
    expect(added.map((s) => s.text).join('')).toBe('Dropped then restored.');
    expect(added.every((s) => s.authorId === ben.id)).toBe(true);
    expect(diff.authors).toEqual([{ id: ben.id, name: 'ben' }]);
  });
});
