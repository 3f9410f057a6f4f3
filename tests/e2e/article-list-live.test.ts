// The story list in the browser stays current by the server's event stream, not by reading the
// list again on a timer: a colleague's new story, a retitled one, and who has a story open appear
// by themselves, while the list is read once.
import { describe, expect } from 'vitest';
import { screenshot } from '../support/e2e-app.ts';
import { headline } from './article-page.ts';
import { it } from './fixtures.ts';

describe('the live story list', () => {
  it('shows new stories, new headlines and who is in a story as they happen, reading the list once', async ({ signIn }) => {
    const ed = await signIn('ed');
    const listReads: string[] = [];
    ed.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/articles' && request.method() === 'GET') listReads.push(request.url());
    });
    await ed.getByRole('link', { name: /Harbour bridge reopens/ }).waitFor();

    const ana = await signIn('ana');
    await ana.getByRole('button', { name: 'New story' }).click();
    await headline(ana).fill('Tram strike called off');
    // Ed's list: the new story with its headline, and Ana in it.
    const row = ed.getByRole('row').filter({ hasText: 'Tram strike called off' });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => row.getByRole('list', { name: /Open now by/ }).getAttribute('aria-label')).toMatch(/Ana/);
    await screenshot(ed, 'live-list-ed');

    // Ana leaves the story: nobody in it any more.
    await ana.getByRole('button', { name: '← All stories' }).click();
    await expect.poll(() => row.getByRole('list', { name: /Open now by/ }).count()).toBe(0);

    // Twelve quiet seconds: the list is not read again (it used to be, every five).
    const before = listReads.length;
    await ed.waitForTimeout(12_000);
    expect(listReads.length).toBe(before);
    expect(before).toBeLessThanOrEqual(1);
  });
});
