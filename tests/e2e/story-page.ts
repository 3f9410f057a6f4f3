// End-to-end helpers for a story page: its fields, its first paragraph, the sync badge and file choosers (here,
// not in tests/support: it runs code in the page, so it is checked with the DOM library).
import type { Page } from 'playwright-core';

/** The headline field. */
export const headline = (page: Page) => page.getByRole('textbox', { name: 'Headline' });

/** The rich-text body. */
export const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });

/** The body's first paragraph. */
export const firstParagraph = (page: Page) => body(page).locator('p').first();

/** The first paragraph's text without collaborators' caret labels (widgets inside the text). */
export const paragraphText = (page: Page) =>
  firstParagraph(page).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collab-caret').forEach((caret) => caret.remove());
    return copy.textContent;
  });

/** Puts the caret at the end of the first paragraph (End alone stops at the end of a wrapped line). */
export const caretAtEndOfFirstParagraph = (page: Page) =>
  page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('.body-editor p')!);
    range.collapse(false);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

/** The story's sync badge. */
export const badge = (page: Page) => page.getByRole('status').filter({ hasText: /saved|Offline|Connecting|Server unreachable|View only/ });

/** Types `text` at the end of the body's paragraph `index` (the caret put there directly: End stops at a wrapped line's end). */
export async function typeAtEndOfParagraph(page: Page, index: number, text: string): Promise<void> {
  await body(page).locator('p').nth(index).click();
  await page.evaluate((n) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelectorAll('.body-editor p')[n]);
    range.collapse(false);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, index);
  await page.keyboard.type(text);
}

/** Answers the next file chooser with `files`, after `open` triggers it. */
export async function chooseFiles(page: Page, open: () => Promise<void>, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await open();
  await (await chooser).setFiles(files);
}
