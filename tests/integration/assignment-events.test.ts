// Assigning someone tells them (issue 17, requirement 2): a stock y-websocket client adds a
// username to the story's assignees, and that person's event streams get `assigned`; nobody
// else's do, nor the assignee's for a restricted story they may not see, nor anyone's again after
// a restart for an assignment made before it. With several instances on Postgres, the instance the
// assignee's stream is on tells them, and an instance started later knows who was assigned already.
import { describe, expect } from 'vitest';
import type * as Y from 'yjs';
import type { ArticleEvent, AssignedEvent, ListEvent } from '../../model/list-events.ts';
import { META_KEYS, metaMap } from '../../model/article-schema.ts';
import { it } from '../support/fixtures.ts';
import { openEventStream, type EventStreamClient } from '../support/list-events.ts';

const assign = (doc: Y.Doc, names: string[]) => metaMap(doc).set(META_KEYS.assignees, names);

const isAssigned = (id: string) => (event: ListEvent): event is AssignedEvent => event.type === 'assigned' && event.article.id === id;
const entryWith = (id: string, names: string[]) => (event: ListEvent): event is ArticleEvent =>
  event.type === 'article' && event.article.id === id && event.article.assignees.join() === names.join();
const assignedTo = (stream: EventStreamClient, id: string) => stream.events.filter(isAssigned(id));

describe('the assigned event', () => {
  it('reaches the streams of whoever is newly assigned, and nobody else', async ({ startServer, connect }) => {
    const server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const dana = await server.user('dana', 'desk');
    const ana = await server.user('ana', 'reporter');
    const cy = await server.user('cy', 'reporter');
    const id = await server.createArticle(dana.token, { headline: 'Council votes on the budget' });
    const [anaStream, cyStream, danaStream] = await Promise.all([ana, cy, dana].map((u) => openEventStream(server.url, u.token)));

    const desk = connect(server.wsUrl, id, dana.token);
    await desk.synced;
    assign(desk.doc, ['ana']);

    const told = await anaStream.next(isAssigned(id), 'ana is told she was assigned');
    expect(told).toEqual({ type: 'assigned', article: { id, headline: 'Council votes on the budget', slug: '' }, by: { id: dana.id, name: 'dana' } });
    // Cy and Dana see the entry change, and are not told of an assignment.
    await cyStream.next(entryWith(id, ['ana']), 'cy sees the new entry');
    await danaStream.next(entryWith(id, ['ana']), 'dana sees the new entry');
    expect(assignedTo(cyStream, id)).toEqual([]);
    expect(assignedTo(danaStream, id)).toEqual([]);

    // Adding Cy tells Cy; Ana, assigned already, is not told again.
    assign(desk.doc, ['ana', 'cy']);
    await cyStream.next(isAssigned(id), 'cy is told he was assigned');
    await anaStream.next(entryWith(id, ['ana', 'cy']), 'ana sees the new entry');
    expect(assignedTo(anaStream, id)).toHaveLength(1);

    // Assigning oneself tells nobody.
    assign(desk.doc, ['ana', 'cy', 'dana']);
    await danaStream.next(entryWith(id, ['ana', 'cy', 'dana']), 'dana sees herself assigned');
    expect(assignedTo(danaStream, id)).toEqual([]);
    for (const stream of [anaStream, cyStream, danaStream]) stream.close();
  });

  it('does not reach an assignee who may not see the restricted story, nor names it to them', async ({ startServer, connect }) => {
    const server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const ana = await server.user('ana', 'reporter');
    const cy = await server.user('cy', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Sealed inquiry' });
    expect((await server.api(`/api/articles/${id}`, { method: 'PATCH', token: ana.token, json: { restricted: true } })).status).toBe(200);
    const [anaStream, cyStream] = await Promise.all([ana, cy].map((u) => openEventStream(server.url, u.token)));

    const author = connect(server.wsUrl, id, ana.token);
    await author.synced;
    assign(author.doc, ['cy']);
    await anaStream.next(entryWith(id, ['cy']), 'ana sees her story assigned');
    // A later event on a story cy may see shows his stream caught up past the assignment.
    const open = await server.createArticle(ana.token, { headline: 'Open story' });
    await cyStream.next((e): e is ArticleEvent => e.type === 'article' && e.article.id === open, 'cy sees the open story');
    expect(cyStream.text).not.toContain(id);
    anaStream.close();
    cyStream.close();
  });

  it('is not sent again after a restart for an assignment made before it', async ({ startServer, connect }) => {
    let server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const dana = await server.user('dana', 'desk');
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(dana.token, { headline: 'Storm warning' });
    const first = await openEventStream(server.url, ana.token);
    const before = connect(server.wsUrl, id, dana.token);
    await before.synced;
    assign(before.doc, ['ana']);
    await first.next(isAssigned(id), 'ana is told before the restart');
    first.close();
    before.destroy();

    server = await server.restart();
    const danaToken = await server.signIn('dana');
    const anaStream = await openEventStream(server.url, await server.signIn('ana'));
    const after = connect(server.wsUrl, id, danaToken);
    await after.synced;
    metaMap(after.doc).set(META_KEYS.targetWords, 500);
    await anaStream.next((e): e is ArticleEvent => e.type === 'article' && e.article.id === id && e.article.targetWords === 500, 'ana sees the later edit');
    expect(assignedTo(anaStream, id)).toEqual([]);
    anaStream.close();
  });

  it('on two instances and Postgres, reaches the assignee on the other instance, and a new instance knows the assignees already', async ({ startDeployment, redisUrl, openStream, connect }) => {
    const deployment = await startDeployment([redisUrl, redisUrl], { rooms: { summaryAfterMs: 20 } });
    const [a, b] = deployment.instances;
    const dana = await a.user('dana', 'desk');
    const ana = await a.user('ana', 'reporter');
    const id = await a.createArticle(dana.token, { headline: 'Port strike' });
    const anaOnB = await openStream(b.url, ana.token);
    const desk = connect(a.wsUrl, id, dana.token);
    await desk.synced;
    assign(desk.doc, ['ana']);
    expect((await anaOnB.next(isAssigned(id), 'ana, on B, is told of the assignment made on A')).by).toEqual({ id: dana.id, name: 'dana' });

    // An instance started now reads who is assigned from the store: a later edit tells nobody again.
    const c = await deployment.add();
    const anaOnC = await openStream(c.url, ana.token);
    metaMap(desk.doc).set(META_KEYS.targetWords, 300);
    await anaOnC.next((e): e is ArticleEvent => e.type === 'article' && e.article.id === id && e.article.targetWords === 300, 'ana, on C, sees the later edit');
    expect(assignedTo(anaOnC, id)).toEqual([]);
  });
});
