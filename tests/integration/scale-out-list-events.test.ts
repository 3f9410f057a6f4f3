// The story list's live changes across two instances on one Postgres and one Redis: a change on
// one instance reaches the event streams of the other, who has a story open is merged across
// instances (in events and in GET /api/articles), an instance that stops takes its people with
// it, and after a Redis outage every stream is told to read its list again.
import { describe, expect } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import { headlineText } from '../../model/article-schema.ts';
import { waitFor } from '../support/clients.ts';
import { startFailoverProxy, upstreamOf } from '../support/failover-proxy.ts';
import { it } from '../support/fixtures.ts';
import { articleEvent, presenceEvent } from '../support/list-events.ts';

const openByOn = async (url: string, token: string, id: string) =>
  ((await (await fetch(`${url}/api/articles`, { headers: { authorization: `Bearer ${token}` } })).json()) as ArticleListItem[])
    .find((s) => s.id === id)
    ?.openBy.map((u) => u.username)
    .sort();

describe('the story list events on two instances', () => {
  it('a change on one instance reaches the streams on the other, with who has the story open on either', async ({ startDeployment, redisUrl, openStream, connect }) => {
    const deployment = await startDeployment([redisUrl, redisUrl], { rooms: { summaryAfterMs: 20 } });
    const [a, b] = deployment.instances;
    const ana = await a.user('ana', 'reporter');
    const ben = await a.user('ben', 'reporter');
    const vic = await a.user('vic', 'viewer');
    const onB = await openStream(b.url, vic.token);
    const onA = await openStream(a.url, vic.token);

    const id = await a.createArticle(ana.token, { headline: 'Rates rise' });
    expect((await onB.next(articleEvent(id, (e) => e.reason === 'created'), 'the created event on B')).article.headline).toBe('Rates rise');

    // Ben opens it on A, Ana on B: each instance's streams see both.
    let from = onB.events.length;
    connect(a.wsUrl, id, ben.token);
    await onB.next(presenceEvent(id, ['ben']), 'ben (on A) in the story, told on B', from);
    from = onA.events.length;
    const anaOnB = connect(b.wsUrl, id, ana.token);
    await anaOnB.synced;
    await onA.next(presenceEvent(id, ['ana', 'ben']), 'ana (on B) and ben (on A), told on A', from);
    await onB.next(presenceEvent(id, ['ana', 'ben']), 'ana and ben, told on B');
    expect(await openByOn(a.url, vic.token, id)).toEqual(['ana', 'ben']);
    expect(await openByOn(b.url, vic.token, id)).toEqual(['ana', 'ben']);

    // Ana retitles it on B: A's streams get the summary. A workflow step on A: B's streams get it.
    from = onA.events.length;
    headlineText(anaOnB.doc).insert(headlineText(anaOnB.doc).length, ' again');
    const summary = await onA.next(articleEvent(id, (e) => e.reason === 'summary'), 'the summary event on A', from);
    expect(summary.article).toMatchObject({ headline: 'Rates rise again', updatedBy: ana.id });
    expect(summary.article.openBy.map((u) => u.username).sort()).toEqual(['ana', 'ben']);
    from = onB.events.length;
    expect((await a.api(`/api/articles/${id}/revisions`, { method: 'POST', token: ana.token, json: { note: 'cut' } })).status).toBe(201);
    await onB.next(articleEvent(id, (e) => e.reason === 'workflow' && e.article.lastEvent?.action === 'snapshot'), 'the workflow event on B', from);

    // A word added to the newsroom dictionary on A: B's streams are told to read it again.
    from = onB.events.length;
    const desk = await a.user('dora', 'desk');
    expect((await a.api('/api/dictionary', { method: 'POST', token: desk.token, json: { word: 'Kraków' } })).status).toBe(201);
    await onB.next((e) => e.type === 'dictionary', 'the dictionary event on B', from);

    // A stops: Ben's presence there goes with it.
    from = onB.events.length;
    await a.stop();
    await onB.next(presenceEvent(id, ['ana']), 'only ana left, told on B', from);
    expect(await openByOn(b.url, vic.token, id)).toEqual(['ana']);
  });

  it('after a Redis outage, every stream is told to read its list again, and changes cross again', async ({ startDeployment, redisUrl, openStream, defer }) => {
    const redisLink = await startFailoverProxy([upstreamOf(redisUrl)]);
    defer(() => redisLink.close());
    const through = `redis://127.0.0.1:${redisLink.port}`;
    const deployment = await startDeployment([through, through]);
    const [a, b] = deployment.instances;
    const ana = await a.user('ana', 'reporter');
    const onA = await openStream(a.url, ana.token);
    const onB = await openStream(b.url, ana.token);

    await redisLink.cut();
    await waitFor(() => [a, b].every((i) => i.logger.matching('REDIS UNREACHABLE').length === 1), 'both instances to report the outage');
    // Created while apart: B's streams miss it...
    const apart = await a.createArticle(ana.token, { headline: 'Written while apart' });
    await onA.next(articleEvent(apart), 'the created event on A');
    const fromA = onA.events.length;
    const fromB = onB.events.length;
    await redisLink.restore();
    // ...and are told to read the list again, as are A's (A's messages were lost too).
    await onB.next((e): e is { type: 'resync' } => e.type === 'resync', 'a resync on B', fromB, 15_000);
    await onA.next((e): e is { type: 'resync' } => e.type === 'resync', 'a resync on A', fromA, 15_000);
    expect(onB.events.some((e) => e.type === 'article' && e.article.id === apart)).toBe(false);

    const together = await b.createArticle(ana.token, { headline: 'Together again' });
    await onA.next(articleEvent(together), 'a new story to cross live');
  });
});
