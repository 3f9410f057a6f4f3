// The small things of everyday editing, in the built UI in Chromium: the toolbar is one Tab stop
// (arrow keys inside), Ctrl+Alt+2 makes a heading, quotes curl as they are typed (Backspace or
// Ctrl+Z right after gives the straight one back), "is typing here" only while someone types, a
// caret's name fades and comes back on hover, an imported file without a headline asks for one,
// and a decision's notification is not shown again after a reload.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { revisionApi } from '../support/revision-api.ts';
import { it, saved } from './fixtures.ts';
import { body, chooseFiles, headline, typeAtEndOfParagraph } from './article-page.ts';

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');
const lastParagraph = (page: Page) => body(page).locator('p').last();

/** A new paragraph at the end of the body, with the caret in it. */
async function newParagraphAtEnd(page: Page): Promise<void> {
  await lastParagraph(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
}

describe('the formatting toolbar', () => {
  it('is one Tab stop between the fields and the body, with arrow keys, Home and End inside', async ({ openArticle }) => {
    const dana = await openArticle('dana');
    const toolbar = dana.getByRole('toolbar', { name: 'Formatting' });
    expect(await toolbar.getByRole('button').count()).toBe(12);

    // The last control above the body: Dana is on the story's desk (News), so she may restrict it.
    await dana.getByRole('checkbox', { name: 'Restricted' }).focus();
    await dana.keyboard.press('Tab');
    expect(await focusedName(dana)).toBe('Bold');
    await dana.keyboard.press('Tab');
    expect(await focusedName(dana)).toBe('Body');
    await dana.keyboard.press('Shift+Tab');
    expect(await focusedName(dana)).toBe('Bold');

    await dana.keyboard.press('ArrowRight');
    expect(await focusedName(dana)).toBe('Italic');
    await dana.keyboard.press('ArrowRight');
    expect(await focusedName(dana)).toBe('Heading');
    // End: the last button that can be used (nothing to undo or redo yet).
    await dana.keyboard.press('End');
    expect(await focusedName(dana)).toBe('Suggest changes');
    await dana.keyboard.press('Home');
    expect(await focusedName(dana)).toBe('Bold');
    // Wrapping around: left from the first goes to the last usable one.
    await dana.keyboard.press('ArrowLeft');
    expect(await focusedName(dana)).toBe('Suggest changes');
    await dana.keyboard.press('ArrowLeft');
    expect(await focusedName(dana)).toBe('Note');
    await dana.keyboard.press('ArrowLeft');
    expect(await focusedName(dana)).toBe('Link');
    await screenshot(dana, 'toolbar-roving-focus');
    // The Tab stop stays where the arrows left it, and Tab goes on to the body.
    expect(await toolbar.locator('[tabindex="0"]').getAttribute('aria-label')).toBe('Link');
    await dana.keyboard.press('Tab');
    expect(await focusedName(dana)).toBe('Body');
  });

  it('makes a heading with Ctrl+Alt+2 and a paragraph again with Ctrl+Alt+0, as its tooltip says', async ({ openArticle }) => {
    const dana = await openArticle('dana');
    expect(await dana.getByRole('button', { name: 'Heading', exact: true }).getAttribute('title')).toBe('Heading (Ctrl+Alt+2)');
    await newParagraphAtEnd(dana);
    await dana.keyboard.type('Heading from the keyboard');
    await dana.keyboard.press('Control+Alt+2');
    await expect.poll(() => body(dana).locator('h2').allTextContents()).toEqual(['Heading from the keyboard']);
    await dana.keyboard.press('Control+Alt+3');
    await expect.poll(() => body(dana).locator('h3').allTextContents()).toEqual(['Heading from the keyboard']);
    await dana.keyboard.press('Control+Alt+0');
    await expect.poll(() => body(dana).locator('h2, h3').count()).toBe(0);
    await expect.poll(() => lastParagraph(dana).textContent()).toBe('Heading from the keyboard');
  });
});

describe('smart quotes', () => {
  it('curls quotes typed in the body, and Backspace or Ctrl+Z right after gives the straight quote back', async ({ openArticle }) => {
    const ana = await openArticle('ana');
    await newParagraphAtEnd(ana);
    await ana.keyboard.type(`"Hello," she said. It's 'fine'.`);
    await expect.poll(() => lastParagraph(ana).textContent()).toBe('“Hello,” she said. It’s ‘fine’.');
    await ana.keyboard.type(' "');
    await expect.poll(() => lastParagraph(ana).textContent()).toMatch(/ “$/);
    await ana.keyboard.press('Backspace');
    await expect.poll(() => lastParagraph(ana).textContent()).toMatch(/ "$/);
    await ana.keyboard.type(`x'`);
    await expect.poll(() => lastParagraph(ana).textContent()).toMatch(/ "x’$/);
    await ana.keyboard.press('Control+z');
    await expect.poll(() => lastParagraph(ana).textContent()).toBe(`“Hello,” she said. It’s ‘fine’. "x'`);
    await screenshot(ana, 'smart-quotes-body');
    await saved(ana);
  });

  it('curls quotes in the headline too, with Backspace and Ctrl+Z right after giving the straight one back', async ({ openArticle }) => {
    const ana = await openArticle('ana');
    const field = headline(ana);
    const before = await field.inputValue();
    await field.click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.type(` "now"`);
    await expect.poll(() => field.inputValue()).toBe(`${before} “now”`);
    await ana.keyboard.press('Backspace');
    await expect.poll(() => field.inputValue()).toBe(`${before} “now"`);
    await ana.keyboard.type(` it's`);
    await expect.poll(() => field.inputValue()).toBe(`${before} “now" it’s`);
    await ana.keyboard.type(` '`);
    await expect.poll(() => field.inputValue()).toBe(`${before} “now" it’s ‘`);
    await ana.keyboard.press('Control+z');
    await expect.poll(() => field.inputValue()).toBe(`${before} “now" it’s '`);
    await saved(ana);
  });
});

describe('presence while editing', () => {
  it('says "is typing here" only while someone types, and a caret’s name fades and returns on hover', async ({ openArticle }) => {
    const ana = await openArticle('ana');
    const ben = await openArticle('ben');

    await ben.getByRole('textbox', { name: 'Standfirst' }).click();
    await ben.keyboard.press('Control+End');
    await ben.keyboard.type(' Ben adds this.', { delay: 40 });
    const indicator = ana.getByText('Ben Okafor is typing here');
    await indicator.waitFor();
    const stoppedAt = Date.now();
    await screenshot(ana, 'typing-indicator');
    // Ben's caret stays in the standfirst, but he stopped typing: the mark goes within seconds.
    await indicator.waitFor({ state: 'detached', timeout: 15_000 });
    console.log(`"is typing here" went ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the last keystroke`);
    expect(await ana.getByRole('listitem', { name: 'Ben Okafor, in the standfirst' }).count()).toBe(1);

    // Ben's caret in the body: its name shows, then fades, and hovering the caret shows it again.
    await typeAtEndOfParagraph(ben, 0, ' B');
    const label = ana.locator('.collab-caret-label', { hasText: 'Ben Okafor' });
    await label.waitFor();
    const opacity = () => label.evaluate((element) => getComputedStyle(element).opacity);
    await expect.poll(opacity).toBe('0');
    const caret = ana.locator('.collab-caret').filter({ has: label });
    // The mouse onto the caret's bar (Playwright's own hover aims at the zero-width text inside it).
    const { x, y } = await caret.evaluate((element) => {
      element.scrollIntoView({ block: 'center' });
      const box = element.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    await ana.mouse.move(x, y);
    await expect.poll(opacity).toBe('1');
    await screenshot(ana, 'caret-label-hover');
  });
});

describe('importing a text file', () => {
  it('takes a first line that reads as a headline, and otherwise opens the story asking for one', async ({ signIn }) => {
    const ana = await signIn('ana');
    const file = (name: string, text: string) => [{ name, mimeType: 'text/plain', buffer: Buffer.from(text) }];
    await chooseFiles(ana, () => ana.getByRole('button', { name: 'Import text…' }).click(), file('ferry.txt', 'Ferry strike ends after nine days\n\nThe first boats left at six.\nCommuters cheered.\n'));
    await expect.poll(() => headline(ana).inputValue()).toBe('Ferry strike ends after nine days');
    await expect.poll(() => body(ana).locator('p').allTextContents()).toEqual(['The first boats left at six.', 'Commuters cheered.']);
    await saved(ana);

    await ana.getByRole('button', { name: '← All stories' }).click();
    await chooseFiles(ana, () => ana.getByRole('button', { name: 'Import text…' }).click(), file('notes.txt', 'The council met on Monday.\nIt voted.\n'));
    await expect.poll(() => body(ana).locator('p').count()).toBe(2);
    expect(await headline(ana).inputValue()).toBe('');
    // Not the file's name: an empty headline, with the focus, asking to be written.
    await expect.poll(() => ana.evaluate(() => document.activeElement?.id)).toBe('field-headline');
    expect(await headline(ana).getAttribute('placeholder')).toMatch(/^Write a headline/);
    await screenshot(ana, 'import-asks-for-headline');
  });
});

describe('notifications', () => {
  it('shows "Story approved" once: not again after a reload', async ({ signIn, server, articleId }) => {
    const ana = await signIn('ana');
    const api = revisionApi(server);
    const [anaToken, edToken] = [await server.signIn('ana', E2E_PASSWORD), await server.signIn('ed', E2E_PASSWORD)];
    const revision = await api.snapshot(anaToken, articleId, 'For the evening edition');
    await api.step(anaToken, articleId, revision.number, 'submit');
    await api.step(edToken, articleId, revision.number, 'approve');

    const toasts = ana.getByRole('list', { name: 'Notifications' });
    await expect.poll(() => toasts.textContent()).toContain('Story approved');
    await screenshot(ana, 'toast-approved');

    await ana.reload();
    await ana.getByRole('heading', { name: 'Stories' }).waitFor();
    await expect.poll(() => ana.getByRole('row', { name: /Harbour bridge reopens/ }).textContent()).toContain('Approved');
    // The list has loaded with the approval in it; give the page time to (wrongly) tell it again.
    await ana.waitForTimeout(3000);
    expect(await ana.getByText('Story approved').count()).toBe(0);
  });
});
