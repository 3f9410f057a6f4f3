// Pictures and credits in the browser: import the sample story (its credit line becomes a
// picture waiting for its image), attach an image, add an uncredited one, see approval
// refused until the credit is filled in — typed in one browser, seen in the other — and
// find every credit in the approved export.
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { requireSharedData, SAMPLE_ARTICLE } from '../support/shared-data.ts';
import { chooseFiles } from './article-page.ts';
import { it, saved } from './fixtures.ts';

const picture = (page: Page, n: number) => page.getByRole('article', { name: `Picture ${n}` });

const image = (color: string, format: 'png' | 'jpeg') =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: color } })[format]().toBuffer();

describe('pictures and credits in the browser', () => {
  it('carries the credit from import to approval and export', async ({ signIn, server, skip }) => {
    requireSharedData([SAMPLE_ARTICLE], skip);
    const ana = await signIn('ana');
    const ed = await signIn('ed');

    await chooseFiles(ana, () => ana.getByRole('button', { name: 'Import text…' }).click(), [
      { name: 'biden-putin.txt', mimeType: 'text/plain', buffer: readFileSync(SAMPLE_ARTICLE) },
    ]);
    await saved(ana);
    await expect.poll(() => ana.getByRole('textbox', { name: 'Body' }).locator('p').count()).toBe(12);
    // The file has no headline (its first line is a long sentence): the headline field asks for one, with the focus.
    expect(await ana.getByRole('textbox', { name: 'Headline' }).inputValue()).toBe('');
    await expect.poll(() => ana.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toMatch(/^Write a headline/);
    await ana.keyboard.type('Biden-Putin row deepens');
    const first = picture(ana, 1);
    await expect.poll(() => first.getByLabel('Credit', { exact: true }).inputValue()).toBe('Gage Skidmore');
    expect(await first.getByText('Image missing').isVisible()).toBe(true);

    await chooseFiles(ana, () => first.getByRole('button', { name: 'Attach image' }).click(), [
      { name: 'putin.png', mimeType: 'image/png', buffer: await image('#345', 'png') },
    ]);
    await expect.poll(() => first.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await first.getByLabel('Caption', { exact: true }).fill('Vladimir Putin in 2021');

    await chooseFiles(ana, () => ana.getByRole('button', { name: 'Add picture' }).click(), [
      { name: 'kremlin.jpg', mimeType: 'image/jpeg', buffer: await image('#a33', 'jpeg') },
    ]);
    const second = picture(ana, 2);
    await second.waitFor();
    await second.getByLabel('Caption', { exact: true }).fill('The Kremlin at dusk');
    expect(await second.getByText(/No credit/).isVisible()).toBe(true);
    await saved(ana);
    await ana.getByRole('heading', { name: 'Pictures' }).scrollIntoViewIfNeeded();
    await ana.evaluate(() => window.scrollBy(0, -80));
    await screenshot(ana, 'picture-panel');

    // Submit warns; an editor cannot approve while a picture lacks its credit.
    await ana.getByRole('button', { name: 'Submit for approval' }).click();
    expect(await ana.getByRole('dialog').getByRole('alert').textContent()).toContain('Picture 2');
    await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await ana.getByRole('dialog').waitFor({ state: 'detached' });

    await ed.getByRole('button', { name: /Review queue/ }).click();
    await ed.getByRole('link', { name: 'Biden-Putin row deepens' }).click();
    await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor();
    // Approve is disabled before anyone clicks, and the reason is beside it.
    const approve = ed.getByRole('button', { name: 'Approve' });
    const reason = 'Picture 2 (“The Kremlin at dusk”) has no credit. Add one in Pictures and submit the story again, then approve.';
    await expect.poll(() => ed.getByRole('group', { name: 'Decision' }).textContent()).toContain(reason);
    expect(await approve.isDisabled()).toBe(true);
    expect(await approve.getAttribute('aria-describedby')).toBe('approve-blockers');
    expect(await ed.locator('#approve-blockers').textContent()).toContain(reason);

    // The editor fills the credit in the draft; the reporter sees it appear, then resubmits.
    await ed.getByRole('button', { name: 'Edit the draft' }).click();
    await picture(ed, 2).getByLabel('Credit', { exact: true }).fill('Maria Lindqvist');
    await expect.poll(() => picture(ana, 2).getByLabel('Credit', { exact: true }).inputValue()).toBe('Maria Lindqvist');
    await saved(ana);
    await saved(ed);
    await ana.getByRole('button', { name: 'Submit for approval' }).click();
    await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await ana.getByRole('dialog').waitFor({ state: 'detached' });
    await ed.getByRole('heading', { name: 'Review revision 2' }).waitFor({ timeout: 15_000 });
    await ed.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');

    const token = await server.signIn('ed', E2E_PASSWORD);
    const articles = (await (await server.api('/api/articles', { token })).json()) as { id: string; headline: string }[];
    const id = articles.find((s) => s.headline === 'Biden-Putin row deepens')!.id;
    const exported = await (await server.api(`/api/articles/${id}/export?format=text&rev=approved`, { token })).text();
    expect(exported).toContain('Picture Credit: Gage Skidmore');
    expect(exported).toContain('Picture Credit: Maria Lindqvist');

    // The credits report lists both, with the approved story.
    await ed.getByRole('link', { name: 'Credits' }).click();
    await ed.getByRole('searchbox', { name: 'Search credits' }).fill('skidmore');
    await expect.poll(() => ed.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Gage Skidmore']);
    await screenshot(ed, 'credits-report');
  });

  it('adds pictures dropped on the panel or pasted into the story', async ({ openArticle }) => {
    const dana = await openArticle('dana');
    const before = await dana.getByRole('article', { name: /^Picture \d+$/ }).count();
    const png = (await image('#2a6', 'png')).toString('base64');

    // A file dropped on the pictures panel, as from the desktop.
    await dana.getByRole('region', { name: 'Pictures' }).evaluate((panel, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      panel.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, png);
    await expect.poll(() => dana.getByRole('article', { name: /^Picture \d+$/ }).count()).toBe(before + 1);

    // An image pasted while typing in the body.
    await dana.getByRole('textbox', { name: 'Body' }).click();
    await dana.evaluate((data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, png);
    await expect.poll(() => dana.getByRole('article', { name: /^Picture \d+$/ }).count()).toBe(before + 2);
    await expect.poll(() => dana.getByRole('article', { name: `Picture ${before + 2}` }).locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await saved(dana);
  });
});
