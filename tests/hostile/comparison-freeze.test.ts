// Attack: comparison freeze. Two revisions with nothing in common (5,000 words each, then 20,000)
// and GET /api/articles/:id/diff between them, once, then three at once, repeated. Before the
// comparison ran off the main thread and bounded, one such request held every other editor's
// keystrokes for 18 s. Now the honest editors keep typing, and each answer arrives: coarse and
// saying so where the word-by-word comparison would not fit its bounds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDiff } from '../../model/api-types.ts';
import { sleep } from '../support/clients.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { articleWithTwoUnrelatedRevisions } from './support/long-articles.ts';
import { reportAttack } from './support/report.ts';

type Pair = { id: string; from: number; to: number };

// One server and its long stories for both tests (writing them is most of the time).
let server: HostileServer;
let small: Pair;
let large: Pair;
let manyParagraphs: Pair;
let traffic: HonestTraffic | null = null;
beforeAll(async () => {
  server = await startHostileServer();
  const mallory = await server.token('mallory');
  small = await articleWithTwoUnrelatedRevisions(server, mallory, 5_000);
  large = await articleWithTwoUnrelatedRevisions(server, mallory, 20_000);
  // One word a paragraph: the paragraph alignment is the expensive part here.
  manyParagraphs = await articleWithTwoUnrelatedRevisions(server, mallory, 5_000, 1);
}, 120_000);
afterEach(() => {
  traffic?.destroy();
  traffic = null;
});
afterAll(() => server?.dispose());

/** GET the diff; returns the status, the body and how long it took. */
async function compare(server: HostileServer, token: string, id: string, from: number, to: number) {
  const started = performance.now();
  const response = await server.api(`/api/articles/${id}/diff?from=${from}&to=${to}`, { token });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as ArticleDiff & { error?: string }, ms: performance.now() - started, retryAfter: response.headers.get('retry-after') };
}

describe('comparison freeze', () => {
  it('keeps honest keystrokes flowing while unrelated 5,000- and 20,000-word revisions are compared, and every answer arrives labelled', { timeout: 300_000 }, async () => {
    const [ana, ben, ed, mallory] = await Promise.all([server.token('ana'), server.token('ben'), server.token('ed'), server.token('mallory')]);
    const honestArticle = await server.createArticle(ana, 'Honest work');

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, honestArticle, ana, ben);
    const started = performance.now();

    const one = await compare(server, mallory, small.id, small.from, small.to);
    const answers = [one];
    // Three at once from three accounts, twice: the review screen asks by itself, so repeats are normal.
    const three = () =>
      Promise.all([
        compare(server, mallory, large.id, large.from, large.to),
        compare(server, ed, large.id, large.to, large.from),
        compare(server, ana, manyParagraphs.id, manyParagraphs.from, manyParagraphs.to),
      ]);
    for (let round = 0; round < 2; round++) answers.push(...(await three()));
    // Honest typing goes on for a while after the last answer, so the figures cover the attack and its end.
    await sleep(Math.max(1_000, 3_000 - (performance.now() - started)));
    const delivery = await traffic.stop(60_000);
    const rssPeak = peak();
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    reportAttack({
      attack: 'comparison freeze',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note:
        `${answers.length} diffs of unrelated revisions (5,000 words; then 20,000 words both ways and 5,000 one-word paragraphs, three at once, twice), ` +
        `statuses ${answers.map((a) => a.status).join(',')}, answers in ${answers.map((a) => seconds(a.ms)).join(', ')}`,
    });

    for (const answer of answers) {
      expect(answer.status, answer.body.error).toBe(200);
      expect(answer.body.coarse).toBe(true);
      expect(answer.body.coarseReason).toMatch(/replaced whole|paired in order/);
    }
    // A one-paragraph story is shown replaced whole, and says which field is.
    for (const answer of answers.filter((_, i) => i % 3 !== 0)) expect(answer.body.fields.some((field) => field.coarse)).toBe(true);
    // Paragraphs paired in order, or, on a machine slow enough to spend the time budget first,
    // the rest replaced whole (each path is pinned down in tests/unit/revision-diff-bounds.test.ts).
    expect(answers[3].body.coarseReason).toMatch(/paired in order|ran out of time/);
    expect([one.body.wordsAdded, one.body.wordsRemoved]).toEqual([5_000, 5_000]);
    expect([answers[1].body.wordsAdded, answers[1].body.wordsRemoved]).toEqual([20_000, 20_000]);
    expect([answers[3].body.wordsAdded, answers[3].body.wordsRemoved]).toEqual([5_000, 5_000]);
    // Generous: the old server held every keystroke for 13.5 s on the 5,000-word pair alone.
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1_000);
    expect(await traffic.storedKeystrokes(server.wsUrl, honestArticle, ben)).toBe(delivery.keystrokes);
  });

  it('bounds one account: a third comparison at once is 429 with Retry-After, and the server says who', { timeout: 120_000 }, async () => {
    // A server of its own; the shared one is stopped first (afterAll stops only the last one).
    await server.dispose();
    server = await startHostileServer();
    const mallory = await server.token('mallory');
    const article = await articleWithTwoUnrelatedRevisions(server, mallory, 3_000, 1);
    // Different pairs, so that no two of them can share one computation.
    const pairs: [number, number][] = [
      [article.from, article.to],
      [article.to, article.from],
      [0, article.to],
      [0, article.from],
    ];
    const answers = await Promise.all(pairs.map(([from, to]) => compare(server, mallory, article.id, from, to)));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.body.error).toMatch(/comparison|export|at once/i);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect(server.logLines('mallory').some((line) => /429|too many/i.test(line))).toBe(true);
  });
});
