// Attack: poisoned documents. A signed-in reporter's stock client writes what the schema does
// not allow into a story two honest editors are working on: a string pushed into `pictures`, an
// unknown root, an unknown body element, heading level 99, 10,000 levels of nesting, a 5 MB
// headline, and pictures until the story passes its size quota. Each is refused before it
// touches the story (close 1008 with the reason, a log line naming the user), the stock client's
// reconnect-and-resend is refused the same way, the story still lists, exports and approves,
// the honest editors keep typing and every keystroke they confirmed is stored, and the server
// shuts down cleanly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleListItem } from '../../model/api-types.ts';
import { FIELD_CAPS, MAX_BODY_DEPTH } from '../../model/article-limits.ts';
import { bodyFragment, headlineText, picturesArray } from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { connectClient, sleep, waitFor } from '../support/clients.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';
import { StockAttacker } from './support/stock-attacker.ts';

/** The size quota of every story on this server: small, so that a test can pass it quickly. */
const QUOTA = 2 * 1024 * 1024;

/** Resends of the refused update (by the stock client's reconnect) each attack waits to see refused. */
const RESENDS_REFUSED = 2;

let server: HostileServer;
let tokens: Record<'ana' | 'ben' | 'ed' | 'mallory', string>;
let traffic: HonestTraffic | null = null;
let attacker: StockAttacker | null = null;

beforeAll(async () => {
  server = await startHostileServer({ serverOptions: { rooms: { maxArticleBytes: QUOTA } } });
  tokens = { ana: await server.token('ana'), ben: await server.token('ben'), ed: await server.token('ed'), mallory: await server.token('mallory') };
});
afterEach(async () => {
  await attacker?.destroy();
  attacker = null;
  traffic?.destroy();
  traffic = null;
});
afterAll(async () => {
  await server?.dispose();
});

const element = (name: string, attrs: Record<string, unknown>, content: string) => {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  const text = new Y.XmlText();
  text.insert(0, content);
  el.insert(0, [text]);
  return el;
};

/** The story still lists, exports in every format, and takes a revision through approval. */
async function expectArticleWorks(id: string): Promise<void> {
  const ok = async (response: Promise<Response>, what: string) => {
    const r = await response;
    const body = await r.text();
    expect(r.status, `${what}: ${body}`).toBeLessThan(300);
    return body;
  };
  const list = JSON.parse(await ok(server.api('/api/articles', { token: tokens.ana }), 'list')) as ArticleListItem[];
  expect(list.some((a) => a.id === id)).toBe(true);
  for (const format of ['text', 'html', 'ninjs']) await ok(server.api(`/api/articles/${id}/export?format=${format}&rev=live`, { token: tokens.ana }), `export ${format}`);
  const revision = JSON.parse(await ok(server.api(`/api/articles/${id}/revisions`, { method: 'POST', token: tokens.ana, json: {} }), 'snapshot')) as { id: number };
  await ok(server.api(`/api/articles/${id}/revisions/${revision.id}/submit`, { method: 'POST', token: tokens.ana, json: {} }), 'submit');
  // The attacks' own pictures (any that got in) have no image: approved explicitly without them.
  await ok(server.api(`/api/articles/${id}/revisions/${revision.id}/approve`, { method: 'POST', token: tokens.ed, json: { allowMissingImages: true } }), 'approve');
}

/**
 * Runs one poisoning against a fresh story while the honest editors type. Each of `steps` changes
 * a copy of the story; the updates they make are prepared before the honest editors start, then
 * given one by one to the attacker's stock client (in its own thread), which sends them, until the
 * server closes it: with `reason`. `check` looks at the story a fresh client gets afterwards.
 */
async function attack(name: string, steps: ((doc: Y.Doc) => void)[], reason: string, check: (doc: Y.Doc) => void): Promise<void> {
  const id = await server.createArticle(tokens.ana, `Target of ${name}`);
  attacker = await StockAttacker.connect(server.wsUrl, id, tokens.mallory);
  const updates = steps.map((step) => attacker!.prepare(step));
  const bytes = updates.reduce((sum, u) => sum + u.length, 0);

  const rssBefore = server.rss();
  const peak = server.sampleRss();
  traffic = await HonestTraffic.start(server.wsUrl, id, tokens.ana, tokens.ben);
  await sleep(300);
  const started = performance.now();
  let sent = 0;
  for (const update of updates) {
    if (attacker.closes.length > 0) break;
    attacker.send(update);
    sent++;
    await sleep(20);
  }
  const close = await attacker.firstClose();
  const refusedIn = performance.now() - started;
  // The stock client reconnects and sends the same again, for as long as it is left running:
  // the attack is over once two resends were refused as the first send was.
  await waitFor(() => attacker!.closes.length >= RESENDS_REFUSED + 1, `${RESENDS_REFUSED} resends to be refused`, 15_000);
  const closes = [...attacker.closes];
  const refusals = closes.length;
  const resendMs = performance.now() - started - refusedIn;
  await attacker.destroy();
  attacker = null;
  const delivery = await traffic.stop();
  const rssPeak = peak();
  const logged = server.logLines(`refused an update from mallory to story ${id}: ${reason}`);
  reportAttack({
    attack: `poisoned document: ${name}`,
    rssBefore,
    rssPeak,
    rssAfter: server.rss(),
    delivery,
    note:
      `${sent} update(s), ${(bytes / 1024 / 1024).toFixed(2)} MiB prepared; closed ${close.code} "${close.reason}" ${refusedIn.toFixed(0)} ms after the first was given to the client; ` +
      `its stock client's resends refused, ${refusals} closes in all within ${(resendMs / 1000).toFixed(1)} s more (${logged.length} log lines)`,
  });

  expect(close).toEqual({ code: 1008, reason: `update refused: ${reason}` });
  // Each resend is refused as the first send was.
  for (const each of closes) expect(each).toEqual({ code: 1008, reason: `update refused: ${reason}` });
  expect(logged.length).toBeGreaterThanOrEqual(refusals); // the last refusal may be logged after its close was read
  expect(delivery.delivered).toBe(delivery.keystrokes);
  expect(delivery.keystrokes).toBeGreaterThan(20);
  expect(await traffic.storedKeystrokes(server.wsUrl, id, tokens.ed)).toBe(delivery.keystrokes);
  // Nothing of the poison reached the story.
  check(await articleAsSeen(id));
  await expectArticleWorks(id);
}

/** The story as a fresh client gets it. */
async function articleAsSeen(id: string): Promise<Y.Doc> {
  const client = connectClient(server.wsUrl, id, tokens.ed);
  await client.synced;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return copy;
}

describe('attack: poisoned documents', () => {
  it('a string pushed into pictures', async () => {
    await attack('a string pushed into pictures', [(doc) => (picturesArray(doc) as unknown as Y.Array<unknown>).push(['boom'])], 'a picture that is not a map of its fields', (doc) =>
      expect(picturesArray(doc).length).toBe(0),
    );
  });

  it('an unknown root type', async () => {
    await attack('an unknown root', [(doc) => doc.getMap('evil').set('payload', 'x'.repeat(1000))], 'a root type “evil” the story schema does not have', (doc) =>
      expect(doc.share.has('evil')).toBe(false),
    );
  });

  it('an unknown body element', async () => {
    await attack('an unknown body element', [(doc) => bodyFragment(doc).insert(0, [element('video', { src: 'x' }, 'click me')])], 'an element “video” the body schema does not have', (doc) =>
      expect(bodyFragment(doc).toString()).not.toContain('video'),
    );
  });

  it('heading level 99', async () => {
    await attack('heading level 99', [(doc) => bodyFragment(doc).insert(0, [element(BODY_NODES.heading, { level: 99 }, 'huge')])], 'heading level 99 outside 2, 3, 4', (doc) =>
      expect(bodyFragment(doc).toString()).not.toContain('huge'),
    );
  });

  it('nesting 10,000 levels deep', async () => {
    await attack(
      'nesting 10,000 levels deep',
      [
        (doc) => {
          let parent: Y.XmlFragment = bodyFragment(doc);
          for (let depth = 0; depth < 10_000; depth++) {
            const quote = new Y.XmlElement(BODY_NODES.blockquote);
            parent.insert(0, [quote]);
            parent = quote;
          }
        },
      ],
      `body nesting deeper than ${MAX_BODY_DEPTH} levels`,
      (doc) => expect(bodyFragment(doc).toString()).not.toContain('blockquote'),
    );
  });

  it('a 5 MB headline', async () => {
    await attack('a 5 MB headline', [(doc) => headlineText(doc).insert(0, 'x'.repeat(5 * 1024 * 1024))], `headline over ${FIELD_CAPS.headline} characters`, (doc) =>
      expect(headlineText(doc).length).toBeLessThanOrEqual(FIELD_CAPS.headline),
    );
  });

  it('a story pushed past its quota', async () => {
    let pushed = 0;
    // 40 pictures of about 2 KB a change, 80 changes (6 MiB): more than the quota holds.
    const addPictures = (doc: Y.Doc) => {
      for (let i = 0; i < 40; i++) picturesArray(doc).push([new Y.Map([['id', `p${pushed++}`], ['credit', 'Mallory'], ['caption', 'c'.repeat(1_900)]])]);
    };
    await attack(
      'a story pushed past its 2 MiB quota',
      Array.from({ length: 80 }, () => addPictures),
      'story over its size quota of 2 MiB',
      (doc) => {
        const held = picturesArray(doc).length;
        expect(held).toBeGreaterThan(500);
        expect(held).toBeLessThan(pushed);
        expect(Y.encodeStateAsUpdate(doc).length).toBeLessThanOrEqual(QUOTA);
      },
    );
  });

  it('leaves a server that shuts down cleanly (exit 0)', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.logLines('could not be stored')).toEqual([]);
  });
});
