// Suggested formatting in the browser (issue 14): with Suggest changes on, the editor makes words
// bold (Ctrl+B); a reporter sees them bold, marked in the editor's colour as suggested formatting
// and listed as `Ed Marsh: Format “…” bold`; rejecting restores the plain words for everyone,
// and accepting a second suggestion keeps the bold.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/e2e-app.ts';
import { body, selectWords } from './article-page.ts';
import { it } from './fixtures.ts';

const suggestion = (page: Page, name: RegExp) => page.getByRole('list', { name: /Suggestions/ }).getByRole('listitem', { name });
const WORDS = 'eleven months';

/** The body's bold text and the text marked as suggested formatting. */
const shown = (page: Page) =>
  Promise.all([body(page).locator('strong').allTextContents(), body(page).locator('span.suggestion.formatting').allTextContents()]);

describe('suggested formatting in the browser', () => {
  it('the editor suggests bold; a reporter sees it marked, rejects it, then accepts another', async ({ openArticle }) => {
    const ed = await openArticle('ed');
    const ana = await openArticle('ana');
    const [boldBefore] = await shown(ana);

    await body(ed).focus();
    await ed.keyboard.press('Control+Shift+E');
    await expect.poll(() => ed.getByRole('button', { name: 'Suggest changes' }).getAttribute('aria-pressed')).toBe('true');
    await selectWords(ed, WORDS);
    await ed.keyboard.press('Control+b');

    // Ana sees the words bold, marked as Ed's suggestion with what it changes, and listed.
    await expect.poll(() => shown(ana)).toEqual([[...boldBefore, WORDS], [WORDS]]);
    const marked = body(ana).locator('span.suggestion.formatting');
    expect(await marked.getAttribute('title')).toMatch(/^Suggested formatting by Ed Marsh, .+: bold$/);
    expect(await marked.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('dotted');
    const listed = suggestion(ana, new RegExp(`^Ed Marsh: Format “${WORDS}” bold$`));
    await listed.waitFor();
    await marked.scrollIntoViewIfNeeded();
    await screenshot(ana, 'formatting-suggestion');

    // Rejected: the words are plain again for both, the suggestion gone.
    await listed.getByRole('button', { name: 'Reject' }).click();
    for (const page of [ana, ed]) await expect.poll(() => shown(page)).toEqual([boldBefore, []]);

    // Suggested again and accepted: the bold stays, the suggestion goes.
    await selectWords(ed, WORDS);
    await ed.keyboard.press('Control+b');
    await listed.getByRole('button', { name: 'Accept' }).click();
    for (const page of [ana, ed]) await expect.poll(() => shown(page)).toEqual([[...boldBefore, WORDS], []]);
    expect(await ana.getByRole('list', { name: /Suggestions/ }).count()).toBe(0);
  });
});
