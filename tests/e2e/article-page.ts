// End-to-end helpers for a story page: its fields, its paragraphs and the caret, the sync badge and file choosers (here,
// not in tests/support: it runs code in the page, so it is checked with the DOM library).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/** The headline field. */
export const headline = (page: Page) => page.getByRole('textbox', { name: 'Headline' });

/** The rich-text body. */
export const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });

/** The body's first paragraph. */
export const firstParagraph = (page: Page) => body(page).locator('p').first();

/** `element`'s text without collaborators' caret labels (widgets inside the text). */
const textWithoutCarets = (element: Element) => {
  const copy = element.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.collab-caret').forEach((caret) => caret.remove());
  return copy.textContent ?? '';
};

/** The text of the body's paragraph `index` (the first by default), without collaborators' caret labels. */
export const paragraphText = (page: Page, index = 0) => body(page).locator('p').nth(index).evaluate(textWithoutCarets);

/** The body's text, without collaborators' caret labels. */
export const bodyText = (page: Page) => body(page).evaluate(textWithoutCarets);

/** The story's sync badge. */
export const badge = (page: Page) => page.getByRole('status').filter({ hasText: /saved|Offline|Connecting|Server unreachable|View only/ });

/**
 * Puts the caret at the end of the body's paragraph `index`. The caret is put there directly (End
 * stops at a wrapped line's end), without a click: a click's own caret can land after the range
 * is set (ProseMirror settles a mouse selection a moment later), and the text would go mid-line.
 * Resolves once the editor itself has the caret at the paragraph's end.
 */
export async function caretAtEndOfParagraph(page: Page, index: number): Promise<void> {
  await body(page).focus();
  // Puts the caret at the paragraph's end until it stays there (the editor may still be setting
  // its own selection into the page just after the focus, or redraw it for a colleague's change).
  await page.waitForFunction((n) => {
    const paragraph = document.querySelectorAll('.body-editor p')[n];
    const selection = getSelection();
    if (!paragraph || !selection) return false;
    const atEnd = () => {
      if (!selection.focusNode || !selection.isCollapsed || !paragraph.contains(selection.focusNode)) return false;
      const before = document.createRange();
      before.setStart(paragraph, 0);
      before.setEnd(selection.focusNode, selection.focusOffset);
      return before.toString().length === (paragraph.textContent ?? '').length;
    };
    // Whether set here or not, the editor reads it now (a no-op when it has it already).
    if (atEnd()) {
      document.dispatchEvent(new Event('selectionchange'));
      return true;
    }
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    // Read by the editor now, in this task: the browser's own 'selectionchange' comes a task
    // later, and a colleague's change applied before it would put the editor's old selection back.
    document.dispatchEvent(new Event('selectionchange'));
    return false;
  }, index);
}

/** Types `text` at the end of the body's paragraph `index` (see caretAtEndOfParagraph), `delay` ms between keys. */
export async function typeAtEndOfParagraph(page: Page, index: number, text: string, options: { delay?: number } = {}): Promise<void> {
  await caretAtEndOfParagraph(page, index);
  await page.keyboard.type(text, options);
}

/** Answers the next file chooser with `files`, after `open` triggers it. */
export async function chooseFiles(page: Page, open: () => Promise<void>, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await open();
  await (await chooser).setFiles(files);
}

/** Exports through the Export… dialog after `choose` picks in it (the browser build downloads the file); the file's text. */
export async function exportThroughDialog(page: Page, choose: () => Promise<void>): Promise<string> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export story' });
  await choose();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
  await dialog.waitFor({ state: 'detached' });
  return readFile((await download.path()), 'utf8');
}

/** The `Comments and suggestions` panel. */
export const commentsPanel = (page: Page) => page.getByRole('region', { name: 'Comments and suggestions' });

/** Selects the first occurrence of `words` in the body, as a person dragging over them would. */
export async function selectWords(page: Page, words: string): Promise<void> {
  await body(page).focus();
  // Selects them until the selection stays at the next frame (see caretAtEndOfParagraph).
  await page.waitForFunction((wanted) => {
    const selection = getSelection()!;
    if (selection.toString() === wanted) {
      document.dispatchEvent(new Event('selectionchange'));
      return true;
    }
    const walker = document.createTreeWalker(document.querySelector('.body-editor')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      return false;
    }
    throw new Error(`no “${wanted}” in the body`);
  }, words);
}
