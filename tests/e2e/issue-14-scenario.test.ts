// Issue 14's whole scenario in Chromium, as one newsroom lives it: two reporters and an editor on
// one story. The editor turns on `Suggest changes`, suggests a change and comments with an
// @mention of the first reporter, who is told so in the app, opens the story at the comment from
// that notice, replies, resolves the thread, submits; the editor's approval is refused while the
// suggestion is open (the refusal names it), the reporter accepts it and submits again, and the
// editor approves. The second reporter types in the same paragraph all along: every word of
// theirs arrives everywhere. Screenshots of the panel and of the suggestion in the text.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { body, caretAtEndOfParagraph, commentsPanel as panel, paragraphText, selectWords } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The open suggestion by Ed named by `name`, in the panel. */
const suggestion = (page: Page, name: RegExp) => panel(page).getByRole('list', { name: /Suggestions/ }).getByRole('listitem', { name });

/** Submits the open story from `page` (the dialog's warnings are returned), once saved. */
async function submit(page: Page): Promise<string> {
  await saved(page);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const warnings = (await dialog.getByRole('alert').count()) > 0 ? await dialog.getByRole('alert').textContent() : '';
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await dialog.waitFor({ state: 'detached' });
  return warnings ?? '';
}

/** Waits until the editor's page shows the review of a submitted revision; its number. */
async function reviewShown(page: Page, after: number): Promise<number> {
  const heading = page.getByRole('heading', { name: new RegExp(`^Review revision (?!${after}$)\\d+$`) });
  await heading.waitFor({ timeout: 20_000 });
  return Number(/\d+$/.exec((await heading.textContent()) ?? '')![0]);
}

describe('issue 14 in one newsroom', () => {
  it('the editor suggests and comments with a mention; the reporter is told, replies, resolves and accepts; approval waits for the suggestion; the other reporter’s typing all arrives', { timeout: 300_000 }, async ({ openArticle, signIn, app, articleId }) => {
    const ed = await openArticle('ed');
    const ben = await openArticle('ben');
    // Ana is on the story list: the mention is what brings her to the story.
    const ana = await signIn('ana');

    // Ben types at the end of the first paragraph from now until the story is approved, as a fast
    // typist does (about 8 characters a second, a pause between words).
    await caretAtEndOfParagraph(ben, 0);
    const before = await paragraphText(ben, 0);
    let typing = true;
    const typed: string[] = [];
    const benTypes = (async () => {
      for (let n = 1; typing; n++) {
        const word = ` word${n}`;
        await ben.keyboard.type(word, { delay: 110 });
        typed.push(word);
        await sleep(120);
      }
    })();
    // Awaited at the end; until then a page closed by a failed test must not be an unhandled rejection.
    benTypes.catch(() => undefined);

    // Ed turns on Suggest changes and suggests “o’clock” after “six” in the same paragraph.
    const toggle = ed.getByRole('button', { name: 'Suggest changes' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await selectWords(ed, 'from six');
    await ed.keyboard.press('ArrowRight');
    await ed.keyboard.type(" o'clock", { delay: 30 });
    // Which of the two spaces is the typed one the browser decides (“six␣o’clock␣in” either way).
    const suggested = (page: Page) => body(page).locator('ins.suggestion').allTextContents().then((texts) => texts.map((text) => text.trim()));
    await expect.poll(() => suggested(ed)).toEqual(['o’clock']);
    expect(await paragraphText(ed, 0)).toMatch(/^Cyclists queued from six o’clock in the morning/);

    // …and comments on words of it, mentioning Ana.
    await selectWords(ed, 'eleven months over schedule');
    await expect.poll(() => ed.getByRole('button', { name: 'Comment' }).isEnabled()).toBe(true);
    await ed.getByRole('button', { name: 'Comment' }).click();
    await ed.getByRole('textbox', { name: 'Comment' }).fill('Is “eleven months” the council’s own figure, @ana?');
    await ed.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => ed.locator('.comment-range').allTextContents()).toEqual(['eleven months over schedule']);

    // Ana is told in the app; the notice opens the story with the comment's words selected.
    const notice = ana.getByRole('link', { name: /Ed Marsh mentioned you/ });
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('Is “eleven months” the council’s own figure, @ana?');
    await notice.click();
    await saved(ana);
    await expect.poll(() => ana.evaluate(() => getSelection()?.toString())).toBe('eleven months over schedule');
    const thread = panel(ana).getByRole('listitem', { name: 'Comment by ed' });
    await expect.poll(() => thread.textContent()).toContain('“eleven months over schedule”');

    // She sees Ed's suggestion in the text, in his colour, saying who suggested it, and listed with the comment.
    const inserted = body(ana).locator('ins.suggestion');
    await expect.poll(() => suggested(ana)).toEqual(['o’clock']);
    expect(await inserted.getAttribute('title')).toMatch(/^Suggested insertion by Ed Marsh, /);
    await suggestion(ana, /^Ed Marsh: Insert “\s?o’clock\s?”/).waitFor();
    await ana.setViewportSize({ width: 1280, height: 800 });
    await body(ana).locator('p').first().scrollIntoViewIfNeeded();
    await screenshot(ana, 'issue-14-suggestion-in-text');
    await screenshot(ana, 'issue-14-panel-open');

    // She replies and resolves the thread; Ed sees both live.
    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByRole('textbox', { name: 'Reply' }).fill('Yes: page 4 of the council’s report, @ed.');
    await thread.getByRole('button', { name: 'Post' }).click();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    const edThread = panel(ed).getByRole('listitem', { name: 'Comment by ed' });
    await expect.poll(() => edThread.textContent()).toContain('Resolved by ana');
    expect(await edThread.textContent()).toContain('Yes: page 4 of the council’s report, @ed.');
    await expect.poll(() => ed.locator('.comment-range').count()).toBe(0);
    await ed.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ed, 'issue-14-panel-resolved');

    // She submits with the suggestion still open: warned, and the editor's approval is refused naming it.
    const warning = 'Ed Marsh’s suggested insertion of “o’clock” is still open.';
    expect(await submit(ana)).toContain(warning);
    const first = await reviewShown(ed, 0);
    await expect.poll(() => ed.getByRole('group', { name: 'Decision' }).textContent()).toContain(warning);
    expect(await ed.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    const token = await app.server.signIn('ed', E2E_PASSWORD);
    const refused = await app.server.api(`/api/articles/${articleId}/revisions/${first}/approve`, { method: 'POST', token, json: {} });
    expect(refused.status).toBe(409);
    const refusal = ((await refused.json()) as { error: string }).error;
    expect(refusal).toContain(warning);
    // The comment, resolved, is no reason to refuse.
    expect(refusal).not.toContain('Comment by ed');
    await screenshot(ed, 'issue-14-approval-refused');

    // Ana accepts the suggestion (a normal edit everyone sees) and submits again; Ed approves.
    await suggestion(ana, /^Ed Marsh: Insert/).getByRole('button', { name: 'Accept' }).click();
    // (Ed's page shows the review's comparison in place of the draft meanwhile: his draft is read after approving.)
    for (const page of [ana, ben]) {
      await expect.poll(() => body(page).locator('.suggestion').count()).toBe(0);
      await expect.poll(() => paragraphText(page, 0)).toMatch(/^Cyclists queued from six o’clock in the morning/);
    }
    expect(await submit(ana)).not.toContain('still open');
    const second = await reviewShown(ed, first);
    await expect.poll(() => ed.getByRole('button', { name: 'Approve' }).isEnabled()).toBe(true);
    await ed.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');
    expect(second).toBeGreaterThan(first);

    // Ben stops: every word he typed is in the paragraph, after the text as it was, on every screen.
    typing = false;
    await benTypes;
    expect(typed.length).toBeGreaterThan(10);
    const expected = `${before.replace('from six', 'from six o’clock')}${typed.join('')}`;
    for (const page of [ben, ana, ed]) {
      await expect.poll(() => paragraphText(page, 0), { timeout: 15_000 }).toBe(expected);
      await saved(page);
    }
    // And a fresh page reads the same from the server.
    const check = await signIn('ana');
    await openFromList(check);
    expect(await paragraphText(check, 0)).toBe(expected);
  });
});
