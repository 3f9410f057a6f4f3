// Signed in across reloads, usable from the keyboard alone, and undo that takes back only
// your own typing — in the built UI in Chromium against a real server.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { body, typeAtEndOfParagraph } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim() : '';
  });

/** Presses Tab until the focused element's accessible name matches, or fails after `limit` presses. */
async function tabTo(page: Page, name: RegExp, limit = 25): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${name}; last focus: ${await focusedName(page)}`);
}

describe('the session', () => {
  it('survives a reload, and signing out forgets it', async ({ signIn }) => {
    const page = await signIn('dana');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Stories' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Dana Kim').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    await page.reload();
    await page.getByLabel('Username').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
  });
});

describe('the keyboard alone', () => {
  it('signs in, opens a story, edits the headline and formats the body, with a visible focus', async ({ server, browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').waitFor();
    // The username field has focus on arrival.
    await page.keyboard.type('ana');
    await page.keyboard.press('Tab');
    await page.keyboard.type(E2E_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Stories' }).waitFor();

    await tabTo(page, /Harbour bridge reopens/);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await saved(page);

    await tabTo(page, /^Headline$/);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' tonight');
    await tabTo(page, /^Body$/);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Bold from the keyboard');
    await expect.poll(() => body(page).locator('strong').last().textContent()).toBe('Bold from the keyboard');
    await expect.poll(() => page.getByRole('textbox', { name: 'Headline' }).inputValue()).toMatch(/ tonight$/);
    await saved(page);
    await context.close();
  });
});

describe('undo', () => {
  it('takes back only your own typing, not a colleague’s', async ({ signIn }) => {
    const ana = await signIn('ana');
    const ben = await signIn('ben');
    for (const page of [ana, ben]) await openFromList(page);
    const paragraph = (page: Page, n: number) => body(page).locator('p').nth(n);

    await typeAtEndOfParagraph(ana, 1, ' ANA-WORDS');
    await expect.poll(() => paragraph(ben, 1).textContent()).toContain('ANA-WORDS');
    await typeAtEndOfParagraph(ben, 2, ' BEN-WORDS');
    await expect.poll(() => paragraph(ana, 2).textContent()).toContain('BEN-WORDS');

    await body(ana).focus();
    await ana.keyboard.press('Control+z');
    for (const page of [ana, ben]) {
      await expect.poll(() => paragraph(page, 1).textContent()).not.toContain('ANA-WORDS');
      await expect.poll(() => paragraph(page, 2).textContent()).toContain('BEN-WORDS');
    }
    await ana.keyboard.press('Control+Shift+z');
    await expect.poll(() => paragraph(ben, 1).textContent()).toContain('ANA-WORDS');
    await saved(ana);
    await screenshot(ana, 'undo-own-changes');
  });
});
