// Who a suggestion or note names, on the real server with stock y-websocket clients: a client that
// adds a suggestion or note naming another user, or gives one the story has another author, is
// closed with the reason and nothing is applied, while the rest of the room keeps typing; an
// editor accepts someone else's suggestion, splits a paragraph through their note and undoes the
// accept (which writes their marks anew), also after the server restarted, and nobody is closed.
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { updateYFragment } from 'y-prosemirror';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { sleep, waitFor, type TestClient } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

const s = bodySchema;
const paragraph = (...content: PMNode[]) => s.node(BODY_NODES.paragraph, null, content);
const text = (value: string, marks: Mark[] = []) => s.text(value, marks);
const EDIT = 'edit';

/** Writes `blocks` as the body, as the editor (y-prosemirror) does. */
const writeBody = (doc: Y.Doc, ...blocks: PMNode[]) =>
  doc.transact(() => updateYFragment(doc, bodyFragment(doc), s.node('doc', null, blocks), { mapping: new Map(), isOMark: new Map() }), EDIT);

/** Resolves with the first close the server sends `client`. */
const firstClose = (client: TestClient) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    client.provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
  );

/** The closes the server sends `client` from now on (not those the client makes itself). */
const closes = (client: TestClient) => {
  const seen: string[] = [];
  client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) seen.push(`${event.code} ${event.reason}`);
  });
  return seen;
};

const plain = (doc: Y.Doc) =>
  bodyFragment(doc)
    .toArray()
    .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toDelta().map((op: { insert: string }) => op.insert).join(''))
    .join('\n');

describe('authors of suggestions and notes', () => {
  it('refuse a forged one (closed with the reason, nothing applied) while the room keeps typing', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const ed = await server.user('ed', 'editor');
    const mallory = await server.user('mallory', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'Council votes' });
    const anaClient = connect(server.wsUrl, id, ana.token, { track: true });
    const edClient = connect(server.wsUrl, id, ed.token, { track: true });
    await Promise.all([anaClient.synced, edClient.synced]);
    const anaNote = s.marks[BODY_MARKS.note].create({ author: ana.id, name: 'Ana', at: Date.now() });
    const anaInsertion = s.marks[BODY_MARKS.insertion].create({ id: 'ins-ana', author: ana.id, authorName: 'Ana', at: Date.now() });
    writeBody(anaClient.doc, paragraph(text('The council '), text('finally ', [anaInsertion]), text('voted.', [anaNote])), paragraph(text('Ed types here:')));
    await anaClient.tracker!.whenSaved();
    await waitFor(() => plain(edClient.doc).includes('finally'), 'ana’s suggestion to reach ed');

    // Ed keeps typing in the second paragraph the whole time.
    const edCloses = closes(edClient);
    let typed = 0;
    const typing = setInterval(() => {
      const line = (bodyFragment(edClient.doc).get(1) as Y.XmlElement).get(0) as Y.XmlText;
      line.insert(line.length, ` ${++typed}`);
    }, 20);

    const forgeries: [string, (doc: Y.Doc) => void][] = [
      ['a suggestion by someone else', (doc) => writeBody(doc, paragraph(text('The council '), text('never ', [s.marks[BODY_MARKS.insertion].create({ id: 'ins-forged', author: ed.id, authorName: 'Ed', at: Date.now() })]), text('finally ', [anaInsertion]), text('voted.', [anaNote])))],
      ['a note by someone else', (doc) => writeBody(doc, paragraph(text('The council ', [s.marks[BODY_MARKS.note].create({ author: ana.id, name: 'Ana', at: 1 })]), text('finally ', [anaInsertion]), text('voted.', [anaNote])))],
      ['ana’s suggestion given to ed', (doc) => writeBody(doc, paragraph(text('The council '), text('finally ', [s.marks[BODY_MARKS.insertion].create({ ...anaInsertion.attrs, author: ed.id })]), text('voted.', [anaNote])))],
    ];
    const expected = [`update refused: a suggestion by "${ed.id}", who is not the sender`, `update refused: a note by "${ana.id}", who is not the sender`, `update refused: a suggestion by "${ed.id}", who is not the sender`];
    for (const [i, [what, forge]] of forgeries.entries()) {
      const forger = connect(server.wsUrl, id, mallory.token);
      await forger.synced;
      const closed = firstClose(forger);
      forge(forger.doc);
      expect(await closed, what).toEqual({ code: 1008, reason: expected[i] });
      forger.destroy();
    }
    // Mallory's own suggestion is taken.
    const honest = connect(server.wsUrl, id, mallory.token, { track: true });
    await honest.synced;
    writeBody(honest.doc, paragraph(text('The council '), text('finally ', [anaInsertion]), text('voted.', [anaNote]), text(' Late.', [s.marks[BODY_MARKS.insertion].create({ id: 'ins-mal', author: mallory.id, authorName: 'Mallory', at: Date.now() })])), paragraph(text(plain(honest.doc).split('\n')[1])));
    await honest.tracker!.whenSaved();

    const before = typed;
    await waitFor(() => typed > before + 5, 'ed to keep typing');
    clearInterval(typing);
    await edClient.tracker!.whenSaved();
    expect(edCloses).toEqual([]);
    const fresh = connect(server.wsUrl, id, ana.token);
    await fresh.synced;
    const [first, second] = plain(fresh.doc).split('\n');
    expect(first).toBe('The council finally voted. Late.');
    expect(second).toBe(`Ed types here:${Array.from({ length: typed }, (_, i) => ` ${i + 1}`).join('')}`);
    const marks = (bodyFragment(fresh.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(JSON.stringify(marks.toDelta())).not.toMatch(/ins-forged|never/);
  });

  it('let an editor accept someone else’s suggestion, split their note and undo, also after a restart', async ({ startServer, connect }) => {
    let server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const ed = await server.user('ed', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'Council votes' });
    const anaClient = connect(server.wsUrl, id, ana.token, { track: true });
    await anaClient.synced;
    const anaNote = s.marks[BODY_MARKS.note].create({ author: ana.id, name: 'Ana', at: Date.now() });
    const anaInsertion = s.marks[BODY_MARKS.insertion].create({ id: 'ins-ana', author: ana.id, authorName: 'Ana', at: Date.now() });
    writeBody(anaClient.doc, paragraph(text('The council '), text('finally ', [anaInsertion]), text('voted on the budget.', [anaNote])));
    await anaClient.tracker!.whenSaved();
    anaClient.destroy();

    const edDoc = new Y.Doc();
    let edClient = connect(server.wsUrl, id, ed.token, { track: true, doc: edDoc });
    await edClient.synced;
    const edCloses = closes(edClient);
    const undo = new Y.UndoManager(bodyFragment(edDoc), { trackedOrigins: new Set([EDIT]) });
    // Split through ana's note, then accept her insertion.
    writeBody(edDoc, paragraph(text('The council '), text('finally ', [anaInsertion]), text('voted on', [anaNote])), paragraph(text(' the budget.', [anaNote])));
    undo.stopCapturing();
    writeBody(edDoc, paragraph(text('The council finally '), text('voted on', [anaNote])), paragraph(text(' the budget.', [anaNote])));
    await edClient.tracker!.whenSaved();

    // The server restarts (its memory of the marks goes with it) before ed undoes the accept.
    edClient.provider.disconnect();
    server = await server.restart();
    edClient = connect(server.wsUrl, id, ed.token, { track: true, doc: edDoc });
    await edClient.synced;
    const laterCloses = closes(edClient);
    undo.undo();
    await edClient.tracker!.whenSaved();
    await sleep(200);
    expect([...edCloses, ...laterCloses]).toEqual([]);

    const fresh = connect(server.wsUrl, id, ana.token);
    await fresh.synced;
    const delta = ((bodyFragment(fresh.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta() as { insert: string; attributes?: Record<string, unknown> }[];
    expect(delta).toContainEqual({ insert: 'finally ', attributes: { [BODY_MARKS.insertion]: anaInsertion.attrs } });
    expect(plain(fresh.doc)).toBe('The council finally voted on\n the budget.');
  });
});
