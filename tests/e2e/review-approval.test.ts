// A reporter submits, an editor reviews the marked changes and sends the story back with a
// note, the reporter sees the note, revises and resubmits, the editor sees what changed in answer
// and approves (the demo story's picture has its image and credit, so nothing blocks it), and the
// approved export is exactly what was submitted.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { headline, typeAtEndOfParagraph } from './article-page.ts';
import { it, openFromList, saved, type App } from './fixtures.ts';

async function submit(page: Page, note: string) {
  await saved(page);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByRole('textbox', { name: 'Note to the editor' }).fill(note);
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** Approves the revision under review: nothing blocks the demo story, so no waiver is offered. */
async function approve(page: Page) {
  expect(await page.getByRole('checkbox', { name: 'Approve without the missing images' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Approve' }).click();
}

/** The demo story's text export of revision `rev`. */
async function exportOf({ server, articleId }: App, rev: string, token: string) {
  return (await server.api(`/api/articles/${articleId}/export?format=text&rev=${rev}`, { token })).text();
}

describe('review and approval in the browser', () => {
  it('goes from submission through send-back to approval of exactly the submitted text', async ({ signIn, app }) => {
    const ana = await signIn('ana');
    const ed = await signIn('ed');
    const token = await app.server.signIn('ed', E2E_PASSWORD);

    // A first approved version to compare against.
    await openFromList(ana);
    await submit(ana, 'First draft');
    await ed.getByRole('button', { name: /Review queue/ }).click();
    await openFromList(ed);
    await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor();
    await approve(ed);
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');

    // Ana changes the headline's last word and adds a sentence, then submits.
    await headline(ana).click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.press('Control+Backspace');
    await ana.keyboard.type('works');
    await typeAtEndOfParagraph(ana, 0, ' Crowds cheered.');
    await submit(ana, 'Tightened the headline');

    // Ed sees exactly what changed since the approved revision, marked and attributed.
    await ed.getByRole('heading', { name: 'Review revision 2' }).waitFor({ timeout: 15_000 });
    const review = ed.getByRole('region', { name: 'Review revision 2' });
    await expect.poll(() => review.locator('del').allTextContents()).toContain('repair');
    await expect.poll(() => review.locator('ins').allTextContents()).toEqual(expect.arrayContaining(['works', ' Crowds cheered.']));
    expect(await review.locator('ins').first().getAttribute('title')).toContain('written by Ana Reyes');
    expect(await review.getByText('+3 words').isVisible()).toBe(true);
    await ed.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ed, 'review-diff');

    await review.getByRole('button', { name: 'Send back' }).click();
    await review.getByRole('textbox', { name: /Note to the author/ }).fill('Add the council’s response, please.');
    await review.getByRole('button', { name: 'Send back with note' }).click();
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Sent back by Ed Marsh');

    // Ana is told, in the story, with the note.
    await expect.poll(() => ana.getByRole('note').textContent()).toContain('Add the council’s response, please.');
    await screenshot(ana, 'sent-back-note');
    await typeAtEndOfParagraph(ana, 1, ' The council declined to comment.');
    await submit(ana, 'Added the council');
    const submitted = await exportOf(app, '3', token);
    expect(submitted).toContain('The council declined to comment.');

    // Ed sees what Ana changed in answer (against revision 2, sent back), and the rest a click away.
    await ed.getByRole('heading', { name: 'Review revision 3' }).waitFor({ timeout: 15_000 });
    const answer = ed.getByRole('region', { name: 'Review revision 3' });
    expect(await answer.getByRole('radio', { name: 'Revision 2, sent back' }).isChecked()).toBe(true);
    await expect.poll(() => answer.locator('ins').allTextContents()).toEqual([' The council declined to comment.']);
    expect(await answer.getByText('Changes since revision 2 was sent back with “Add the council’s response, please.”').isVisible()).toBe(true);
    await answer.getByRole('radio', { name: 'Approved revision 1' }).check();
    await expect.poll(() => answer.locator('ins').allTextContents()).toEqual(['works', ' Crowds cheered.', ' The council declined to comment.']);
    await approve(ed);
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');

    // Ana keeps typing after approval; the approved export stays what was submitted.
    await typeAtEndOfParagraph(ana, 2, ' Late addition.');
    await saved(ana);
    expect(await exportOf(app, 'approved', token)).toBe(submitted);
    expect(await exportOf(app, 'live', token)).toContain('Late addition.');
    expect(submitted).toContain('Headline: Harbour bridge reopens to cyclists after two-year works');

    // The history lists every revision with its status, and compares any of them with the draft.
    await ana.getByRole('button', { name: 'History' }).click();
    const history = ana.getByRole('complementary', { name: 'History' });
    await expect.poll(() => history.getByRole('list', { name: 'Revisions' }).getByRole('listitem').count()).toBe(3);
    await expect.poll(() => history.getByRole('list', { name: 'Revisions' }).getByRole('listitem').first().textContent()).toContain('Approved');
    await history.getByRole('list', { name: 'Revisions' }).getByRole('listitem').first().getByRole('button', { name: 'Compare with live' }).click();
    const comparison = history.getByRole('region', { name: 'Comparison' });
    await expect.poll(() => comparison.locator('ins').allTextContents()).toContain(' Late addition.');
    await screenshot(ana, 'history-panel');
  });
});
