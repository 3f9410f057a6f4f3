// Two reporters in two browsers open one story and type into the headline and the same body
// paragraph at once: both see both edits, each other's cursor, and "All changes saved".
import { describe, expect } from 'vitest';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { it, saved } from './fixtures.ts';
import { caretAtEndOfParagraph, firstParagraph, headline, paragraphText } from './article-page.ts';

describe('live co-editing in the browser', () => {
  it('merges simultaneous typing in the headline and one paragraph, shows cursors and confirms saving', async ({ openArticle, server, articleId }) => {
    const ana = await openArticle('ana');
    const ben = await openArticle('ben');
    await expect.poll(() => ana.getByRole('list', { name: 'People in this story' }).getByRole('listitem').count()).toBe(2);

    // Both type into the headline at once: Ana at the end, Ben at the start.
    await headline(ana).click();
    await ana.keyboard.press('Control+End');
    await headline(ben).click();
    await ben.keyboard.press('Control+Home');
    await Promise.all([ana.keyboard.type(' at dawn', { delay: 30 }), ben.keyboard.type('Live: ', { delay: 30 })]);

    // And into the same body paragraph: Ana at its end, Ben at its start.
    await caretAtEndOfParagraph(ana, 0);
    // A click at the paragraph's top-left corner puts the caret before its first letter.
    await firstParagraph(ben).click({ position: { x: 1, y: 4 } });
    await Promise.all([ana.keyboard.type(' Ana was there.', { delay: 30 }), ben.keyboard.type('UPDATE ', { delay: 30 })]);

    const expectedHeadline = 'Live: Harbour bridge reopens to cyclists after two-year repair at dawn';
    for (const page of [ana, ben]) {
      await expect.poll(() => headline(page).inputValue()).toBe(expectedHeadline);
      await expect.poll(() => paragraphText(page)).toMatch(/^UPDATE Cyclists queued.*schedule\. Ana was there\.$/);
    }
    // Each sees the other's caret, labelled with their name.
    await expect.poll(() => ana.locator('.collab-caret-label').allTextContents()).toContain('Ben Okafor');
    await expect.poll(() => ben.locator('.collab-caret-label').allTextContents()).toContain('Ana Reyes');
    for (const page of [ana, ben]) await saved(page);

    await ana.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ana, 'coediting-ana');
    await screenshot(ben, 'coediting-ben');

    // The server has both people's words.
    const exported = await (await server.api(`/api/articles/${articleId}/export?format=text`, { token: await server.signIn('ana', E2E_PASSWORD) })).text();
    expect(exported).toContain(`Headline: ${expectedHeadline}`);
    expect(exported).toContain('UPDATE Cyclists queued');
    expect(exported).toContain('Ana was there.');
  });
});
