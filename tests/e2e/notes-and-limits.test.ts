// Notes that never publish and counts against the desk's limits in the browser (issue 14,
// requirements 3 and 4): a reporter marks a note with the Note button, it shows tinted with who
// wrote it, the export lacks it and approving a revision that holds it is refused naming it; a
// headline past the News desk's limit says so, in text and colour, while typing goes on.
import { describe, expect } from 'vitest';
import type { DesksResponse } from '../../model/people-types.ts';
import { screenshot } from '../support/e2e-app.ts';
import { body, caretAtEndOfParagraph, headline } from './article-page.ts';
import { it, saved } from './fixtures.ts';

const NOTE = 'Check the toll figures with the harbour office.';

describe('notes and limits', () => {
  it('a note shows to the newsroom, never exports, and blocks approval by name; a long headline says it is over the desk limit', async ({ server, articleId, token, openArticle }) => {
    // The admin gives the News desk (the demo story's) its limits.
    const admin = await token('admin');
    const { desks } = (await (await server.api('/api/desks', { token: admin })).json()) as DesksResponse;
    const news = desks.find((d) => d.name === 'News')!;
    const set = await server.api(`/api/desks/${news.id}`, { method: 'PATCH', token: admin, json: { limits: { headlineChars: 80, bodyWords: 5000 } } });
    expect(set.status).toBe(200);

    const ana = await openArticle('ana');
    // A new paragraph at the end, selected, marked as a note.
    const paragraphs = await body(ana).locator('p').count();
    await caretAtEndOfParagraph(ana, paragraphs - 1);
    await ana.keyboard.press('Enter');
    await ana.keyboard.type(NOTE);
    await ana.keyboard.press('Shift+Home');
    const noteButton = ana.getByRole('button', { name: 'Note' });
    expect(await noteButton.getAttribute('aria-pressed')).toBe('false');
    await noteButton.click();
    const note = body(ana).locator('.note');
    await expect.poll(() => note.textContent()).toBe(NOTE);
    expect(await note.getAttribute('title')).toBe('Note by Ana Reyes: never published');
    expect(await noteButton.getAttribute('aria-pressed')).toBe('true');
    // Tinted: a background other than the page's.
    expect(await note.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 184)');
    await saved(ana);
    // The caret out of the note, so the tint shows; the counts leave the note out.
    await ana.keyboard.press('ArrowUp');
    await expect.poll(() => noteButton.getAttribute('aria-pressed')).toBe('false');
    await note.scrollIntoViewIfNeeded();
    await screenshot(ana, 'notes-in-text');

    // The headline past the desk's 80 characters says so; typing is not stopped.
    const long = `Harbour bridge reopens after two years of repairs, with tolls for lorries and a new cycle lane`;
    await headline(ana).fill(long);
    const limit = ana.getByTestId('headline-limit');
    await expect.poll(() => limit.textContent()).toContain(`Headline: ${long.length} characters, ${long.length - 80} over the News desk's 80`);
    expect(await limit.evaluate((el) => el.classList.contains('over'))).toBe(true);
    expect(await headline(ana).inputValue()).toBe(long);
    await saved(ana);
    await headline(ana).scrollIntoViewIfNeeded();
    await screenshot(ana, 'notes-and-limits-story');

    // Every export lacks the note.
    const anaToken = await token('ana');
    for (const format of ['text', 'html', 'ninjs']) {
      const exported = await (await server.api(`/api/articles/${articleId}/export?format=${format}&rev=live`, { token: anaToken })).text();
      expect(exported, format).toContain('Harbour bridge reopens');
      expect(exported, format).not.toContain('harbour office');
    }

    // Filed, then refused approval naming the note.
    const revision = (await (await server.api(`/api/articles/${articleId}/revisions`, { method: 'POST', token: anaToken, json: {} })).json()) as { number: number };
    expect((await server.api(`/api/articles/${articleId}/revisions/${revision.number}/submit`, { method: 'POST', token: anaToken, json: {} })).status).toBe(200);
    const refusal = await server.api(`/api/articles/${articleId}/revisions/${revision.number}/approve`, { method: 'POST', token: await token('ed'), json: {} });
    expect(refusal.status).toBe(409);
    expect(((await refusal.json()) as { error: string }).error).toContain(`Note 1 by Ana Reyes (“${NOTE}”) is still in the text`);

    // The editor's review shows why Approve waits.
    const ed = await openArticle('ed');
    await expect.poll(() => ed.getByText(/Note 1 by Ana Reyes/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => ed.getByRole('region', { name: 'Counts' }).textContent()).toMatch(/Body: [1-9][\d,]* of 5,000 words/);
    await screenshot(ed, 'notes-and-limits-review');
  });

  it('Ctrl+Alt+N marks the selection as a note and turns it back into text', async ({ openArticle }) => {
    const ben = await openArticle('ben');
    const paragraphs = await body(ben).locator('p').count();
    await caretAtEndOfParagraph(ben, paragraphs - 1);
    await ben.keyboard.press('Enter');
    await ben.keyboard.type('Ask the mayor again.');
    await ben.keyboard.press('Shift+Home');
    await ben.keyboard.press('Control+Alt+n');
    const notes = body(ben).locator('.note');
    await expect.poll(() => notes.allTextContents()).toContain('Ask the mayor again.');
    expect(await notes.filter({ hasText: 'Ask the mayor again.' }).getAttribute('title')).toBe('Note by Ben Okafor: never published');
    await ben.keyboard.press('Control+Alt+n');
    await expect.poll(() => notes.allTextContents()).not.toContain('Ask the mayor again.');
    expect(await body(ben).textContent()).toContain('Ask the mayor again.');
  });
});
