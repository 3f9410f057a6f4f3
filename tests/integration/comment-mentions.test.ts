// `@name` in a comment: the server tells that user's event streams (`mentioned`, GET /api/events)
// when they may see the story, and nobody else — not a colleague not named, not the writer, not
// someone named who may not see a restricted story.
import { describe, expect } from 'vitest';
import { headlineText } from '../../model/article-schema.ts';
import { createThread, replyTo, textAnchor } from '../../model/comment-threads.ts';
import type { ListEvent, MentionedEvent } from '../../model/list-events.ts';
import { sleep } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { openEventStream } from '../support/list-events.ts';

const isMention = (id: string) => (event: ListEvent): event is MentionedEvent => event.type === 'mentioned' && event.article.id === id;

describe('the mentioned event', () => {
  it('reaches the streams of whoever a comment or reply names, when they may see the story, and nobody else', async ({ startServer, connect }) => {
    const server = await startServer();
    const ed = await server.user('ed', 'editor');
    const ana = await server.user('ana', 'reporter');
    const cy = await server.user('cy', 'reporter');
    const id = await server.createArticle(ed.token, { headline: 'Council passes the budget' });
    const [anaStream, cyStream, edStream] = await Promise.all([ana, cy, ed].map((u) => openEventStream(server.url, u.token)));

    const client = connect(server.wsUrl, id, ed.token, { track: true });
    await client.synced;
    createThread(client.doc, { id: 't1', field: 'headline', ...textAnchor(headlineText(client.doc), 8, 14), quote: 'passes', author: 'ed', at: Date.now(), text: 'Check the vote count, @ana (and @ed).' });
    const told = await anaStream.next(isMention(id), 'ana is told she was mentioned');
    expect(told).toEqual({ type: 'mentioned', article: { id, headline: 'Council passes the budget', slug: '' }, threadId: 't1', by: { id: ed.id, name: 'ed' }, text: 'Check the vote count, @ana (and @ed).' });

    // A reply naming Cy tells Cy; the restricted story then tells nobody outside it.
    replyTo(client.doc, 't1', { id: 'r1', author: 'ed', at: Date.now(), text: '@cy has the minutes.' });
    expect(await cyStream.next(isMention(id), 'cy is told he was mentioned')).toMatchObject({ threadId: 't1', text: '@cy has the minutes.' });
    const restricted = await server.api(`/api/articles/${id}`, { method: 'PATCH', token: ed.token, json: { restricted: true } });
    expect(restricted.status).toBe(200);
    replyTo(client.doc, 't1', { id: 'r2', author: 'ed', at: Date.now(), text: 'Still waiting, @cy and @ana.' });
    await client.tracker!.whenSaved();
    await sleep(500);
    expect(cyStream.events.filter(isMention(id))).toHaveLength(1);
    expect(anaStream.events.filter(isMention(id))).toHaveLength(1);
    expect(edStream.events.filter(isMention(id))).toEqual([]);
  });
});
