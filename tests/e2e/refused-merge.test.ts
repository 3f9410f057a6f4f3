// The one way the app's own changes can be refused: two users offline each rewrite the headline
// up to its cap, and merged the two rewrites are twice as long. The second to sync is told why
// (close 1008 "update refused: headline over 500 characters"), sees the merged headline and a
// notice, keeps the changes on the computer, and once the headline is shortened everything is
// saved; the first user's screen follows.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { headlineText } from '../../model/article-schema.ts';
import { screenshot } from '../support/e2e-app.ts';
import { badge, headline } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

const notice = (page: Page) => page.getByRole('alert').filter({ hasText: 'The server did not take your latest changes' });

describe('a merge that passes a cap', () => {
  it('is refused for the second user, who is told why, shortens the field, and everything is saved', async ({ signIn, server, articleId, network }) => {
    const ana = await signIn('ana', { url: network.url });
    const dana = await signIn('dana', { url: network.url });
    for (const page of [ana, dana]) await openFromList(page);

    network.down();
    for (const page of [ana, dana]) await page.context().setOffline(true);
    await headline(ana).fill('A'.repeat(FIELD_CAPS.headline));
    await headline(dana).fill('D'.repeat(FIELD_CAPS.headline));

    // Ana comes back first: her rewrite fits.
    network.up();
    await ana.context().setOffline(false);
    await saved(ana);
    // Dana's rewrite on top of Ana's would be 1,000 characters.
    await dana.context().setOffline(false);
    await expect.poll(() => notice(dana).textContent()).toContain('headline over 500 characters');
    await expect.poll(() => headline(dana).inputValue()).toHaveLength(2 * FIELD_CAPS.headline);
    expect(await badge(dana).textContent()).not.toContain('All changes saved');
    await screenshot(dana, 'refused-merge-notice');

    await headline(dana).fill('Harbour bridge reopens after repairs');
    await saved(dana);
    await expect.poll(() => notice(dana).count()).toBe(0);
    await expect.poll(() => headline(ana).inputValue()).toBe('Harbour bridge reopens after repairs');
    expect(headlineText(await server.server.articles.currentDoc(articleId)).toString()).toBe('Harbour bridge reopens after repairs');
    expect(server.logger.matching('refused an update from dana').length).toBeGreaterThan(0);
  });
});
