// A correction after approval in the browser (issue 17, requirement 4): the demo story is filed
// and approved; the editor reopens it as a correction with a typed note; everyone sees
// "Correction pending"; the corrected text is filed and approved, and its exports carry
// "Correction (1): NOTE" (text) and version 2 with the note (ninjs); History shows the line of versions.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/e2e-app.ts';
import { headline } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

const NOTE = 'An earlier version said the bridge had been closed for three years. It was two.';

async function submit(page: Page, note: string) {
  await saved(page);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByRole('textbox', { name: 'Note to the editor' }).fill(note);
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

describe('a correction after approval in the browser', () => {
  it('is reopened with a note, shown as pending, and its next approval exports it', async ({ signIn, app, token }) => {
    const ana = await signIn('ana');
    const ed = await signIn('ed');
    const edToken = await token('ed');
    const exportOf = async (format: string, rev: string) => (await app.server.api(`/api/articles/${app.articleId}/export?format=${format}&rev=${rev}`, { token: edToken })).text();

    await openFromList(ana);
    await submit(ana, 'First draft');
    await openFromList(ed);
    await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor();
    await ed.getByRole('button', { name: 'Approve' }).click();

    // Only the editor is offered a reopening; the note is required.
    const after = ed.getByRole('group', { name: 'After approval' });
    await after.getByRole('button', { name: 'Reopen as correction…' }).click();
    const dialog = ed.getByRole('dialog', { name: 'Reopen as a correction' });
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Write the correction note');
    await dialog.getByRole('textbox', { name: 'Correction note' }).fill(NOTE);
    await screenshot(ed, 'reopen-correction-dialog');
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => ed.getByRole('region', { name: 'Correction pending' }).textContent()).toContain(NOTE);
    expect(await ana.getByRole('group', { name: 'After approval' }).count()).toBe(0);

    // Ana sees it pending too, in the story and in the list; the approved version is still the one that goes out.
    await expect.poll(() => ana.getByRole('region', { name: 'Correction pending' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await exportOf('text', 'approved')).not.toContain('Correction');

    // The corrected text, filed and approved: version 2, correction 1.
    await headline(ana).click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.type(' (corrected)');
    await submit(ana, 'Fixed the years');
    await ed.getByRole('heading', { name: 'Review revision 2' }).waitFor({ timeout: 15_000 });
    await ed.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => ed.getByRole('region', { name: 'Correction pending' }).count()).toBe(0);

    expect((await exportOf('text', 'approved')).trimEnd().split('\n').at(-1)).toBe(`Correction (1): ${NOTE}`);
    expect(await exportOf('html', 'approved')).toContain(`<p class="amendment correction">Correction (1): ${NOTE}</p>`);
    expect(JSON.parse(await exportOf('ninjs', 'approved'))).toMatchObject({ version: '2', ednote: expect.stringContaining(`Correction (1): ${NOTE}`) });

    // History shows the whole line.
    await ed.getByRole('button', { name: 'History' }).click();
    const versions = ed.getByRole('complementary', { name: 'History' }).getByRole('list', { name: 'Versions' });
    await expect.poll(() => versions.getByRole('listitem').locator('strong').allTextContents()).toEqual(['Version 2 · Correction 1', 'Version 1 · Original']);
    expect(await versions.getByRole('listitem').first().textContent()).toContain(NOTE);
    // Nobody edited after the corrected text was filed: the approved version is the draft.
    expect(await ed.getByRole('region', { name: 'Approved version' }).textContent()).toContain('the draft has not changed since');
    await screenshot(ed, 'history-versions');

    // Back in the list, while reopened again as an update, the pill says so.
    await ed.getByRole('group', { name: 'After approval' }).getByRole('button', { name: 'Reopen as update…' }).click();
    await ed.getByRole('textbox', { name: 'Update note' }).fill('Adds the council’s reply.');
    await ed.getByRole('dialog').getByRole('button', { name: 'Reopen' }).click();
    await ed.getByRole('button', { name: '← All stories' }).click();
    await expect.poll(() => ed.getByText('Update pending').count()).toBeGreaterThan(0);
    await screenshot(ed, 'list-update-pending');
  });
});
