// Printing a story in Chromium (the browser build; the desktop prints the same page): with print
// media, only the story's print view shows — headline, standfirst, byline, body, pictures with
// their credits — and its footer names the version and status; on screen the view never shows.
// A past revision, opened from History, prints as it was, in place of the live story; the Export
// dialog prints the version chosen in it (the approved one by default), never the draft in its place.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { headline, typeAtEndOfParagraph } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

// The print dialog itself cannot be driven: the page's print() only records that it was asked.
const stubPrint = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

describe('print', () => {
  it('prints the open story alone, with its version and status in the footer', async ({ openArticle }) => {
    const page = await openArticle('ana');
    const title = await headline(page).inputValue();
    const view = page.getByTestId('print-story');
    await expect.poll(() => view.isVisible()).toBe(false);
    await stubPrint(page);
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog', { name: 'Export story' }).getByRole('button', { name: 'Print…' }).click();
    await page.getByRole('dialog', { name: 'Export story' }).waitFor({ state: 'detached' });
    expect(await printed(page)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => view.isVisible()).toBe(true);
    expect(await page.getByRole('main').first().isVisible()).toBe(false);
    expect((await view.locator('h1').textContent())?.trim()).toBe(title.trim());
    expect(await view.locator('.print-footer').textContent()).toMatch(/^Live draft.* · Status: .+ · Printed .+/);
    await screenshot(page, 'print-story');
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => view.isVisible()).toBe(false);
  });

  it('prints a past revision from History as it was, with the revision and its status in the footer', async ({ signIn, server }) => {
    const HEADLINE = 'Harbour dredging resumes';
    const token = await server.signIn('ana', E2E_PASSWORD);
    const id = await server.createArticle(token, { headline: HEADLINE });
    const page = await signIn('ana');
    await openFromList(page, HEADLINE);
    await typeAtEndOfParagraph(page, 0, 'Dredging starts in May.');
    await saved(page);
    const taken = await server.api(`/api/articles/${id}/revisions`, { method: 'POST', token, json: { note: 'First take' } });
    expect(taken.status, await taken.text()).toBe(201);
    // The draft moves on after the revision: the printout must not have it.
    await typeAtEndOfParagraph(page, 0, ' A late line.');
    await saved(page);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open revision 1' }).click();
    const reading = page.getByRole('region', { name: 'Reading Revision 1' });
    await expect.poll(() => reading.textContent()).toContain('Dredging starts in May.');
    await stubPrint(page);
    await reading.getByRole('button', { name: 'Print…' }).click();
    await expect.poll(() => printed(page)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    const view = page.getByTestId('print-revision');
    await expect.poll(() => view.isVisible()).toBe(true);
    // The live story's print view steps aside while the revision prints.
    expect(await page.getByTestId('print-story').isVisible()).toBe(false);
    expect((await view.locator('h1').textContent())?.trim()).toBe(HEADLINE);
    const text = await view.textContent();
    expect(text).toContain('Dredging starts in May.');
    expect(text).not.toContain('A late line.');
    expect(await view.locator('.print-footer').textContent()).toMatch(/^Revision 1 · Status: Saved · Printed .+/);
    await screenshot(page, 'print-revision');
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => view.isVisible()).toBe(false);
  });

  it('prints from the Export dialog the version chosen there: the approved one, not the draft that moved on', async ({ signIn, server }) => {
    const HEADLINE = 'Council approves the ferry budget';
    const anaToken = await server.signIn('ana', E2E_PASSWORD);
    const edToken = await server.signIn('ed', E2E_PASSWORD);
    const id = await server.createArticle(anaToken, { headline: HEADLINE });
    const page = await signIn('ana');
    await openFromList(page, HEADLINE);
    await typeAtEndOfParagraph(page, 0, 'The vote was 7 to 2.');
    await saved(page);
    for (const [token, step] of [[anaToken, 'revisions'], [anaToken, 'revisions/1/submit'], [edToken, 'revisions/1/approve']] as const) {
      const answer = await server.api(`/api/articles/${id}/${step}`, { method: 'POST', token, json: {} });
      expect(answer.ok, `${step}: ${await answer.text()}`).toBe(true);
    }
    await typeAtEndOfParagraph(page, 0, ' An unapproved line.');
    await saved(page);
    await expect.poll(() => page.getByText('Approved · changed since').count()).toBeGreaterThan(0);

    await stubPrint(page);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export story' });
    await expect.poll(() => dialog.getByRole('radio', { name: 'Approved' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Print…' }).click();
    await expect.poll(() => printed(page)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    const view = page.getByTestId('print-revision');
    await expect.poll(() => view.isVisible()).toBe(true);
    expect(await page.getByTestId('print-story').isVisible()).toBe(false);
    const text = await view.textContent();
    expect(text).toContain('The vote was 7 to 2.');
    expect(text).not.toContain('An unapproved line.');
    expect(await view.locator('.print-footer').textContent()).toMatch(/^Revision 1 · Status: Approved/);
    await page.emulateMedia({ media: 'screen' });

    // The live draft, chosen, prints the draft.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('radio', { name: 'Live draft' }).check();
    await dialog.getByRole('button', { name: 'Print…' }).click();
    await expect.poll(() => printed(page)).toBe(2);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByTestId('print-story').textContent()).toContain('An unapproved line.');
    await page.emulateMedia({ media: 'screen' });
  });
});
