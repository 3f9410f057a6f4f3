// `@name` in a comment across two instances on one Postgres and one Redis: the mentioned user's
// event streams on both instances are told, each exactly once, whichever instance the writer is
// on; never the writer; and once the story is restricted, only those who may still see it.
import { describe, expect } from 'vitest';
import { commentsMap, headlineText } from '../../model/article-schema.ts';
import { createThread, replyTo, textAnchor } from '../../model/comment-threads.ts';
import type { ListEvent, MentionedEvent } from '../../model/list-events.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

const isMention = (id: string) => (event: ListEvent): event is MentionedEvent => event.type === 'mentioned' && event.article.id === id;

describe('the mentioned event on two instances', () => {
  it('reaches the named user’s streams on both instances once each, never the writer, and only who may see the story', async ({ startDeployment, redisUrl, openStream, connect }) => {
    const deployment = await startDeployment([redisUrl, redisUrl]);
    const [a, b] = deployment.instances;
    const ed = await a.user('ed', 'editor');
    const ana = await a.user('ana', 'reporter');
    const cy = await a.user('cy', 'reporter');
    const id = await a.createArticle(ed.token, { headline: 'Council passes the budget' });
    const anaOnA = await openStream(a.url, ana.token);
    const anaOnB = await openStream(b.url, ana.token);
    const cyOnB = await openStream(b.url, cy.token);
    const edOnA = await openStream(a.url, ed.token);
    const edOnB = await openStream(b.url, ed.token);

    // Ed comments on A, naming Ana and himself: Ana's streams on A and on B are told.
    const edOnInstanceA = connect(a.wsUrl, id, ed.token, { track: true });
    await edOnInstanceA.synced;
    const text = 'Check the vote count, @ana (and @ed).';
    createThread(edOnInstanceA.doc, { id: 't1', field: 'headline', ...textAnchor(headlineText(edOnInstanceA.doc), 8, 14), quote: 'passes', author: 'ed', at: Date.now(), text });
    const expected = { type: 'mentioned', article: { id, headline: 'Council passes the budget', slug: '' }, threadId: 't1', by: { id: ed.id, name: 'ed' }, text };
    expect(await anaOnB.next(isMention(id), 'ana told on B (ed wrote on A)')).toEqual(expected);
    expect(await anaOnA.next(isMention(id), 'ana told on A')).toEqual(expected);
    edOnInstanceA.destroy();

    // Ed replies from B, naming Cy: Cy's stream on B is told, and the story's people named, Cy only.
    const edOnInstanceB = connect(b.wsUrl, id, ed.token, { track: true });
    await edOnInstanceB.synced;
    // B may have read the story from the store just before A's append of the thread; A's "stored" note then makes B read it again.
    await waitFor(() => commentsMap(edOnInstanceB.doc).has('t1'), 'the thread to reach Ed on B');
    replyTo(edOnInstanceB.doc, 't1', { id: 'r1', author: 'ed', at: Date.now(), text: '@cy has the minutes.' });
    expect(await cyOnB.next(isMention(id), 'cy told on B')).toMatchObject({ threadId: 't1', text: '@cy has the minutes.', by: { id: ed.id } });

    // Restricted to Cy: a reply from B naming both tells Cy (on B) and not Ana (on either).
    const restricted = await a.api(`/api/articles/${id}`, { method: 'PATCH', token: ed.token, json: { restricted: true, people: ['cy'] } });
    expect(restricted.status, await restricted.clone().text()).toBe(200);
    await sleep(200);
    replyTo(edOnInstanceB.doc, 't1', { id: 'r2', author: 'ed', at: Date.now(), text: 'Still waiting, @cy and @ana.' });
    await cyOnB.next((e): e is MentionedEvent => isMention(id)(e) && e.text.startsWith('Still waiting'), 'cy told again on B');
    await edOnInstanceB.tracker!.whenSaved();
    await sleep(700);

    // Once per stream: no instance told another's streams twice, nor the writer at all.
    expect(anaOnA.events.filter(isMention(id))).toHaveLength(1);
    expect(anaOnB.events.filter(isMention(id))).toHaveLength(1);
    expect(cyOnB.events.filter(isMention(id)).map((e) => e.text)).toEqual(['@cy has the minutes.', 'Still waiting, @cy and @ana.']);
    expect([...edOnA.events, ...edOnB.events].filter(isMention(id))).toEqual([]);
  });
});
