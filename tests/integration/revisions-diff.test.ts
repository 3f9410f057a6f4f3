// The comparison endpoint against a real server: words inserted and deleted between any two of
// a revision, the approved revision and the live draft, with the right author named for each
// run when two people type through their own clients; and its refusals.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText } from '../../model/article-schema.ts';
import { waitFor } from '../support/clients.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';
import { it } from '../support/fixtures.ts';

const paragraphText = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

describe('GET /api/articles/:id/diff', () => {
  it('marks inserted and deleted words with the user who typed them', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const ben = await server.server.accounts.addUser({ username: 'ben', role: 'desk', password: 'password1', displayName: 'Ben Desk' });
    const benToken = await server.signIn('ben');
    const eve = (await server.user('eve', 'editor')).token;
    // The server writes the first headline for its creator, Ana.
    const id = await server.createArticle(ana.token, { headline: 'Council approves budget' });
    const a = connect(server.wsUrl, id, ana.token, { track: true });
    const b = connect(server.wsUrl, id, benToken, { track: true });
    await Promise.all([a.synced, b.synced]);
    paragraphText(a.doc, 0).insert(0, 'The council met on Tuesday.');
    await a.tracker!.whenSaved();
    await api.snapshot(ana.token, id);
    await waitFor(() => paragraphText(b.doc, 0).toString() !== '', 'Ben to have the paragraph');

    headlineText(b.doc).delete(0, 'Council '.length);
    headlineText(b.doc).insert(headlineText(b.doc).length, ' cuts');
    const text = paragraphText(a.doc, 0);
    text.insert(text.length, ' Nobody objected.');
    await Promise.all([a.tracker!.whenSaved(), b.tracker!.whenSaved()]);

    const diff = await api.diff(eve, id, 1, 'live');
    expect(diff.from).toBe(1);
    expect(diff.to).toBe('live');
    const headline = diff.fields.find((f) => f.key === 'headline')!;
    expect(headline.spans).toEqual([
      { kind: 'removed', text: 'Council ', authorId: ana.id },
      { kind: 'same', text: 'approves budget', authorId: null },
      { kind: 'added', text: ' cuts', authorId: ben.id },
    ]);
    const body = diff.fields.find((f) => f.key === 'body:0')!;
    expect(body.spans.filter((s) => s.kind !== 'same')).toEqual([{ kind: 'added', text: ' Nobody objected.', authorId: ana.id }]);
    expect(diff.fields.map((f) => f.key).sort()).toEqual(['body:0', 'headline']);
    expect(diff.wordsAdded).toBe(3);
    expect(diff.wordsRemoved).toBe(1);
    // Names are display names.
    expect([...diff.authors].sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { id: ana.id, name: 'ana' },
      { id: ben.id, name: 'Ben Desk' },
    ]);

    // The same change seen from the live draft back to the revision swaps insertions and deletions.
    const back = await api.diff(eve, id, 'live', 1);
    expect(back.fields.find((f) => f.key === 'headline')!.spans.filter((s) => s.kind !== 'same')).toEqual([
      { kind: 'added', text: 'Council ', authorId: ana.id },
      { kind: 'removed', text: ' cuts', authorId: ben.id },
    ]);
    // Nothing changed from a revision to itself.
    expect(await api.diff(eve, id, 1, 1)).toMatchObject({ fields: [], wordsAdded: 0, wordsRemoved: 0, authors: [] });
  });

  it('names the right author for every character when two people type into one word, letter by letter', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const ben = await server.user('ben', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Bridge reopens' });
    const a = connect(server.wsUrl, id, ana.token, { track: true });
    const b = connect(server.wsUrl, id, ben.token, { track: true });
    await Promise.all([a.synced, b.synced]);
    // The story's first paragraph, with a bold and a linked word before the spot where both type.
    paragraphText(a.doc, 0).insert(0, 'Cyclists queued at dawn on Monday.');
    paragraphText(a.doc, 0).format(0, 8, { strong: {} });
    paragraphText(a.doc, 0).format(19, 4, { link: { href: 'https://example.com/dawn' } });
    await a.tracker!.whenSaved();
    await api.snapshot(ana.token, id);

    // Who wrote each character, kept alongside: [character, user id].
    const expected = {
      headline: [...'Bridge reopens'].map((c) => [c, ana.id]),
      body: [...'Cyclists queued at dawn on Monday.'].map((c) => [c, ana.id]),
    };
    const typists = [
      { client: a, user: ana.id, word: 'AAA-ana-AAA' },
      { client: b, user: ben.id, word: 'BBB-ben-BBB' },
    ];
    for (const [field, spot] of [['headline', 7], ['body', 24]] as const) {
      const textOf = (doc: Y.Doc) => (field === 'headline' ? headlineText(doc) : paragraphText(doc, 0));
      // Each types one letter in turn at their own caret and waits for the other to see it; the
      // carets start at one spot and a letter typed at or before a caret moves it on.
      const carets: number[] = [spot, spot];
      for (let i = 0; i < 11; i++) {
        for (const [who, typist] of typists.entries()) {
          const index = carets[who] + (i % 3 === 2 ? 1 : 0); // now and then a letter further on
          textOf(typist.client.doc).insert(index, typist.word[i]);
          expected[field].splice(index, 0, [typist.word[i], typist.user]);
          carets[who] = index + 1;
          if (carets[1 - who] > index) carets[1 - who]++;
          const length = expected[field].length;
          await waitFor(() => typists.every((t) => textOf(t.client.doc).length === length), `letter ${i} of ${typist.word} on both sides`);
        }
      }
    }
    await Promise.all([a.tracker!.whenSaved(), b.tracker!.whenSaved()]);

    const diff = await api.diff(ana.token, id, 1, 'live');
    for (const [key, field] of [['headline', 'headline'], ['body:0', 'body']] as const) {
      const spans = diff.fields.find((f) => f.key === key)!.spans.filter((s) => s.kind !== 'removed');
      // The spans spell the live text exactly, and each added character names the person who typed it.
      expect(spans.map((s) => s.text).join('')).toBe(expected[field].map(([c]) => c).join(''));
      const authors = spans.flatMap((s) => [...s.text].map(() => (s.kind === 'added' ? s.authorId : null)));
      expected[field].forEach(([c, user], i) => authors[i] !== null && expect(authors[i], `${key} character ${i} (${c})`).toBe(user));
      expect(authors.filter((author) => author === ben.id)).toHaveLength(11);
      expect(authors.filter((author) => author === ana.id).length).toBeGreaterThanOrEqual(11);
    }
    expect(new Set(diff.authors.map((author) => author.id))).toEqual(new Set([ana.id, ben.id]));
  });

  it('compares with the approved revision by name, and resolves it to its number', async ({ server, connect }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const eve = await server.user('eve', 'editor');
    const id = await server.createArticle(ana.token, { headline: 'First words' });
    await api.snapshot(ana.token, id);
    await api.step(eve.token, id, 1, 'approve');
    const a = connect(server.wsUrl, id, ana.token, { track: true });
    await a.synced;
    headlineText(a.doc).insert(headlineText(a.doc).length, ' and more');
    await a.tracker!.whenSaved();
    await api.snapshot(ana.token, id);

    const diff = await api.diff(eve.token, id, 'approved', 2);
    expect(diff).toMatchObject({ from: 1, to: 2, wordsAdded: 2, wordsRemoved: 0, authors: [{ id: ana.id, name: 'ana' }] });
    expect(diff.fields.map((f) => f.key)).toEqual(['headline']);
  });

  it('compares with the empty story (0) for a first review: everything is added', async ({ server }) => {
    const api = revisionApi(server);
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'First words' });
    await api.snapshot(ana.token, id);
    const diff = await api.diff(ana.token, id, 0, 1);
    expect(diff).toMatchObject({ from: 0, to: 1, wordsAdded: 2, wordsRemoved: 0 });
    expect(diff.fields[0]).toMatchObject({ key: 'headline', spans: [{ kind: 'added', text: 'First words', authorId: ana.id }] });
  });

  it('refuses a missing or malformed ref (400), an unknown revision or story, and approved before any approval (404)', async ({ server }) => {
    const api = revisionApi(server);
    const { token } = await server.user('vic', 'viewer');
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token, { headline: 'Budget' });
    await api.snapshot(ana.token, id);
    const diff = (query: string, article = id) => server.api(`/api/articles/${article}/diff${query}`, { token });
    for (const query of ['', '?from=1', '?to=live', '?from=abc&to=live', '?from=1&to=-1', '?from=1&to=1.0', '?from=live&to=Approved', '?from=&to=1']) {
      await expectApiError(await diff(query), 400);
    }
    expect(await expectApiError(await diff('?from=7&to=live'), 404)).toContain('revision 7');
    await expectApiError(await diff('?from=approved&to=live'), 404);
    await expectApiError(await diff('?from=1&to=live', '00000000-0000-4000-8000-000000000000'), 404);
    // A viewer may read comparisons.
    expect((await diff('?from=1&to=live')).status).toBe(200);
  });
});
