// The review fits on a screen, in Chromium: the decision bar stays in view while a long
// comparison is scrolled to its end (at 1024, 1280 and 1920 px wide), the story is not shown a
// second time under the comparison (the draft is one click away, in its place), Approve is disabled with the reason beside it while a picture
// has no credit, and a picture whose image was never attached is approved without it only when
// the editor says so, which the audit records.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { UploadedPicture } from '../../model/api-types.ts';
import { addPicture } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { connectClient } from '../support/clients.ts';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { fixtureImage } from '../support/fixture-images.ts';
import { revisionApi } from '../support/revision-api.ts';
import type { TestServer } from '../support/test-server.ts';
import { it, saved } from './fixtures.ts';

const PARAGRAPHS = Array.from(
  { length: 40 },
  (_, i) => `Paragraph ${i + 1} of the council budget story, long enough to wrap onto a second line of the comparison at every width we check.`,
);

/** A story written by Ana through a stock client, with `pictures`, saved as revision 1 and submitted. */
async function submittedArticle(server: TestServer, headline: string, pictures: { id: string; caption: string; credit: string; hash: string }[]): Promise<string> {
  const ana = await server.signIn('ana', E2E_PASSWORD);
  const id = await server.createArticle(ana, { headline });
  const client = connectClient(server.wsUrl, id, ana, { track: true });
  try {
    await client.synced;
    client.doc.transact(() => {
      appendParagraphs(client.doc, PARAGRAPHS);
      for (const picture of pictures) addPicture(client.doc, picture);
    });
    await client.tracker!.whenSaved();
  } finally {
    client.destroy();
  }
  const api = revisionApi(server);
  await api.snapshot(ana, id, 'Ready for the desk');
  await api.step(ana, id, 1, 'submit', { note: 'Ready for the desk' });
  return id;
}

/** Ed's page, 1280 × 800, on the review of the story `headline` (`signIn` from the test's fixtures). */
async function openAsEditor(signIn: (username: string) => Promise<Page>, headline: string): Promise<Page> {
  const ed = await signIn('ed');
  await ed.setViewportSize({ width: 1280, height: 800 });
  await ed.getByRole('button', { name: /Review queue/ }).click();
  await ed.getByRole('link', { name: headline }).click();
  await saved(ed);
  await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor();
  return ed;
}

/** The decision bar's box, after scrolling the comparison's last field into view. */
async function barAfterScrollingToTheEnd(page: Page) {
  const review = page.getByRole('region', { name: 'Review revision 1' });
  await review.getByText(PARAGRAPHS[PARAGRAPHS.length - 1]).waitFor();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await review.locator('.field').last().scrollIntoViewIfNeeded();
  const lastField = await review.locator('.field').last().boundingBox();
  const bar = await page.getByRole('group', { name: 'Decision' }).boundingBox();
  const scrolled = await page.evaluate(() => window.scrollY);
  return { bar: bar!, lastField: lastField!, scrolled, viewport: page.viewportSize()! };
}

describe('the decision bar in Chromium', () => {
  it('stays in view while the comparison scrolls to its end, with Approve disabled and the reason shown for an uncredited picture', async ({ signIn, server }) => {
    const ana = await server.signIn('ana', E2E_PASSWORD);
    const png = new Uint8Array(await fixtureImage('png', { width: 320, height: 200 }));
    const upload = await server.api('/api/pictures', { method: 'POST', token: ana, body: png, headers: { 'content-type': 'image/png' } });
    expect(upload.status).toBe(201);
    const image = (await upload.json()) as UploadedPicture;
    await submittedArticle(server, 'Council budget: the long read', [{ id: 'pic-rally', caption: 'Crowd at the rally', credit: '', hash: image.hash }]);
    const ed = await openAsEditor(signIn, 'Council budget: the long read');

    // Approve is disabled before anyone clicks, with the reason beside it and as its description.
    const bar = ed.getByRole('group', { name: 'Decision' });
    const reason = 'Picture 1 (“Crowd at the rally”) has no credit. Add one in Pictures and submit the story again, then approve.';
    await expect.poll(() => bar.textContent()).toContain(reason);
    const approve = ed.getByRole('button', { name: 'Approve' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await ed.locator(`#${await approve.getAttribute('aria-describedby')}`).textContent()).toContain(reason);
    expect(await bar.textContent()).toContain('By Ana Reyes, just now: “Ready for the desk”');
    expect(await ed.getByRole('checkbox', { name: 'Approve without the missing images' }).count()).toBe(0);
    await screenshot(ed, 'review-bar-uncredited-1280');

    // The story is shown once: as the comparison, not again as the draft under it.
    expect(await ed.getByRole('textbox', { name: 'Body' }).isVisible()).toBe(false);
    expect(await ed.getByRole('region', { name: 'Pictures' }).isVisible()).toBe(false);
    const occurrences = await ed.evaluate((text) => document.body.innerText.split(text).length - 1, PARAGRAPHS[39]);
    expect(occurrences).toBe(1);

    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await ed.setViewportSize({ width, height });
      const { bar: box, lastField, scrolled, viewport } = await barAfterScrollingToTheEnd(ed);
      // The page really scrolled a long way, and the comparison's end is on screen...
      expect(scrolled, `${width}px: scrolled`).toBeGreaterThan(1500);
      expect(lastField.y + lastField.height, `${width}px: the last field is on screen`).toBeLessThanOrEqual(viewport.height);
      // ...with the whole decision bar still in view above it.
      expect(box.y, `${width}px: the bar's top`).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `${width}px: the bar's bottom`).toBeLessThanOrEqual(lastField.y + 1);
      expect(box.width, `${width}px: the bar fits across`).toBeLessThanOrEqual(viewport.width);
      await screenshot(ed, `review-bar-scrolled-${width}`);
    }

    // "Edit the draft" brings the draft back (one click) under the bar, and the comparison back again.
    await ed.setViewportSize({ width: 1280, height: 800 });
    await ed.getByRole('button', { name: 'Edit the draft' }).click();
    await ed.getByRole('textbox', { name: 'Body' }).waitFor();
    expect(await ed.getByRole('region', { name: 'Pictures' }).isVisible()).toBe(true);
    expect(await ed.getByRole('region', { name: 'Review revision 1' }).getByText(PARAGRAPHS[39]).count()).toBe(0);
    await ed.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ed, 'review-bar-draft-1280');
    await ed.getByRole('button', { name: 'Show the comparison' }).click();
    await ed.getByRole('region', { name: 'Review revision 1' }).getByText(PARAGRAPHS[39]).waitFor();
    expect(await ed.getByRole('textbox', { name: 'Body' }).isVisible()).toBe(false);
  });

  it('approves a picture without its image only when the editor says so, and the audit names it', async ({ signIn, server }) => {
    const id = await submittedArticle(server, 'Summit ends without a deal', [{ id: 'pic-imported', caption: 'Putin in 2021', credit: 'Gage Skidmore', hash: '' }]);
    const ed = await openAsEditor(signIn, 'Summit ends without a deal');
    const approve = ed.getByRole('button', { name: 'Approve' });
    const waiver = ed.getByRole('checkbox', { name: 'Approve without the missing images' });
    await waiver.waitFor();
    // The comparison loads too (the blockers' check and the comparison do not crowd each other out).
    await ed.getByRole('region', { name: 'Review revision 1' }).getByText(PARAGRAPHS[PARAGRAPHS.length - 1]).waitFor();
    expect(await approve.isDisabled()).toBe(true);
    expect(await ed.getByRole('group', { name: 'Decision' }).textContent()).toContain(
      'Picture 1 (“Putin in 2021”) has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
    );
    await screenshot(ed, 'review-bar-missing-image');
    await waiver.check();
    expect(await approve.isEnabled()).toBe(true);
    await expect.poll(() => ed.getByRole('group', { name: 'Decision' }).textContent()).toContain('Approving without the missing images.');
    await screenshot(ed, 'review-bar-approving-without-image');
    await approve.click();
    await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');

    const audit = (await server.server.store.listAudit({ articleId: id })).filter((a) => a.action === 'revision.approve');
    expect(audit.map((a) => a.detail.approvedWithoutImages)).toEqual([[{ pictureId: 'pic-imported', position: 1, caption: 'Putin in 2021' }]]);
  });
});
