// The newsroom's daily path, end to end in Chromium: a reporter imports the sample story, two
// reporters co-edit it, a desk editor goes offline, edits, reloads while still offline and comes
// back; the story is submitted (the picture with no image is warned about), the editor sends it
// back with a note, the reporter answers and resubmits, the editor sees what changed in answer
// (against the revision sent back) and approves, and after a colleague's later edit the approved
// export is still exactly what was approved while the live export has the edit — through the API
// (`rev=approved`, `rev=live`) and through the app's Export… dialog, which offers the approved
// version first.
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { requireSharedData, SAMPLE_ARTICLE } from '../support/shared-data.ts';
import { badge, body, bodyText, chooseFiles, exportThroughDialog, headline, typeAtEndOfParagraph } from './article-page.ts';
import { it, saved } from './fixtures.ts';

const ANA_EDIT = ' Moscow declined to comment on Friday.';
const BEN_EDIT = ' The White House said no talks were planned.';
const DANA_EDIT = ' Desk: figures checked against the intelligence report.';
const ANSWER = ' A Kremlin spokesman, Dmitry Peskov, declined to comment.';
const LATE_EDIT = ' Late addition after approval.';
const SEND_BACK_NOTE = 'Attach the picture of Putin, and name who declined to comment.';

async function submit(page: Page, note: string) {
  await saved(page);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByRole('textbox', { name: 'Note to the editor' }).fill(note);
}

describe('the north-star path', () => {
  it(
    'import, co-edit, offline desk with a reload, send back, resubmit, approve, and the approved export stays as approved',
    { timeout: 300_000 },
    async ({ signIn, server, network, skip }) => {
      requireSharedData([SAMPLE_ARTICLE], skip);
      // 1. Ana imports the sample story.
      const ana = await signIn('ana');
      await chooseFiles(ana, () => ana.getByRole('button', { name: 'Import text…' }).click(), [
        { name: 'biden-putin.txt', mimeType: 'text/plain', buffer: readFileSync(SAMPLE_ARTICLE) },
      ]);
      await saved(ana);
      await expect.poll(() => body(ana).locator('p').count()).toBe(12);
      const articleId = /#\/stories\/(.+)$/.exec(ana.url())![1];
      // The file has no Headline: line and its first line is a paragraph: the story asks for a headline.
      expect(await headline(ana).inputValue()).toBe('');
      expect(await headline(ana).getAttribute('placeholder')).toBe('Write a headline: the imported file had none');
      const title = 'Kremlin hits back at Biden over “killer” remark';
      await headline(ana).fill(title);
      await saved(ana);
      expect(await ana.getByRole('article', { name: 'Picture 1' }).getByText('Image missing').isVisible()).toBe(true);
      await screenshot(ana, 'north-star-1-imported');

      // 2. Ben opens it too; both write at once and see each other's words.
      const ben = await signIn('ben');
      await ben.getByRole('link', { name: title }).click();
      await saved(ben);
      await Promise.all([typeAtEndOfParagraph(ana, 0, ANA_EDIT), typeAtEndOfParagraph(ben, 2, BEN_EDIT)]);
      for (const page of [ana, ben]) {
        await expect.poll(() => bodyText(page)).toContain(ANA_EDIT.trim());
        await expect.poll(() => bodyText(page)).toContain(BEN_EDIT.trim());
        await saved(page);
      }
      await screenshot(ana, 'north-star-2-co-editing');

      // 3. Dana, on the desk, loses the network, edits, reloads while still offline, and comes back.
      const dana = await signIn('dana', { url: network.url });
      await expect.poll(() => dana.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');
      await dana.getByRole('link', { name: title }).click();
      await saved(dana);
      await expect.poll(() => bodyText(dana)).toContain(BEN_EDIT.trim());
      network.down();
      await dana.context().setOffline(true);
      await expect.poll(() => badge(dana).textContent()).toBe('Offline');
      await typeAtEndOfParagraph(dana, 3, DANA_EDIT);
      await expect.poll(() => badge(dana).textContent()).toMatch(/^Offline — saved on this computer/);
      // Chromium's emulation stops a navigation before the service worker sees it: it is lifted
      // for the reload alone, while the proxy keeps the server unreachable throughout.
      await dana.context().setOffline(false);
      await dana.reload();
      await dana.context().setOffline(true);
      await expect.poll(() => bodyText(dana)).toContain(DANA_EDIT.trim());
      await expect.poll(() => badge(dana).textContent()).toMatch(/^Offline — saved on this computer/);
      const token = await server.signIn('ed', E2E_PASSWORD);
      const exported = async (rev: string) => (await server.api(`/api/articles/${articleId}/export?format=text&rev=${rev}`, { token })).text();
      expect(await exported('live')).not.toContain(DANA_EDIT.trim());
      await screenshot(dana, 'north-star-3-desk-offline-reloaded');
      network.up();
      await dana.context().setOffline(false);
      await saved(dana);
      for (const page of [ana, ben]) await expect.poll(() => bodyText(page)).toContain(DANA_EDIT.trim());
      expect(await exported('live')).toContain(DANA_EDIT.trim());
      await screenshot(ana, 'north-star-4-desk-back');

      // 4. Ana submits; the picture whose image was never attached is warned about.
      await submit(ana, 'Ready, with the desk’s figures');
      const warning = ana.getByRole('dialog').getByRole('alert');
      expect(await warning.textContent()).toContain('Picture 1 has no image: it was never attached.');
      await screenshot(ana, 'north-star-5-submit-warning');
      await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
      await ana.getByRole('dialog').waitFor({ state: 'detached' });

      // 5. Ed reviews: approval waits on the missing image; he sends the story back with a note.
      const ed = await signIn('ed');
      await ed.getByRole('button', { name: /Review queue/ }).click();
      await ed.getByRole('link', { name: title }).click();
      await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor();
      const decision = ed.getByRole('group', { name: 'Decision' });
      await ed.getByRole('checkbox', { name: 'Approve without the missing images' }).waitFor();
      expect(await ed.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
      expect(await decision.textContent()).toContain('Compared with: Nothing approved yet');
      await ed.getByRole('region', { name: 'Review revision 1' }).getByText(DANA_EDIT.trim()).waitFor();
      await screenshot(ed, 'north-star-6-review');
      await decision.getByRole('button', { name: 'Send back' }).click();
      await decision.getByRole('textbox', { name: /Note to the author/ }).fill(SEND_BACK_NOTE);
      await decision.getByRole('button', { name: 'Send back with note' }).click();
      await expect.poll(() => ed.getByRole('note').textContent()).toContain('Sent back by Ed Marsh');

      // 6. Ana sees the note, attaches the image, answers, and resubmits.
      await expect.poll(() => ana.getByRole('note').textContent()).toContain(SEND_BACK_NOTE);
      await screenshot(ana, 'north-star-7-sent-back');
      const picture = ana.getByRole('article', { name: 'Picture 1' });
      const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#345' } }).png().toBuffer();
      await chooseFiles(ana, () => picture.getByRole('button', { name: 'Attach image' }).click(), [{ name: 'putin.png', mimeType: 'image/png', buffer: png }]);
      await expect.poll(() => picture.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await typeAtEndOfParagraph(ana, 0, ANSWER);
      await submit(ana, 'Picture attached, the spokesman named');
      expect(await ana.getByRole('dialog').getByRole('alert').count()).toBe(0);
      await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
      await ana.getByRole('dialog').waitFor({ state: 'detached' });

      // 7. Ed sees what Ana changed in answer, against the revision he sent back, and approves.
      await ed.getByRole('heading', { name: 'Review revision 2' }).waitFor({ timeout: 15_000 });
      const review = ed.getByRole('region', { name: 'Review revision 2' });
      expect(await review.getByRole('radio', { name: 'Revision 1, sent back' }).isChecked()).toBe(true);
      await expect.poll(() => review.locator('ins').allTextContents()).toEqual([ANSWER]);
      expect(await review.locator('del').count()).toBe(0);
      await expect.poll(() => ed.getByRole('button', { name: 'Approve' }).isEnabled()).toBe(true);
      expect(await ed.getByRole('checkbox', { name: 'Approve without the missing images' }).count()).toBe(0);
      await screenshot(ed, 'north-star-8-resubmission');
      await review.getByRole('radio', { name: 'Nothing approved yet' }).check();
      // Against the empty story everything is new, the headline Ana wrote included.
      await expect.poll(async () => (await review.locator('ins').allTextContents()).join('')).toContain('Kremlin hits back');
      await review.getByRole('radio', { name: 'Revision 1, sent back' }).check();
      await expect.poll(() => review.locator('ins').allTextContents()).toEqual([ANSWER]);
      await ed.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => ed.getByRole('note').textContent()).toContain('Approved by Ed Marsh');
      const approved = await exported('approved');

      // 8. Ben adds a line after approval: the approved export lacks it, the live one has it.
      await typeAtEndOfParagraph(ben, 4, LATE_EDIT);
      await saved(ben);
      await screenshot(ben, 'north-star-9-after-approval');
      expect(await exported('approved')).toBe(approved);
      expect(await exported('2')).toBe(approved);
      for (const edit of [ANA_EDIT, BEN_EDIT, DANA_EDIT, ANSWER]) expect(approved).toContain(edit.trim());
      expect(approved).toContain('Picture Credit: Gage Skidmore');
      expect(approved).not.toContain(LATE_EDIT.trim());
      await expect.poll(() => exported('live')).toContain(LATE_EDIT.trim());
      // The same through the app: the story says it changed since approval, Export… offers the
      // approved version first, and its file is the approved text.
      await expect.poll(() => ben.getByText('Approved · changed since').count()).toBeGreaterThan(0);
      const approvedFile = await exportThroughDialog(ben, async () => {
        expect(await ben.getByRole('radio', { name: 'Approved' }).isChecked()).toBe(true);
      });
      expect(approvedFile).toBe(approved);
      const liveFile = await exportThroughDialog(ben, () => ben.getByRole('radio', { name: 'Live draft' }).check());
      expect(liveFile).toContain(LATE_EDIT.trim());
      const approvedHtml = await (await server.api(`/api/articles/${articleId}/export?format=html&rev=approved`, { token })).text();
      expect(approvedHtml).toMatch(/<img [^>]*src="http:\/\/[^"]+\/api\/pictures\/[0-9a-f]{64}"/);
      expect(approvedHtml).not.toContain(LATE_EDIT.trim());
    },
  );
});
