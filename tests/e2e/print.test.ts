// Printing a story in Chromium (the browser build; the desktop prints the same page): with print
// media, only the story's print view shows — headline, standfirst, byline, body, pictures with
// their credits — and its footer names the version and status; on screen the view never shows.
import { describe, expect } from 'vitest';
import { screenshot } from '../support/e2e-app.ts';
import { headline } from './article-page.ts';
import { it } from './fixtures.ts';

describe('print', () => {
  it('prints the open story alone, with its version and status in the footer', async ({ openArticle }) => {
    const page = await openArticle('ana');
    const title = await headline(page).inputValue();
    const view = page.getByTestId('print-story');
    await expect.poll(() => view.isVisible()).toBe(false);
    // The print dialog itself cannot be driven: the page's print() only records that it was asked.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog', { name: 'Export story' }).getByRole('button', { name: 'Print…' }).click();
    await page.getByRole('dialog', { name: 'Export story' }).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => view.isVisible()).toBe(true);
    expect(await page.getByRole('main').first().isVisible()).toBe(false);
    expect((await view.locator('h1').textContent())?.trim()).toBe(title.trim());
    expect(await view.locator('.print-footer').textContent()).toMatch(/^Live draft.* · Status: .+ · Printed .+/);
    await screenshot(page, 'print-story');
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => view.isVisible()).toBe(false);
  });
});
