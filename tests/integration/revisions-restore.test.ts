// Restoring a revision through real clients: the restore arrives live, it is a new change on
// top of the draft (nothing of the history is rewritten), and a colleague typing elsewhere at
// that moment keeps every word.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, readPictures, standfirstText } from '../../model/article-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { waitFor, type TestClient } from '../support/clients.ts';
import { revisionApi } from '../support/revision-api.ts';
import { it } from '../support/fixtures.ts';

const paragraphs = (doc: Y.Doc) => readBody(doc).map(blockText);
const paragraphText = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

/** Holds everything `client` sends until the returned function is called: its keystrokes are "in flight". */
function holdOutgoing(client: TestClient): () => void {
  const ws = client.provider.ws!;
  const send = ws.send.bind(ws);
  const held: Parameters<typeof send>[0][] = [];
  ws.send = (data: Parameters<typeof send>[0]) => void held.push(data);
  return () => {
    ws.send = send;
    for (const data of held) send(data);
  };
}

describe('restore', () => {
  it('brings a revision back live for everyone, as a new change, without losing a colleague’s concurrent typing', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const ben = await server.user('ben', 'desk');
    const id = await server.createArticle(ana.token, { headline: 'Original headline' });
    const a = connect(server.wsUrl, id, ana.token, { track: true });
    const b = connect(server.wsUrl, id, ben.token, { track: true });
    await Promise.all([a.synced, b.synced]);

    a.doc.transact(() => {
      standfirstText(a.doc).insert(0, 'What happened at the meeting.');
      metaMap(a.doc).set(META_KEYS.byline, 'Ana Reporter');
      bodyFragment(a.doc).delete(0, 1);
      appendParagraphs(a.doc, ['Alpha one.', 'Beta two.']);
      addPicture(a.doc, { id: 'pic-1', caption: 'The chamber', credit: 'Gage Skidmore' });
    });
    await a.tracker!.whenSaved();
    await api.snapshot(ana.token, id, 'good version');
    const revisionText = await api.exportText(ana.token, id, 'text', 1);

    // The draft wanders off: headline, first paragraph, a new paragraph, byline, picture credit and a new picture.
    a.doc.transact(() => {
      headlineText(a.doc).insert(0, 'Wrong ');
      paragraphText(a.doc, 0).insert(5, ' ALTERED');
      appendParagraphs(a.doc, ['Paragraph to drop.']);
      metaMap(a.doc).set(META_KEYS.byline, 'Somebody Else');
      addPicture(a.doc, { id: 'pic-2', caption: 'Unwanted', credit: 'X' });
    });
    await a.tracker!.whenSaved();
    await waitFor(() => headlineText(b.doc).toString().startsWith('Wrong ') && paragraphs(b.doc).length === 3, 'Ben to see the wandering draft');
    const betaBefore = bodyFragment(b.doc).get(1);

    // Ben types in the second paragraph; his keystrokes are still on their way when the restore runs.
    const release = holdOutgoing(b);
    const beta = paragraphText(b.doc, 1);
    beta.insert(beta.length, ' Typed by Ben.');
    const restored = await api.step(ana.token, id, 1, 'restore');
    expect(restored.event).toMatchObject({ action: 'restore', revision: 1, userId: ana.id });

    // Ana sees the restore live, without reconnecting; so does Ben while his typing is held.
    await waitFor(() => headlineText(a.doc).toString() === 'Original headline', 'the restored headline at Ana');
    expect(paragraphs(a.doc)).toEqual(['Alpha one.', 'Beta two.']);
    expect(metaMap(a.doc).get(META_KEYS.byline)).toBe('Ana Reporter');
    expect(readPictures(a.doc).map((p) => [p.id, p.credit])).toEqual([['pic-1', 'Gage Skidmore']]);
    expect(await api.exportText(ana.token, id, 'text', 'live')).toBe(revisionText);
    await waitFor(() => headlineText(b.doc).toString() === 'Original headline', 'the restored headline at Ben');
    expect(paragraphs(b.doc)).toEqual(['Alpha one.', 'Beta two. Typed by Ben.']);

    // Ben's keystrokes arrive after the restore and merge into the paragraph the restore left alone.
    release();
    await b.tracker!.whenSaved();
    await waitFor(() => paragraphs(a.doc)[1] === 'Beta two. Typed by Ben.', "Ben's words at Ana");
    expect(bodyFragment(b.doc).get(1)).toBe(betaBefore);
    expect(await api.exportText(ana.token, id, 'text', 'live')).toContain('Beta two. Typed by Ben.');
    expect(headlineText(a.doc).toString()).toBe('Original headline');

    // History is untouched: still one revision with its content, and the restore is on record.
    expect(await api.list(ana.token, id)).toHaveLength(1);
    expect(await api.exportText(ana.token, id, 'text', 1)).toBe(revisionText);
    expect((await server.server.store.listWorkflowEvents(id)).map((e) => e.action)).toEqual(['snapshot', 'restore']);
    expect(await api.article(ana.token, id)).toMatchObject({ lastEvent: { action: 'restore', revision: 1, userName: 'ana' } });
  });

  it('restores a story nobody has open, and the restore survives a restart', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Kept headline' });
    await api.snapshot(ana.token, id);
    const a = connect(server.wsUrl, id, ana.token, { track: true });
    await a.synced;
    headlineText(a.doc).insert(0, 'Changed: ');
    await a.tracker!.whenSaved();
    a.destroy();
    await waitFor(() => server.server.rooms.size === 0, 'the story to be closed');

    await api.step(ana.token, id, 1, 'restore');
    expect(await api.exportText(ana.token, id, 'text', 'live')).toBe('Headline: Kept headline\n');
    server = await server.restart();
    const token = await server.signIn('ana');
    expect(await revisionApi(server).exportText(token, id, 'text', 'live')).toBe('Headline: Kept headline\n');
  });
});
