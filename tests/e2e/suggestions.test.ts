// Suggested changes in the browser: the editor turns on Suggest changes (Ctrl+Shift+E) and deletes
// and types; the reporter sees both marked in the editor's colour with who suggested them,
// accepts one and rejects the other while a second reporter keeps typing in the same paragraph;
// a revision submitted with a suggestion still open is warned about, its comparison marks it, its
// approval is refused (Approve disabled, the server's 409 naming it), and it is approved once the
// suggestion is accepted.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { body, caretAtEndOfParagraph, paragraphText, typeAtEndOfParagraph } from './article-page.ts';
import { it, saved } from './fixtures.ts';

const suggestionList = (page: Page) => page.getByRole('list', { name: /Suggestions/ });
const suggestion = (page: Page, name: RegExp) => suggestionList(page).getByRole('listitem', { name });

async function submit(page: Page) {
  await saved(page);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByRole('dialog').waitFor();
}

describe('suggested changes in the browser', () => {
  it('suggests, shows, accepts and rejects live, and approval waits for open suggestions', async ({ openArticle, app, articleId }) => {
    const ed = await openArticle('ed');
    const ana = await openArticle('ana');
    const ben = await openArticle('ben');

    // Ed turns on Suggest changes from the keyboard, deletes the first paragraph's last word and adds a sentence to the second.
    await caretAtEndOfParagraph(ed, 0);
    const toggle = ed.getByRole('button', { name: 'Suggest changes' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await ed.keyboard.press('Control+Shift+E');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const before = await paragraphText(ed, 0);
    for (let i = 0; i < 'schedule.'.length; i++) await ed.keyboard.press('Backspace');
    // Smart quotes work in a suggestion too: the apostrophe is curled inside it.
    await typeAtEndOfParagraph(ed, 1, " Traffic isn't heavy.");
    // Nothing was removed: the deleted word is still there, struck through.
    expect(await paragraphText(ed, 0)).toBe(before);

    // Ana sees both, in Ed's colour, saying who suggested them.
    const inserted = body(ana).locator('ins.suggestion');
    const deleted = body(ana).locator('del.suggestion');
    await expect.poll(() => inserted.allTextContents()).toEqual([' Traffic isn’t heavy.']);
    await expect.poll(() => deleted.allTextContents()).toEqual(['schedule.']);
    expect(await inserted.getAttribute('title')).toMatch(/^Suggested insertion by Ed Marsh, /);
    expect(await deleted.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    await suggestion(ana, /^Ed Marsh: Insert/).waitFor();
    await body(ana).scrollIntoViewIfNeeded();
    await screenshot(ana, 'suggestions-in-text');
    await suggestionList(ana).scrollIntoViewIfNeeded();
    await screenshot(ana, 'suggestions-list');

    // Ana accepts the sentence and rejects the deletion while Ben keeps typing in the first paragraph.
    await caretAtEndOfParagraph(ben, 0);
    await Promise.all([
      ben.keyboard.type(' Ben was there.', { delay: 40 }),
      (async () => {
        await suggestion(ana, /^Ed Marsh: Insert/).getByRole('button', { name: 'Accept' }).click();
        await suggestion(ana, /^Ed Marsh: Delete/).getByRole('button', { name: 'Reject' }).click();
      })(),
    ]);
    for (const page of [ana, ben, ed]) {
      await expect.poll(() => body(page).locator('.suggestion').count()).toBe(0);
      await expect.poll(() => paragraphText(page, 0)).toBe(`${before} Ben was there.`);
      await expect.poll(() => paragraphText(page, 1)).toMatch(/ Traffic isn’t heavy\.$/);
    }
    expect(await suggestionList(ana).count()).toBe(0);

    // Ed suggests one more sentence; Ana submits with it open and is warned.
    await typeAtEndOfParagraph(ed, 1, ' Pending check.');
    await suggestion(ana, /^Ed Marsh: Insert “ Pending check\.”/).waitFor();
    await submit(ana);
    const warning = 'Ed Marsh’s suggested insertion of “Pending check.” is still open.';
    expect(await ana.getByRole('dialog').getByRole('alert').textContent()).toContain(warning);
    await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await ana.getByRole('dialog').waitFor({ state: 'detached' });

    // Ed cannot approve it: the button waits, and the server refuses naming the suggestion.
    await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => ed.getByRole('group', { name: 'Decision' }).textContent()).toContain(warning);
    expect(await ed.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    // The comparison shows the open suggestion as such.
    const review = ed.getByRole('region', { name: 'Review revision 1' });
    await expect.poll(() => review.locator('ins.suggested').allTextContents()).toEqual([' Pending check.']);
    expect(await review.locator('ins.suggested').getAttribute('title')).toContain('a suggested insertion, not accepted yet');
    const token = await app.server.signIn('ed', E2E_PASSWORD);
    const refused = await app.server.api(`/api/articles/${articleId}/revisions/1/approve`, { method: 'POST', token, json: {} });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toContain(warning);
    await screenshot(ed, 'suggestions-approval-refused');

    // Ana accepts it and submits again: Ed approves.
    await suggestion(ana, /^Ed Marsh: Insert/).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => body(ana).locator('.suggestion').count()).toBe(0);
    await submit(ana);
    expect(await ana.getByRole('dialog').getByRole('alert').count()).toBe(0);
    await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await ana.getByRole('dialog').waitFor({ state: 'detached' });
    await ed.getByRole('heading', { name: 'Review revision 2' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => ed.getByRole('button', { name: 'Approve' }).isEnabled()).toBe(true);
    await ed.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');
  });
});
