// Credits end to end: the story list's picture counts following a connected client's edits, the
// credits report (JSON and CSV) built from the index the server keeps as stories change and
// are approved, and the picture links in exports.
import { request } from 'node:http';
import { describe, expect } from 'vitest';
import type { ArticleListItem, CreditReport } from '../../model/api-types.ts';
import { addPicture, headlineText, picturesArray, replaceText } from '../../model/article-schema.ts';
import { CREDITS_CSV_COLUMNS } from '../../server/credits/credits-csv.ts';
import { waitFor, type TestClient } from '../support/clients.ts';
import { fixtureImage } from '../support/fixture-images.ts';
import { uploaded } from '../support/picture-api.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';
import { it as base } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

/**
 * The integration `it` with `newsroom`: a server with Ana (reporter) and Ed (editor), a short
 * summary delay (the list entry and the credits index follow edits quickly) and a public name it
 * answers to (a Host it was not told of is refused with 421); `openStory` creates a story and
 * connects Ana's (or anyone's) client to it. Everything is closed after the test.
 */
const it = base.extend('newsroom', async ({ startServer, connect }) => {
  const s = await startServer({ rooms: { summaryAfterMs: 20 }, access: { publicUrls: ['https://news.example:8443'] } });
  const ana = await s.user('ana', 'reporter');
  const ed = await s.user('ed', 'editor');
  const openArticle = async (token: string, headline: string): Promise<{ id: string; client: TestClient }> => {
    const id = await s.createArticle(token, { headline });
    const client = connect(s.wsUrl, id, token);
    await client.synced;
    return { id, client };
  };
  return { s, ana: ana.token, ed: ed.token, api: revisionApi(s), openArticle };
});

async function listEntry(s: TestServer, token: string, id: string): Promise<ArticleListItem> {
  const list = (await (await s.api('/api/articles', { token })).json()) as ArticleListItem[];
  return list.find((a) => a.id === id)!;
}

/** Polls the story list until the story's entry satisfies `check`. */
async function waitForEntry(s: TestServer, token: string, id: string, check: (a: ArticleListItem) => boolean, what: string): Promise<ArticleListItem> {
  let entry = await listEntry(s, token, id);
  const start = Date.now();
  while (!check(entry)) {
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(entry)}`);
    await new Promise((r) => setTimeout(r, 25));
    entry = await listEntry(s, token, id);
  }
  return entry;
}

async function credits(s: TestServer, token: string, query = ''): Promise<CreditReport[]> {
  const response = await s.api(`/api/credits${query}`, { token });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(text) as CreditReport[];
}

const setCredit = (client: TestClient, index: number, credit: string) => picturesArray(client.doc).get(index).set('credit', credit);

/** Splits RFC 4180 text into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('story list: pictureCount and picturesMissingCredit', () => {
  it('follow a connected client adding pictures and filling in their credits', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const { id, client } = await openArticle(ana, 'Harbour fire');
    expect(await listEntry(s, ana, id)).toMatchObject({ pictureCount: 0, picturesMissingCredit: 0 });

    addPicture(client.doc, { id: 'p1', caption: 'Smoke over the docks' });
    await waitForEntry(s, ana, id, (a) => a.pictureCount === 1 && a.picturesMissingCredit === 1, 'one uncredited picture');

    setCredit(client, 0, 'Jane Doe');
    await waitForEntry(s, ana, id, (a) => a.pictureCount === 1 && a.picturesMissingCredit === 0, 'the credit filled in');

    // White space is no credit.
    addPicture(client.doc, { id: 'p2', credit: '   ' });
    const entry = await waitForEntry(s, ana, id, (a) => a.pictureCount === 2, 'a second picture');
    expect(entry.picturesMissingCredit).toBe(1);
    // GET /api/articles/:id says the same.
    expect(await (await s.api(`/api/articles/${id}`, { token: ana })).json()).toMatchObject({ pictureCount: 2, picturesMissingCredit: 1 });
  });

  it('survive a restart', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const { id, client } = await openArticle(ana, 'Kept');
    addPicture(client.doc, { id: 'p1', credit: 'Ann' });
    addPicture(client.doc, { id: 'p2' });
    await waitForEntry(s, ana, id, (a) => a.pictureCount === 2, 'two pictures');
    client.destroy();
    const restarted = await s.restart();
    expect(await listEntry(restarted, await restarted.signIn('ana'), id)).toMatchObject({ pictureCount: 2, picturesMissingCredit: 1 });
  });
});

describe('GET /api/credits', () => {
  it('groups credits case-insensitively across stories under the most common spelling, with pictures and stories', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const fire = await openArticle(ana, 'Harbour fire');
    const vote = await openArticle(ana, 'Council vote');
    addPicture(fire.client.doc, { id: 'f1', caption: 'Smoke over the docks', credit: 'Reuters', hash: 'a'.repeat(64) });
    addPicture(fire.client.doc, { id: 'f2', credit: 'Jane Doe' });
    addPicture(vote.client.doc, { id: 'v1', caption: 'The chamber', credit: ' Reuters ' });
    addPicture(vote.client.doc, { id: 'v2', credit: 'reuters' });
    addPicture(vote.client.doc, { id: 'v3', caption: 'No credit yet' });
    await waitForEntry(s, ana, fire.id, (a) => a.pictureCount === 2, 'fire pictures');
    await waitForEntry(s, ana, vote.id, (a) => a.pictureCount === 3, 'vote pictures');

    const report = await credits(s, ana);
    expect(report.map((c) => c.credit)).toEqual(['Jane Doe', 'Reuters']);
    const [jane, reuters] = report;
    expect(jane).toEqual({
      credit: 'Jane Doe',
      pictures: [{ articleId: fire.id, pictureId: 'f2', hash: '', caption: '' }],
      articles: [{ id: fire.id, headline: 'Harbour fire', status: 'draft', approved: false }],
    });
    expect(reuters.pictures).toHaveLength(3);
    expect(reuters.pictures).toEqual(
      expect.arrayContaining([
        { articleId: fire.id, pictureId: 'f1', hash: 'a'.repeat(64), caption: 'Smoke over the docks' },
        { articleId: vote.id, pictureId: 'v1', hash: '', caption: 'The chamber' },
        { articleId: vote.id, pictureId: 'v2', hash: '', caption: '' },
      ]),
    );
    expect(reuters.articles).toHaveLength(2);
    expect(reuters.articles).toEqual(
      expect.arrayContaining([
        { id: fire.id, headline: 'Harbour fire', status: 'draft', approved: false },
        { id: vote.id, headline: 'Council vote', status: 'draft', approved: false },
      ]),
    );
  });

  it('filters by ?q= (a case-insensitive part of the credit), and refuses an unknown format', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const { id, client } = await openArticle(ana, 'Story');
    addPicture(client.doc, { id: 'p1', credit: 'Reuters' });
    addPicture(client.doc, { id: 'p2', credit: 'Jane Doe / AFP' });
    await waitForEntry(s, ana, id, (a) => a.pictureCount === 2, 'pictures');
    expect((await credits(s, ana, '?q=REUT')).map((c) => c.credit)).toEqual(['Reuters']);
    expect((await credits(s, ana, '?q=afp')).map((c) => c.credit)).toEqual(['Jane Doe / AFP']);
    expect((await credits(s, ana, '?q=e')).map((c) => c.credit)).toEqual(['Jane Doe / AFP', 'Reuters']);
    expect(await credits(s, ana, '?q=%20%20')).toHaveLength(2);
    expect(await credits(s, ana, '?q=nobody')).toEqual([]);
    await expectApiError(await s.api('/api/credits?format=xml', { token: ana }), 400);
    await expectApiError(await s.api('/api/credits'), 401);
  });

  it('marks a story approved where its approved revision carries the credit, and keeps credits the approved revision still publishes', async ({ newsroom }) => {
    const { s, ana, ed, api, openArticle } = newsroom;
    const fire = await openArticle(ana, 'Harbour fire');
    addPicture(fire.client.doc, { id: 'f1', caption: 'Smoke', credit: 'Reuters' });
    await waitForEntry(s, ana, fire.id, (a) => a.pictureCount === 1, 'the picture');
    const revision = await api.snapshot(ana, fire.id, 'ready');
    await api.step(ana, fire.id, revision.number, 'submit');
    await api.step(ed, fire.id, revision.number, 'approve', { allowMissingImages: true });

    expect((await credits(s, ana))[0].articles).toEqual([{ id: fire.id, headline: 'Harbour fire', status: 'approved', approved: true }]);

    // After approval the draft's credit changes: the new credit is not approved yet, and the old
    // one is still listed, because the approved revision (what gets published) still carries it.
    setCredit(fire.client, 0, 'AP');
    addPicture(fire.client.doc, { id: 'f2', credit: 'Jane Doe' });
    await waitForEntry(s, ana, fire.id, (a) => a.pictureCount === 2, 'the second picture');
    const report = await credits(s, ana);
    expect(report.map((c) => [c.credit, c.articles.map((a) => a.approved)])).toEqual([
      ['AP', [false]],
      ['Jane Doe', [false]],
      ['Reuters', [true]],
    ]);
    expect(report[2].pictures).toEqual([{ articleId: fire.id, pictureId: 'f1', hash: '', caption: 'Smoke' }]);

    // Approving a revision with the new credits moves the approved flags along.
    const second = await api.snapshot(ana, fire.id, 'recredited');
    await api.step(ana, fire.id, second.number, 'submit');
    await api.step(ed, fire.id, second.number, 'approve', { allowMissingImages: true });
    expect((await credits(s, ana)).map((c) => [c.credit, c.articles.map((a) => a.approved)])).toEqual([
      ['AP', [true]],
      ['Jane Doe', [true]],
    ]);
  });

  it('is readable by every role, viewers included', async ({ newsroom }) => {
    const { s } = newsroom;
    const vic = await s.user('vic', 'viewer');
    expect(await credits(s, vic.token)).toEqual([]);
  });
});

describe('GET /api/credits?format=csv', () => {
  it('is an attachment with a header row and one RFC 4180 row per picture use, formulas defused', async ({ newsroom }) => {
    const { s, ana, ed, api, openArticle } = newsroom;
    const article = await openArticle(ana, '@home: a story');
    addPicture(article.client.doc, { id: 'p1', caption: 'Smoke, "fire" and ash\nover the docks', credit: 'Reuters', hash: 'b'.repeat(64) });
    addPicture(article.client.doc, { id: 'p2', caption: '+1 more', credit: '=HYPERLINK("http://evil.example","click")' });
    addPicture(article.client.doc, { id: 'p3', caption: '-minus', credit: 'reuters' });
    await waitForEntry(s, ana, article.id, (a) => a.pictureCount === 3, 'pictures');
    const revision = await api.snapshot(ana, article.id);
    await api.step(ana, article.id, revision.number, 'submit');
    await api.step(ed, article.id, revision.number, 'approve', { allowMissingImages: true });

    const response = await s.api('/api/credits?format=csv', { token: ana });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="credits.csv"');
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe('credit,article_id,headline,status,approved,picture_id,picture_hash,caption');
    expect(text.endsWith('\r\n')).toBe(true);

    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CREDITS_CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      [`'=HYPERLINK("http://evil.example","click")`, article.id, "'@home: a story", 'approved', 'yes', 'p2', '', "'+1 more"],
      ['Reuters', article.id, "'@home: a story", 'approved', 'yes', 'p1', 'b'.repeat(64), 'Smoke, "fire" and ash\nover the docks'],
      ['Reuters', article.id, "'@home: a story", 'approved', 'yes', 'p3', '', "'-minus"],
    ]);
    // The raw text quotes what needs it and doubles quotes inside.
    expect(text).toContain('"Smoke, ""fire"" and ash\nover the docks"');
  });

  it('takes ?q= too, and has only the header when nothing matches', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const article = await openArticle(ana, 'Story');
    addPicture(article.client.doc, { id: 'p1', credit: 'Reuters' });
    await waitForEntry(s, ana, article.id, (a) => a.pictureCount === 1, 'the picture');
    expect(parseCsv(await (await s.api('/api/credits?format=csv&q=reu', { token: ana })).text())).toHaveLength(2);
    expect(await (await s.api('/api/credits?format=csv&q=nobody', { token: ana })).text()).toBe(`${CREDITS_CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('exports link stored pictures by absolute URL', () => {
  it('links a stored image in html and ninjs, and leaves out the image of a picture without one', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const picture = await uploaded(s, ana, await fixtureImage('jpeg'));
    const { id, client } = await openArticle(ana, 'With pictures');
    replaceText(headlineText(client.doc), 'With pictures');
    addPicture(client.doc, { id: 'stored', hash: picture.hash, caption: 'Stored', credit: 'Ann', alt: 'A harbour' });
    addPicture(client.doc, { id: 'missing', credit: 'Gage Skidmore' });
    addPicture(client.doc, { id: 'unknown', hash: 'e'.repeat(64), credit: 'Nobody Uploaded' });
    addPicture(client.doc, { id: 'malformed', hash: '../../etc/passwd', credit: 'Mal Formed' });
    await waitFor(() => picturesArray(client.doc).length === 4, 'pictures');
    await waitForEntry(s, ana, id, (a) => a.pictureCount === 4, 'pictures on the server');
    const url = `${s.url}/api/pictures/${picture.hash}`;

    const html = await (await s.api(`/api/articles/${id}/export?format=html`, { token: ana })).text();
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain(`<img src="${url}" alt="A harbour">`);
    expect(html).toContain('Picture Credit: Gage Skidmore');
    expect(html).toContain('Picture Credit: Nobody Uploaded');
    expect(html).not.toContain('etc/passwd');

    const ninjs = (await (await s.api(`/api/articles/${id}/export?format=ninjs`, { token: ana })).json()) as {
      associations: Record<string, { byline?: string; renditions: Record<string, { href: string }> }>;
    };
    expect(Object.values(ninjs.associations).map((a) => [a.byline, a.renditions])).toEqual([
      ['Ann', { original: { href: url } }],
      ['Gage Skidmore', {}],
      ['Nobody Uploaded', {}],
      ['Mal Formed', {}],
    ]);

    const text = await (await s.api(`/api/articles/${id}/export?format=text`, { token: ana })).text();
    expect(text).toContain('Picture Credit: Gage Skidmore');

    // The link works for a signed-in reader (with the token, as an <img> would send it).
    const image = await fetch(`${url}?token=${encodeURIComponent(ana)}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
  });

  it('uses the host the client asked for; an unusable Host header is refused before any link is made', async ({ newsroom }) => {
    const { s, ana, openArticle } = newsroom;
    const picture = await uploaded(s, ana, await fixtureImage('png'), 'image/png');
    const { id, client } = await openArticle(ana, 'Host');
    addPicture(client.doc, { id: 'p', hash: picture.hash, credit: 'Ann' });
    await waitForEntry(s, ana, id, (a) => a.pictureCount === 1, 'the picture');
    const exportWith = (host: string, extra: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: s.server.port, path: `/api/articles/${id}/export?format=html`, headers: { host, authorization: `Bearer ${ana}`, ...extra } },
          (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect((await exportWith('News.Example:8443', { 'x-forwarded-proto': 'https' })).body).toContain(`src="https://news.example:8443/api/pictures/${picture.hash}"`);
    const unusable = await exportWith('evil.example/"><script>');
    expect(unusable.status).toBe(421);
    expect(unusable.body).not.toContain('<script>');
  });
});
