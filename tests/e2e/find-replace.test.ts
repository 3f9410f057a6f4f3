// Find and replace in the browser: Ctrl+H over the headline and the body, matches highlighted,
// Replace and Replace all — seen live by a colleague — and Ctrl+Z taking back exactly one
// replacement at a time, after Escape put the focus back in the body.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/e2e-app.ts';
import { it, saved } from './fixtures.ts';
import { body, headline, typeAtEndOfParagraph } from './article-page.ts';

const HEADLINE = 'Harbour bridge reopens to cyclists after two-year repair';
const findBar = (page: Page) => page.getByRole('dialog', { name: 'Find and replace' });
const paragraphs = (page: Page) => body(page).locator('p').allTextContents();
const bodyText = async (page: Page) => (await paragraphs(page)).join('\n');
const focusedIsBody = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('body-editor') ?? false);

describe('find and replace', () => {
  it('finds in the headline and the body, replaces one and all live, and Ctrl+Z takes back one replacement at a time', async ({ openArticle }) => {
    const ana = await openArticle('ana');
    const ben = await openArticle('ben');

    // Ana's own change first: it must survive undoing the replacements.
    await typeAtEndOfParagraph(ana, 3, ' ANA-EDIT');
    await expect.poll(() => bodyText(ben)).toContain('ANA-EDIT');

    await ana.keyboard.press('Control+h');
    const bar = findBar(ana);
    await bar.waitFor();
    expect(await ana.evaluate(() => document.activeElement?.id)).toBe('find-text');
    await bar.getByRole('textbox', { name: 'Find' }).fill('bridge');
    // One in the headline ("bridge"), two in the body ("Bridge", "bridge"): case is ignored.
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('1 of 3');
    expect(await ana.locator('mark').allTextContents()).toEqual(['bridge']);
    expect(await body(ana).locator('.find-match').allTextContents()).toEqual(['Bridge', 'bridge']);
    await bar.getByRole('textbox', { name: 'Find' }).press('Enter');
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('2 of 3');
    expect(await body(ana).locator('.find-current').textContent()).toBe('Bridge');
    await ana.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ana, 'find-replace-matches');

    // Match case narrows it down.
    await bar.getByRole('checkbox', { name: 'Match case' }).check();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('1 of 2');
    await bar.getByRole('checkbox', { name: 'Match case' }).uncheck();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('1 of 3');

    // Replace: the match shown (the headline's), then the next is shown.
    await bar.getByRole('textbox', { name: 'Replace with' }).fill('viaduct');
    await bar.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect.poll(() => headline(ben).inputValue()).toBe('Harbour viaduct reopens to cyclists after two-year repair');
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('1 of 2');

    // Replace all: the two in the body, at once, for Ben too.
    await bar.getByRole('button', { name: 'Replace all' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Replaced 2 matches');
    for (const page of [ana, ben]) {
      await expect.poll(() => bodyText(page)).toContain('Harbour viaduct when it reopened');
      expect(await bodyText(page)).toContain('The viaduct now has');
      expect(await bodyText(page)).not.toMatch(/bridge/i);
    }
    await saved(ana);
    await screenshot(ben, 'find-replace-seen-live');

    // Escape closes the bar, the focus is back in the body, no highlight is left.
    await ana.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    expect(await focusedIsBody(ana)).toBe(true);
    expect(await ana.locator('mark, .find-match').count()).toBe(0);

    // One Ctrl+Z takes back all of Replace all and only it: the headline keeps the single replacement.
    await ana.keyboard.press('Control+z');
    for (const page of [ana, ben]) {
      await expect.poll(() => bodyText(page)).toContain('Harbour Bridge when it reopened');
      expect(await bodyText(page)).toContain('The bridge now has');
      expect(await bodyText(page)).toContain('ANA-EDIT');
      expect(await headline(page).inputValue()).toBe('Harbour viaduct reopens to cyclists after two-year repair');
    }
    // The next takes back the single replacement, the next Ana's own typing.
    await ana.keyboard.press('Control+z');
    for (const page of [ana, ben]) await expect.poll(() => headline(page).inputValue()).toBe(HEADLINE);
    expect(await bodyText(ben)).toContain('ANA-EDIT');
    await ana.keyboard.press('Control+z');
    for (const page of [ana, ben]) await expect.poll(() => bodyText(page)).not.toContain('ANA-EDIT');
    await saved(ana);
  });

  it('opens with Ctrl+F for finding only, takes the selected word, and returns the focus to the headline', async ({ openArticle }) => {
    const dana = await openArticle('dana', { headline: /Harbour/ });
    // "cyclists" selected in the headline.
    await headline(dana).evaluate((field) => {
      const textarea = field as HTMLTextAreaElement;
      textarea.focus();
      const at = textarea.value.indexOf('cyclists');
      textarea.setSelectionRange(at, at + 'cyclists'.length);
    });
    await dana.keyboard.press('Control+f');
    const bar = findBar(dana);
    await bar.waitFor();
    expect(await bar.getByRole('textbox', { name: 'Find' }).inputValue()).toBe('cyclists');
    expect(await bar.getByRole('textbox', { name: 'Replace with' }).count()).toBe(0);
    // "cyclists" in the headline, "Cyclists" in the body.
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('1 of 2');
    await bar.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => body(dana).locator('.find-current').textContent()).toBe('Cyclists');
    await bar.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => dana.locator('mark.current').textContent()).toBe('cyclists');
    // Ctrl+H shows the replace row in the same bar.
    await dana.keyboard.press('Control+h');
    await bar.getByRole('textbox', { name: 'Replace with' }).waitFor();
    await bar.getByRole('button', { name: 'Close find' }).click();
    await bar.waitFor({ state: 'detached' });
    expect(await dana.evaluate(() => document.activeElement?.id)).toBe('field-headline');
  });
});
