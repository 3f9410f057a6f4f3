// Comment threads in the browser (issue 14): the editor selects words in the body and comments
// with an @mention; the reporter sees the thread live in the panel with the words it is on,
// selects them from the panel, replies and resolves it, while another reporter keeps typing in
// the same paragraph; the thread stays on its words throughout. A commenter comments without
// changing the story. Screenshots of the panel.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { it, saved } from './fixtures.ts';
import { caretAtEndOfParagraph, paragraphText } from './article-page.ts';

/** The comments panel. */
const panel = (page: Page) => page.getByRole('region', { name: 'Comments and suggestions' });

/** Selects the first occurrence of `words` in the body, as a person dragging over them would. */
async function selectWords(page: Page, words: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Body' }).focus();
  await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.querySelector('.body-editor')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`no “${wanted}” in the body`);
  }, words);
}

describe('comment threads in the browser', () => {
  it('the editor comments on words with an @mention; the reporter replies and resolves while a colleague types in the same paragraph', async ({ openArticle }) => {
    const ed = await openArticle('ed');
    const ana = await openArticle('ana');
    const ben = await openArticle('ben');

    await selectWords(ed, 'queued from six');
    await expect.poll(() => ed.getByRole('button', { name: 'Comment' }).isEnabled()).toBe(true);
    await ed.getByRole('button', { name: 'Comment' }).click();
    await ed.getByRole('textbox', { name: 'Comment' }).fill('Who saw the queue at six, @ana?');
    await ed.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => ed.locator('.comment-range').allTextContents()).toEqual(['queued from six']);

    // Ben types at the end of the same paragraph all along.
    await caretAtEndOfParagraph(ben, 0);
    const typing = ben.keyboard.type(' Some waited in the rain.', { delay: 40 });

    // Ana is told she was mentioned: a notice that opens the story at the comment.
    const notice = ana.getByRole('status').filter({ hasText: 'mentioned you' });
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('Who saw the queue at six, @ana?');
    const thread = panel(ana).getByRole('listitem', { name: 'Comment by ed' });
    await expect.poll(() => thread.textContent()).toContain('Who saw the queue at six, @ana?');
    await expect.poll(() => thread.getByRole('button', { name: '“queued from six”' }).count()).toBe(1);
    await panel(ana).scrollIntoViewIfNeeded();
    await screenshot(ana, 'comments-panel-open');
    await thread.getByRole('button', { name: '“queued from six”' }).click();
    await expect.poll(() => ana.evaluate(() => getSelection()?.toString())).toBe('queued from six');

    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByRole('textbox', { name: 'Reply' }).fill('Our photographer did — I have her notes.');
    await thread.getByRole('button', { name: 'Post' }).click();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await typing;

    const edThread = panel(ed).getByRole('listitem', { name: 'Comment by ed' });
    await expect.poll(() => edThread.textContent()).toContain('Resolved by ana');
    expect(await edThread.textContent()).toContain('Our photographer did — I have her notes.');
    await expect.poll(() => edThread.getByRole('button', { name: 'Reopen' }).count()).toBe(1);
    await expect.poll(() => ed.locator('.comment-range').count()).toBe(0);
    for (const page of [ed, ana, ben]) {
      await expect.poll(() => paragraphText(page)).toMatch(/^Cyclists queued from six .* schedule\. Some waited in the rain\.$/);
      await saved(page);
    }
    await panel(ed).scrollIntoViewIfNeeded();
    await screenshot(ed, 'comments-panel-resolved');

    // Reopened, the words are highlighted again, on the same words.
    await edThread.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => ana.locator('.comment-range').allTextContents()).toEqual(['queued from six']);
  });
});

describe('a commenter in the browser', () => {
  it('reads the story without changing it, and comments on words; the reporter sees the comment', async ({ server, openArticle }) => {
    await server.server.accounts.addUser({ username: 'lee', role: 'commenter', password: E2E_PASSWORD });
    const lee = await openArticle('lee');
    expect(await lee.getByRole('textbox', { name: 'Body' }).getAttribute('contenteditable')).toBe('false');
    const ana = await openArticle('ana');
    await selectWords(lee, 'eleven months over schedule');
    await expect.poll(() => lee.getByRole('button', { name: 'Comment' }).isEnabled()).toBe(true);
    await lee.keyboard.press('Control+Alt+m');
    await lee.getByRole('textbox', { name: 'Comment' }).fill('Legal: is “eleven months” from the council’s own report?');
    await lee.getByRole('button', { name: 'Post' }).click();
    const thread = panel(ana).getByRole('listitem', { name: 'Comment by lee' });
    await expect.poll(() => thread.textContent()).toContain('Legal: is “eleven months” from the council’s own report?');
    expect(await thread.textContent()).toContain('“eleven months over schedule”');
    await saved(lee);
    // Nothing but the comment came from the commenter: their connection was never refused.
    await expect.poll(() => lee.getByRole('alert').count()).toBe(0);
  });
});
