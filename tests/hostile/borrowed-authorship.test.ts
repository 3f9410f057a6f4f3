// Attack: borrowed authorship. A reporter's stock client writes under a colleague's Yjs client id
// (anyone can read the ids in the document), so that review would show the words as the
// colleague's, and, had it been taken, would use up the clocks the colleague writes with next.
// The server refuses it (close 1008 with the reason, a log line naming the user), the stock
// client's resends are refused the same way, the honest editors keep typing and everything they
// confirmed is stored, and the comparison names the right author for every character.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDiff } from '../../model/api-types.ts';
import { bodyFragment, headlineText, standfirstText } from '../../model/article-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { connectClient, sleep, waitFor, type TestClient } from '../support/clients.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';
import { StockAttacker } from './support/stock-attacker.ts';

let server: HostileServer;
let traffic: HonestTraffic | null = null;
let attacker: StockAttacker | null = null;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startHostileServer();
});
afterEach(async () => {
  await attacker?.destroy();
  attacker = null;
  traffic?.destroy();
  traffic = null;
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.dispose();
});

describe('attack: borrowed authorship', () => {
  it('refuses words written under a colleague’s client id, and review still names the right author for every character', async () => {
    const ana = await server.token('ana');
    const ben = await server.token('ben');
    const ed = await server.token('ed');
    const mallory = await server.token('mallory');
    const id = await server.createArticle(ana, 'Council approves budget');

    // Ana writes the standfirst with a client of her own; its id is hers from its first write.
    const anaClient = connectClient(server.wsUrl, id, ana, { track: true });
    clients.push(anaClient);
    await anaClient.synced;
    standfirstText(anaClient.doc).insert(0, 'The vote was close.');
    await anaClient.tracker!.whenSaved();
    const anaId = anaClient.doc.clientID;

    const rssBefore = server.rss();
    const peak = server.sampleRss();
    traffic = await HonestTraffic.start(server.wsUrl, id, ana, ben);
    attacker = await StockAttacker.connect(server.wsUrl, id, mallory);
    // Mallory writes on under Ana's client id, from the clock Ana's content ends at.
    const forged = attacker.prepare((doc) => {
      doc.clientID = anaId;
      standfirstText(doc).insert(0, 'Ana admits: ');
      headlineText(doc).insert(0, 'Ana: ');
    });
    await sleep(300);
    const started = performance.now();
    attacker.send(forged);
    const close = await attacker.firstClose();
    const refusedIn = performance.now() - started;
    // The stock client reconnects and resends: the attack is over once two resends were refused too.
    await waitFor(() => attacker!.closes.length >= 3, 'two resends to be refused', 15_000);
    const closes = [...attacker.closes];
    const refusals = closes.length;
    const resendMs = performance.now() - started - refusedIn;
    await attacker.destroy();
    attacker = null;

    // Mallory's own words, under her own client, are hers.
    const malloryClient = connectClient(server.wsUrl, id, mallory, { track: true });
    clients.push(malloryClient);
    await malloryClient.synced;
    const body = bodyFragment(malloryClient.doc);
    body.insert(0, [createParagraph('Mallory adds a line.')]);
    await malloryClient.tracker!.whenSaved();

    const delivery = await traffic.stop();
    const rssPeak = peak();
    const reason = `writes under client id ${anaId}, which belongs to another user`;
    const logged = server.logLines(`refused an update from mallory to story ${id}: ${reason}`);
    reportAttack({
      attack: 'borrowed authorship',
      rssBefore,
      rssPeak,
      rssAfter: server.rss(),
      delivery,
      note: `closed ${close.code} "${close.reason}" ${refusedIn.toFixed(0)} ms after sending; the stock client's resends refused, ${refusals} closes in all within ${(resendMs / 1000).toFixed(1)} s more (${logged.length} log lines)`,
    });

    for (const each of closes) expect(each).toEqual({ code: 1008, reason: `update refused: ${reason}` });
    expect(logged.length).toBeGreaterThanOrEqual(refusals);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(await traffic.storedKeystrokes(server.wsUrl, id, ed)).toBe(delivery.keystrokes);

    // Review: every added character is attributed to who really wrote it.
    const response = await server.api(`/api/articles/${id}/diff?from=0&to=live`, { token: ed });
    expect(response.status).toBe(200);
    const diff = (await response.json()) as ArticleDiff;
    const name = new Map(diff.authors.map((a) => [a.id, a.name]));
    const added = diff.fields.flatMap((field) => field.spans.filter((s) => s.kind === 'added').map((s) => ({ field: field.key, text: s.text, author: name.get(s.authorId ?? '') })));
    expect(added.map((s) => s.text).join('')).not.toMatch(/Ana admits|Ana: /);
    for (const span of added) expect(span.author, `${span.field}: “${span.text}”`).toBe(span.text.includes('Mallory') ? 'mallory' : 'ana');
    expect(added.find((s) => s.field === 'standfirst')).toMatchObject({ text: 'The vote was close.', author: 'ana' });
    expect(added.some((s) => s.text.includes('Mallory adds a line.') && s.author === 'mallory')).toBe(true);
  });
});
