// Attack: exports and credits of a huge story, over and over. A 20,000-word story (two words a
// paragraph: 10,000 paragraphs, a costly shape to decode) with 300 credited pictures, exported
// as text, HTML and ninjs (live and as a revision), and the credits report over 5,000 picture
// uses, asked by three accounts at once, round after round. Rendering and grouping run in the
// compute workers, so the honest editors keep typing; every answer arrives and is complete.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureImage } from '../support/fixture-images.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { distinctWords, paragraphsOf, saveRevision, writeBody } from './support/long-articles.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

const ARTICLE_WORDS = 20_000;
const ARTICLE_PICTURES = 300;
const CREDIT_ARTICLES = 20;
const PICTURES_PER_CREDIT_ARTICLE = 250;
const ROUNDS = 2;

describe('export and credits flood', () => {
  it('keeps honest keystrokes flowing while three accounts export a 20,000-word story with 300 pictures and read a 5,000-use credits report, round after round', { timeout: 300_000 }, async () => {
    server = await startHostileServer();
    const [ana, ben, ed, vic, mallory] = await Promise.all(['ana', 'ben', 'ed', 'vic', 'mallory'].map((name) => server!.token(name as 'ana')));
    const upload = await server.api('/api/pictures', { method: 'POST', token: mallory, body: await fixtureImage('png', { width: 64, height: 48 }), headers: { 'content-type': 'image/png' } });
    expect(upload.status).toBe(201);
    const { hash } = (await upload.json()) as { hash: string };
    const caption = distinctWords(30, 'c').join(' ');

    const huge = await server.createArticle(mallory, 'A huge story');
    const pictures = Array.from({ length: ARTICLE_PICTURES }, (_, i) => ({ hash, caption, credit: `Photographer ${i}` }));
    await writeBody(server, huge, mallory, paragraphsOf(distinctWords(ARTICLE_WORDS, 'w'), 2), pictures);
    const revision = await saveRevision(server, huge, mallory);
    for (let s = 0; s < CREDIT_ARTICLES; s++) {
      const id = await server.createArticle(mallory, `Credits ${s}`);
      const credited = Array.from({ length: PICTURES_PER_CREDIT_ARTICLE }, (_, i) => ({ hash, caption: `Picture ${i}`, credit: `Agency ${(s * PICTURES_PER_CREDIT_ARTICLE + i) % 3000}` }));
      await writeBody(server, id, mallory, ['Short.'], credited);
    }
    const honestArticle = await server.createArticle(ana, 'Honest work');

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, honestArticle, ana, ben);
    const requests = [
      `/api/articles/${huge}/export?format=text&rev=live`,
      `/api/articles/${huge}/export?format=html&rev=${revision}`,
      `/api/articles/${huge}/export?format=ninjs&rev=${revision}`,
      '/api/credits',
      '/api/credits?format=csv',
    ];
    const answers: { path: string; status: number; bytes: number; ms: number; body: string }[] = [];
    // The first answer of each request is kept whole, to check; the others only measured.
    const kept = new Set<string>();
    const attacker = async (token: string) => {
      for (let round = 0; round < ROUNDS; round++) {
        for (const path of requests) {
          const started = performance.now();
          const response = await server!.api(path, { token });
          const body = await response.text();
          const keep = response.status === 200 && !kept.has(path);
          if (keep) kept.add(path);
          answers.push({ path, status: response.status, bytes: body.length, ms: performance.now() - started, body: keep ? body : body.slice(0, 200) });
        }
      }
    };
    await Promise.all([mallory, ed, vic].map(attacker));
    const delivery = await traffic.stop(60_000);
    const rssPeak = peak();
    const slowest = Math.max(...answers.map((a) => a.ms));
    const credits = answers.find((a) => a.path === '/api/credits');
    reportAttack({
      attack: 'export and credits flood',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note:
        `${answers.length} requests from 3 accounts (exports of a ${ARTICLE_WORDS}-word, ${ARTICLE_PICTURES}-picture story; credits over ` +
        `${CREDIT_ARTICLES * PICTURES_PER_CREDIT_ARTICLE + ARTICLE_PICTURES} uses, ${credits?.bytes ?? '?'} bytes), ` +
        `statuses ${[...new Set(answers.map((a) => a.status))].join('/')}, slowest answer ${(slowest / 1000).toFixed(1)} s`,
    });

    for (const answer of answers) expect(answer.status, `${answer.path}: ${answer.body.slice(0, 200)}`).toBe(200);
    const first = (path: string) => answers.find((a) => a.path === path && a.status === 200)!.body;
    expect(first(requests[0])).toContain(`w${(ARTICLE_WORDS - 1).toString(36)}`);
    expect(first(requests[1]).match(/<img /g)?.length).toBe(ARTICLE_PICTURES);
    expect((JSON.parse(first(requests[2])) as { associations: Record<string, unknown> }).associations).toBeDefined();
    expect((JSON.parse(first(requests[3])) as unknown[]).length).toBe(3000 + ARTICLE_PICTURES);
    // Generous: a keystroke that waits a second means the main thread is held.
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(delivery.p99).toBeLessThan(1_000);
    expect(await traffic.storedKeystrokes(server.wsUrl, honestArticle, ben)).toBe(delivery.keystrokes);
  });
});
