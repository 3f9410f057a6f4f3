// Versions made explicit in the browser: a story is approved, then a colleague changes the draft;
// the list and the story say `Approved · changed since` with both word counts; `Export…` offers
// the approved version (the default), a revision and the live draft, and the approved export lacks
// the colleague's edit while the live one has it; History opens any revision read-only; a viewer
// reads the approved version with `View only` and can switch to the live draft.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleListItem } from '../../model/api-types.ts';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { exportThroughDialog, headline, typeAtEndOfParagraph } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

const HEADLINE = 'Ferry timetable changes';

/** Opens the story from the list `page` shows. */
const openArticle = (page: Page) => openFromList(page, HEADLINE);

/** Types `text` at the end of the body's first paragraph and waits until the server has it. */
async function typeAtEnd(page: Page, text: string) {
  await typeAtEndOfParagraph(page, 0, text);
  await saved(page);
}

describe('versions made explicit', () => {
  it('approved, then changed by a colleague: the list and story say so, exports choose the version, a viewer reads the approved one', async ({ signIn, server }) => {
    const anaToken = await server.signIn('ana', E2E_PASSWORD);
    const edToken = await server.signIn('ed', E2E_PASSWORD);
    const id = await server.createArticle(anaToken, { headline: HEADLINE });

    const ana = await signIn('ana');
    await openArticle(ana);
    await typeAtEnd(ana, 'The first ferry now leaves at nine.');

    // Ana submits; the editor approves that revision (the review screen has its own tests).
    await ana.getByRole('button', { name: 'Submit for approval' }).click();
    await ana.getByRole('textbox', { name: 'Note to the editor' }).fill('Ready');
    await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await ana.getByRole('dialog').waitFor({ state: 'detached' });
    const approve = await server.api(`/api/articles/${id}/revisions/1/approve`, { method: 'POST', token: edToken, json: {} });
    expect(approve.status, await approve.text()).toBe(200);

    // Ben, a colleague, changes the draft after approval.
    const ben = await signIn('ben');
    await openArticle(ben);
    await typeAtEnd(ben, ' Late change by Ben.');

    // Ana's story and list: Approved · changed since, with the approved and the current word counts.
    const pill = ana.getByText('Approved · changed since', { exact: true });
    await pill.waitFor({ timeout: 20_000 });
    const notice = ana.getByRole('region', { name: 'Approved version' });
    await expect.poll(() => notice.textContent()).toMatch(/revision 1 is approved with 7 words;\s+the draft has changed since \(11 words now\)/);
    await screenshot(ana, 'versions-story-changed-since');
    // From the story, the approved version opens read-only.
    await notice.getByRole('button', { name: 'Read revision 1' }).click();
    const approvedReading = ana.getByRole('region', { name: 'Reading Approved version (revision 1)' });
    await expect.poll(() => approvedReading.textContent()).toContain('The first ferry now leaves at nine.');
    expect(await approvedReading.textContent()).not.toContain('Late change by Ben.');
    await approvedReading.getByRole('button', { name: '← Back to the draft' }).click();
    await approvedReading.waitFor({ state: 'detached' });
    await ana.getByRole('button', { name: '← All stories' }).click();
    const row = ana.getByRole('row').filter({ hasText: HEADLINE });
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toMatch(/Approved · changed since\s*7 words approved · 11 now/);
    expect(await row.getByText('Approved · changed since').getAttribute('title')).toBe('Revision 1 is approved (7 words); the draft has changed since (11 words now).');
    await screenshot(ana, 'versions-list-changed-since');

    // Export… offers every version, the approved one first and chosen; the approved file lacks Ben's edit.
    await openArticle(ana);
    await ana.getByRole('button', { name: 'Export…' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Export story' });
    const versions = dialog.getByRole('group', { name: 'Version' });
    expect(await versions.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value))).toEqual(['approved', 'revision', 'live']);
    expect(await dialog.getByRole('radio', { name: 'Approved' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Revision' }).isEnabled()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Live draft' }).isChecked()).toBe(false);
    expect(await dialog.getByText(/Revision 1, approved by Ed Marsh · 7 words/).isVisible()).toBe(true);
    await screenshot(ana, 'versions-export-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    const approvedFile = await exportThroughDialog(ana, async () => undefined);
    expect(approvedFile).toContain('The first ferry now leaves at nine.');
    expect(approvedFile).not.toContain('Late change by Ben.');
    const liveFile = await exportThroughDialog(ana, () => ana.getByRole('radio', { name: 'Live draft' }).check());
    expect(liveFile).toContain('The first ferry now leaves at nine. Late change by Ben.');
    const revisionFile = await exportThroughDialog(ana, async () => {
      await ana.getByRole('radio', { name: 'Revision' }).check();
      await ana.getByRole('combobox', { name: 'Revision to export' }).selectOption('1');
    });
    expect(revisionFile).toBe(approvedFile);

    // History opens the approved revision read-only, with its decisions.
    await ana.getByRole('button', { name: 'History' }).click();
    const history = ana.getByRole('complementary', { name: 'History' });
    await history.getByRole('button', { name: 'Open revision 1' }).click();
    const reading = ana.getByRole('region', { name: 'Reading Revision 1' });
    await reading.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    expect(await reading.getByText('Approved by Ed Marsh', { exact: false }).isVisible()).toBe(true);
    expect(await reading.textContent()).not.toContain('Late change by Ben.');
    await screenshot(ana, 'versions-history-open-revision');
    await reading.getByRole('button', { name: '← Back to the draft' }).click();
    await reading.waitFor({ state: 'detached' });

    // A viewer reads the approved version by default, told it is view only, and can switch to the live draft.
    const vic = await signIn('vic');
    await vic.getByRole('link', { name: HEADLINE }).click();
    const approvedView = vic.getByRole('region', { name: 'Reading Approved version (revision 1)' });
    await approvedView.getByRole('heading', { level: 1, name: HEADLINE }).waitFor({ timeout: 15_000 });
    expect(await vic.getByRole('note').filter({ hasText: 'View only' }).isVisible()).toBe(true);
    expect(await approvedView.textContent()).toContain('The first ferry now leaves at nine.');
    expect(await approvedView.textContent()).not.toContain('Late change by Ben.');
    expect(await vic.getByRole('textbox', { name: 'Headline' }).count()).toBe(0);
    await screenshot(vic, 'versions-viewer-approved');
    await vic.getByRole('combobox', { name: 'Version' }).selectOption('live');
    const liveView = vic.getByRole('region', { name: 'Reading Live draft' });
    await expect.poll(() => liveView.textContent()).toContain('Late change by Ben.');
    expect(await liveView.textContent()).toContain('it differs from the approved version');
    await screenshot(vic, 'versions-viewer-live');

    // A story never approved: the viewer reads its live draft, view only.
    await vic.getByRole('button', { name: '← All stories' }).click();
    await vic.getByRole('link', { name: /Harbour bridge reopens/ }).click();
    const neverApproved = vic.getByRole('region', { name: 'Reading Live draft' });
    await expect.poll(() => neverApproved.textContent()).toContain('no version of it has been approved yet');
    await neverApproved.getByRole('heading', { level: 1, name: /Harbour bridge reopens/ }).waitFor();
    expect(await vic.getByRole('note').filter({ hasText: 'View only' }).isVisible()).toBe(true);
    expect(await vic.getByRole('combobox', { name: 'Version' }).locator('option').allTextContents()).toEqual(['Live draft']);
  });

  it('approved at once after the last saved keystroke: the story says unchanged since, as the list entry does', async ({ signIn, server }) => {
    const anaToken = await server.signIn('ana', E2E_PASSWORD);
    const id = await server.createArticle(anaToken, { headline: 'Tram fares frozen' });
    const entry = async () => (await (await server.api(`/api/articles/${id}`, { token: anaToken })).json()) as ArticleListItem;

    // A first change the list entry has followed...
    const ana = await signIn('ana');
    const ed = await signIn('ed');
    await openFromList(ana, 'Tram fares frozen');
    await typeAtEnd(ana, 'Fares stay at two euros.');
    await expect.poll(async () => (await entry()).wordCount, { timeout: 10_000 }).toBe(5);
    // ...then the headline's last keystrokes, saved, filed at once (nobody edits after this).
    await headline(ana).click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.type(' for a year');
    await saved(ana);
    await ana.getByRole('button', { name: 'Submit for approval' }).click();
    await ana.getByRole('textbox', { name: 'Note to the editor' }).fill('Ready');
    await ana.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await ana.getByRole('dialog').waitFor({ state: 'detached' });

    // The editor approves it as soon as it is filed.
    await openFromList(ed, /Tram fares frozen/);
    await ed.getByRole('heading', { name: 'Review revision 1' }).waitFor();
    await ed.getByRole('button', { name: 'Approve' }).click();
    // As the approval's own refresh shows it (read once: the page reads the entry again only every few seconds).
    const notice = ed.getByRole('region', { name: 'Approved version' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Revision 1 is approved; the draft has not changed since.');
    expect(await entry()).toMatchObject({ headline: 'Tram fares frozen for a year', status: 'approved', changedSinceApproval: false });
  });
});
