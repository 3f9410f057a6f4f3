// Comment threads in the browser (issue 14): the editor selects words in the body and comments
// with an @mention; the reporter sees the thread live in the panel with the words it is on,
// selects them from the panel, replies and resolves it, while another reporter keeps typing in
// the same paragraph; the thread stays on its words throughout. A commenter comments without
// changing the story. Comments on the headline and the standfirst come first in the panel and
// select their words in those fields. The panel is a column beside the body in a wide window
// (in view while the story scrolls) and under it in a narrow one. Screenshots of the panel.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { it, saved } from './fixtures.ts';
import { body, caretAtEndOfParagraph, commentsPanel as panel, headline, paragraphText, selectWords } from './article-page.ts';

describe('comment threads in the browser', () => {
  it('the editor comments on words with an @mention; the reporter replies and resolves while a colleague types in the same paragraph', async ({ openArticle }) => {
    const ed = await openArticle('ed');
    const ana = await openArticle('ana');
    const ben = await openArticle('ben');
    // Ana is writing in the second paragraph when the mention comes: the notice must not move her caret.
    await caretAtEndOfParagraph(ana, 1);
    await ana.keyboard.type(' Ana writes');
    const anaBefore = await paragraphText(ana, 1);

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
    // The notice took nothing from her: the caret is where she left it, and her next words land there.
    await ana.keyboard.type(' on.');
    await expect.poll(() => paragraphText(ana, 1)).toBe(`${anaBefore} on.`);
    expect(await ana.evaluate(() => getSelection()?.toString())).toBe('');
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

/** Selects `words` in the text field named `label` from the keyboard: the caret before them, then Shift+→ over them. */
async function selectInField(page: Page, label: string, words: string): Promise<void> {
  const field = page.getByRole('textbox', { name: label });
  await field.focus();
  const at = (await field.inputValue()).indexOf(words);
  expect(at, `no “${words}” in the ${label}`).toBeGreaterThanOrEqual(0);
  await field.evaluate((element, start) => (element as HTMLTextAreaElement).setSelectionRange(start, start), at);
  for (let i = 0; i < words.length; i++) await page.keyboard.press('Shift+ArrowRight');
}

/** The words marked as commented on in the field named `label`. */
const markedIn = (page: Page, label: string) =>
  page.getByRole('textbox', { name: label }).evaluate((field) => [...field.parentElement!.querySelectorAll('.comment-range')].map((mark) => mark.textContent));

describe('comments on the headline and the standfirst in the browser', () => {
  it('the editor comments on words of each; they come first in the panel, marked in the fields as a colleague types, and select their words', async ({ openArticle }) => {
    const ed = await openArticle('ed');
    const ana = await openArticle('ana');

    await selectInField(ed, 'Headline', 'Harbour bridge');
    await ed.getByRole('button', { name: 'Comment' }).click();
    await ed.getByRole('textbox', { name: 'Comment' }).fill('Is it still called that, @ana?');
    await ed.getByRole('button', { name: 'Post' }).click();
    // A comment on the body first, to show the order is the document's, not the comments'.
    await selectWords(ed, 'eleven months');
    await ed.getByRole('button', { name: 'Comment' }).click();
    await ed.getByRole('textbox', { name: 'Comment' }).fill('Source?');
    await ed.getByRole('button', { name: 'Post' }).click();
    await selectInField(ed, 'Standfirst', 'busiest river crossing');
    await ed.keyboard.press('Control+Alt+m');
    await ed.getByRole('textbox', { name: 'Comment' }).fill('Busiest by what count?');
    await ed.getByRole('button', { name: 'Post' }).click();

    // The story's other threads (the tests above) are all on the body: these two come first, the body's after.
    const threads = panel(ana).getByRole('listitem');
    const onHeadline = threads.filter({ hasText: 'Is it still called that, @ana?' });
    const onStandfirst = threads.filter({ hasText: 'Busiest by what count?' });
    const onBody = threads.filter({ hasText: 'Source?' });
    await onBody.waitFor();
    const texts = await threads.allTextContents();
    expect(texts[0]).toMatch(/^\s*Headline\s*“Harbour bridge”.*Is it still called that, @ana\?/);
    expect(texts[1]).toMatch(/^\s*Standfirst\s*“busiest river crossing”.*Busiest by what count\?/);
    expect(texts.findIndex((text) => text.includes('Source?'))).toBeGreaterThan(1);
    expect(await onBody.textContent()).toMatch(/^\s*“eleven months”/);
    await expect.poll(() => markedIn(ana, 'Headline')).toEqual(['Harbour bridge']);
    await expect.poll(() => markedIn(ana, 'Standfirst')).toEqual(['busiest river crossing']);

    // Ana types before the words in the headline: the mark moves with them.
    await headline(ana).focus();
    await ana.keyboard.press('Control+Home');
    await ana.keyboard.type('Old ', { delay: 30 });
    await expect.poll(() => headline(ed).inputValue()).toBe('Old Harbour bridge reopens to cyclists after two-year repair');
    await expect.poll(() => markedIn(ed, 'Headline')).toEqual(['Harbour bridge']);
    await expect.poll(() => onHeadline.getByRole('button', { name: '“Harbour bridge”' }).count()).toBe(1);
    await headline(ed).scrollIntoViewIfNeeded();
    await screenshot(ed, 'comments-on-headline-and-standfirst');

    // Clicking a thread selects its words in its field.
    await onStandfirst.getByRole('button', { name: '“busiest river crossing”' }).click();
    const selectedIn = (page: Page, label: string) =>
      page.getByRole('textbox', { name: label }).evaluate((field) => {
        const area = field as HTMLTextAreaElement;
        return document.activeElement === area ? area.value.slice(area.selectionStart, area.selectionEnd) : null;
      });
    await expect.poll(() => selectedIn(ana, 'Standfirst')).toBe('busiest river crossing');
    await onHeadline.getByRole('button', { name: '“Harbour bridge”' }).click();
    await expect.poll(() => selectedIn(ana, 'Headline')).toBe('Harbour bridge');
    await onBody.getByRole('button', { name: '“eleven months”' }).click();
    await expect.poll(() => ana.evaluate(() => getSelection()?.toString())).toBe('eleven months');

    // Resolved, the headline's mark goes; the thread stays listed.
    await onHeadline.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => markedIn(ed, 'Headline')).toEqual([]);
    await expect.poll(() => panel(ed).getByRole('listitem').filter({ hasText: 'Is it still called that' }).textContent()).toContain('Resolved by ana');
    for (const page of [ed, ana]) await saved(page);
  });
});

/** The boxes of the body and the panel, and of the window, as the page lays them out now. */
const layoutOf = (page: Page) =>
  page.evaluate(() => {
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    };
    const region = document.querySelector('[aria-label="Comments and suggestions"]')!;
    // Every control in the panel shows whole: none cut by its edges.
    const cut = [...region.querySelectorAll('button, textarea')].filter((control) => control.scrollWidth > control.clientWidth + 1).map((control) => control.textContent);
    return {
      body: box(document.querySelector('.body-editor')!),
      panel: box(region.parentElement!),
      bar: box(document.querySelector('header')!),
      window: { width: document.documentElement.clientWidth, height: window.innerHeight, scrollWidth: document.documentElement.scrollWidth },
      cut,
    };
  });

describe('where the panel is', () => {
  it('sits beside the body in a wide window, in view while the story scrolls, and under the body in a narrow one; nothing overlaps', async ({ openArticle }) => {
    const ed = await openArticle('ed');
    await selectWords(ed, 'queued from six');
    await ed.getByRole('button', { name: 'Comment' }).click();
    await ed.getByRole('textbox', { name: 'Comment' }).fill('Who saw the queue?');
    await ed.getByRole('button', { name: 'Post' }).click();
    await panel(ed).getByRole('listitem').filter({ hasText: 'Who saw the queue?' }).waitFor();

    await ed.setViewportSize({ width: 1280, height: 800 });
    await ed.evaluate(() => window.scrollTo(0, 0));
    const wide = await layoutOf(ed);
    expect(wide.window.scrollWidth, 'the page scrolls sideways at 1280 px').toBeLessThanOrEqual(wide.window.width);
    expect(wide.panel.left, 'the panel beside the body').toBeGreaterThanOrEqual(wide.body.right);
    expect(wide.panel.right).toBeLessThanOrEqual(wide.window.width);
    expect(wide.panel.top).toBeLessThan(wide.window.height);
    expect(wide.panel.top).toBeGreaterThanOrEqual(wide.bar.bottom);
    expect(wide.cut).toEqual([]);
    await screenshot(ed, 'comments-panel-beside-1280');
    // Scrolled down the story, the panel is still in view under the bar.
    await ed.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const scrolled = await layoutOf(ed);
    expect(scrolled.panel.top).toBeGreaterThanOrEqual(scrolled.bar.bottom);
    expect(scrolled.panel.top).toBeLessThan(scrolled.window.height / 2);
    await screenshot(ed, 'comments-panel-beside-1280-scrolled');

    await ed.setViewportSize({ width: 1024, height: 768 });
    await ed.evaluate(() => window.scrollTo(0, 0));
    const narrow = await layoutOf(ed);
    expect(narrow.window.scrollWidth, 'the page scrolls sideways at 1024 px').toBeLessThanOrEqual(narrow.window.width);
    expect(narrow.panel.top, 'the panel under the body').toBeGreaterThanOrEqual(narrow.body.bottom);
    expect(narrow.panel.left).toBeGreaterThanOrEqual(0);
    expect(narrow.panel.right).toBeLessThanOrEqual(narrow.window.width);
    expect(narrow.cut).toEqual([]);
    await panel(ed).scrollIntoViewIfNeeded();
    await screenshot(ed, 'comments-panel-under-1024');
    await body(ed).scrollIntoViewIfNeeded();
  });
});
