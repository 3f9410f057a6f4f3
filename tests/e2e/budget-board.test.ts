// The budget board in the browser (issue 17): Dana, on the News desk, builds tomorrow's budget
// with three stories, assigning Ana and Ben; Ana, signed in elsewhere, is told and opens her story
// from the notice. Two stories share a slug: the story warns and the board marks both. Dana's
// browser clock is moved on to tomorrow: the first story goes late and stands out. Ana's
// `My assignments` shows hers; a viewer reads a story's facts without changing them. Offline, the
// board is the list as last loaded, and marks the story this computer holds unsent work on.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { dayAfter, dayOf } from '../../renderer/src/lib/budget-board.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import { deadlineFromInput, deadlineInputValue } from '../../renderer/src/lib/time.ts';
import { screenshot } from '../support/e2e-app.ts';
import { revisionApi } from '../support/revision-api.ts';
import { badge, headline } from './article-page.ts';
import { DEMO_ARTICLE, it, saved } from './fixtures.ts';

const MINUTE = 60_000;
const CORRECTION = 'An earlier version gave the budget as £4.2m. It is £2.4m.';

/** A new story on the News desk, with its facts typed into its fields; back to the list after. */
async function budgetLine(page: Page, facts: { headline: string; slug: string; assignees: string; deadline: string; target: string }): Promise<void> {
  await page.getByRole('button', { name: 'New story' }).click();
  await headline(page).fill(facts.headline);
  await page.getByRole('combobox', { name: 'Desk' }).selectOption({ label: 'News' });
  await page.getByLabel('Slug').fill(facts.slug);
  await page.getByLabel('Assignees').fill(facts.assignees);
  await page.getByLabel('Assignees').press('Tab');
  await page.getByLabel('Deadline').fill(facts.deadline);
  await page.getByLabel('Target words').fill(facts.target);
  await page.getByLabel('Target words').press('Tab');
  await saved(page);
}

/** Text with its runs of white space as one space, trimmed. */
const squeeze = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const boardRow = (page: Page, story: string | RegExp) => page.getByRole('row').filter({ has: page.getByRole('link', { name: story }) });

describe('the budget board', () => {
  it('a desk builds tomorrow’s budget, the assigned are told, a shared slug is marked, a late story stands out', async ({ signIn }) => {
    // Dana's clock can be moved on later; it runs as usual until then.
    const dana = await signIn('dana', { watch: (page) => void page.clock.install() });
    const ana = await signIn('ana');
    const zone = await dana.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const tomorrow = dayAfter(dayOf(Date.now(), zone), 1);
    const at = (time: string) => `${tomorrow}T${time}`;

    await budgetLine(dana, { headline: 'Council passes the winter budget', slug: 'BUDGET', assignees: 'ana', deadline: at('10:00'), target: '600' });
    // Ana, on her list, is told, and the notice opens the story.
    const notice = ana.getByRole('list', { name: 'Notifications' }).getByRole('link', { name: /Council passes the winter budget/ });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/You were assigned a story.*Dana Kim assigned you to “Council passes the winter budget”/);
    await screenshot(ana, 'budget-assigned-notice');
    await notice.click();
    await saved(ana);
    expect(await headline(ana).inputValue()).toBe('Council passes the winter budget');
    expect(await ana.getByLabel('Slug').inputValue()).toBe('BUDGET');
    await ana.getByRole('button', { name: '← All stories' }).click();

    await dana.getByRole('button', { name: '← All stories' }).click();
    await budgetLine(dana, { headline: 'Tram drivers call off the strike', slug: 'TRAM', assignees: 'ben', deadline: at('14:00'), target: '400' });
    await dana.getByRole('button', { name: '← All stories' }).click();
    await budgetLine(dana, { headline: 'What the budget means for you', slug: 'BUDGET', assignees: 'ana ben', deadline: at('18:00'), target: '800' });
    // The slug is the first story's, on the same desk and day: the story says so (the list brings the first one's slug).
    await expect.poll(() => dana.getByText(/^Slug also used by/).textContent(), { timeout: 15_000 }).toBe('Slug also used by “Council passes the winter budget”');
    await screenshot(dana, 'budget-slug-shared');
    await dana.getByLabel('Slug').fill('BUDGET-EXPLAINER');
    await expect.poll(() => dana.getByText(/^Slug also used by/).count()).toBe(0);
    await dana.getByLabel('Slug').fill('BUDGET');
    await saved(dana);

    // The board: tomorrow's three stories, in deadline order, with what the desk needs to know.
    await dana.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Board' }).click();
    await dana.getByRole('heading', { name: 'Budget', level: 1 }).waitFor();
    await dana.getByRole('button', { name: 'Tomorrow' }).click();
    const day = dana.getByRole('table', { name: /^Tomorrow/ });
    await expect.poll(async () => (await day.getByRole('rowheader').allTextContents()).map(squeeze), { timeout: 15_000 }).toEqual(['BUDGET Slug shared', 'TRAM', 'BUDGET Slug shared']);
    const council = boardRow(dana, 'Council passes the winter budget');
    expect(await council.getByRole('cell').nth(1).textContent()).toBe('News');
    expect(await council.getByRole('cell').nth(2).textContent()).toBe('ana');
    expect(await council.getByRole('cell').nth(4).textContent()).toBe('0 / 600');
    expect(squeeze(await council.getByRole('cell').nth(5).textContent())).toMatch(/^10:00 in \d/);
    expect(await boardRow(dana, 'What the budget means for you').getByRole('cell').nth(2).textContent()).toBe('ana, ben');
    await screenshot(dana, 'budget-board-tomorrow');

    // Tomorrow, 10:12 and a half on Dana's clock: the council story is late, and stands out.
    const due = deadlineFromInput(at('10:00'), zone)!;
    await dana.clock.setSystemTime(due + 12 * MINUTE + 30_000);
    await dana.clock.fastForward(16_000);
    await expect.poll(async () => squeeze(await council.getByRole('cell').nth(5).textContent())).toBe('10:00 12 min late');
    expect(await council.evaluate((row) => row.classList.contains('late') && getComputedStyle(row).backgroundColor)).toBe('rgb(253, 236, 234)');
    expect(await boardRow(dana, 'Tram drivers call off the strike').evaluate((row) => row.classList.contains('late'))).toBe(false);
    await dana.getByRole('heading', { name: /^Today · .* 1 late$/ }).waitFor();
    await screenshot(dana, 'budget-board-late');

    // Ana's own assignments: hers, not Ben's.
    await ana.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Board' }).click();
    await ana.getByRole('button', { name: 'Tomorrow' }).click();
    await ana.getByRole('button', { name: 'My assignments' }).click();
    await expect
      .poll(() => ana.getByRole('table', { name: /^Tomorrow/ }).getByRole('link').allTextContents())
      .toEqual(['Council passes the winter budget', 'What the budget means for you']);
    await screenshot(ana, 'budget-board-my-assignments');
  });

  // On the budget the test above built.
  it('shows a viewer the desk’s facts of a story, read-only', async ({ signIn }) => {
    const vic = await signIn('vic');
    await vic.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Board' }).click();
    await vic.getByRole('heading', { name: 'Budget', level: 1 }).waitFor();
    await vic.getByRole('button', { name: 'Tomorrow' }).click();
    await vic.getByRole('link', { name: 'Council passes the winter budget' }).click();
    await vic.getByRole('heading', { name: 'Council passes the winter budget', level: 1 }).waitFor();
    await expect.poll(() => vic.getByLabel('Slug').inputValue()).toBe('BUDGET');
    expect(await vic.getByLabel('Assignees').inputValue()).toBe('ana');
    expect(await vic.getByLabel('Target words').inputValue()).toBe('600');
    for (const name of ['Slug', 'Assignees', 'Deadline', 'Target words', 'Planning note']) expect(await vic.getByLabel(name).getAttribute('readonly'), name).toBe('');
    expect(await vic.getByRole('combobox', { name: 'Priority' }).isDisabled()).toBe(true);
    await screenshot(vic, 'budget-viewer-facts');
  });

  it('offline, shows the last copy and the story this computer holds unsent changes to, until they are sent', async ({ signIn, network }) => {
    const ben = await signIn('ben', { url: network.url });
    await ben.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Board' }).click();
    await ben.getByRole('link', { name: DEMO_ARTICLE }).click();
    await saved(ben);

    // The network goes; Ben edits the story, then looks at the board.
    network.down();
    await ben.context().setOffline(true);
    await expect.poll(() => badge(ben).textContent()).toMatch(/^Offline/);
    await headline(ben).press('End');
    await headline(ben).pressSequentially(' (update)');
    await ben.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Board' }).click();
    await expect.poll(() => ben.getByRole('status').filter({ hasText: /^Offline — the board as it was/ }).textContent()).toMatch(/Others’ unsent offline work shows once they reconnect\.$/);
    const demo = boardRow(ben, DEMO_ARTICLE);
    await expect.poll(() => demo.getByText('Unsent here').count()).toBe(1);
    // The budget built above is there from the last copy.
    await ben.getByRole('button', { name: 'Tomorrow' }).click();
    await expect.poll(() => ben.getByRole('table', { name: /^Tomorrow/ }).getByRole('link').count()).toBe(3);
    await ben.getByRole('button', { name: 'Today' }).click();
    await screenshot(ben, 'budget-board-offline');

    // Back online: the change goes out, and the board says nothing is unsent.
    network.up();
    await ben.context().setOffline(false);
    await expect.poll(() => demo.getByText('Unsent here').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => ben.getByRole('status').filter({ hasText: /^Offline/ }).count(), { timeout: 30_000 }).toBe(0);
  });
  // On the budget the first test built: the release and the correction line of a desk's day.
  it('holds an embargoed story’s release export back until the server’s clock passes the embargo; an approved story is corrected with a note its exports carry', async ({ signIn, app, token }) => {
    const [anaToken, benToken, edToken] = await Promise.all([token('ana'), token('ben'), token('ed')]);
    const revisions = revisionApi(app.server);
    const listed = (await (await app.server.api('/api/articles?limit=500', { token: edToken })).json()) as ArticleListItem[];
    const idOf = (headline: string) => listed.find((entry) => entry.headline === headline)!.id;
    const tram = idOf('Tram drivers call off the strike');
    const council = idOf('Council passes the winter budget');
    // Both filed and approved by Ed (the review itself is the review tests' subject).
    for (const [author, id] of [
      [benToken, tram],
      [anaToken, council],
    ] as const) {
      const { number } = await revisions.snapshot(author, id);
      await revisions.step(author, id, number, 'submit');
      await revisions.step(edToken, id, number, 'approve');
    }

    // Dana embargoes the tram story until tomorrow 15:00 her time, in its Release region.
    const dana = await signIn('dana');
    const zone = await dana.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const embargo = deadlineFromInput(`${dayAfter(dayOf(Date.now(), zone), 1)}T15:00`, zone)!;
    await dana.getByRole('link', { name: 'Tram drivers call off the strike' }).click();
    const release = dana.getByRole('region', { name: 'Release' });
    await release.getByLabel(`Embargo until (${zone})`).fill(deadlineInputValue(embargo, zone));
    await release.getByRole('button', { name: 'Save release' }).click();
    await expect.poll(async () => squeeze(await release.getByTestId('release-state').textContent())).toMatch(new RegExp(`^Embargoed until .*15:00 \\(${zone}\\)`));

    // The release export is refused until the embargo; an embargoed copy says so.
    const releaseExport = () => app.server.api(`/api/articles/${tram}/export?format=text&rev=approved`, { token: edToken });
    const refused = await releaseExport();
    expect(refused.status).toBe(423);
    expect(((await refused.json()) as { error: string }).error).toMatch(/embargoed until/i);
    const copy = await app.server.api(`/api/articles/${tram}/export?format=ninjs&rev=approved&embargoed=1`, { token: edToken });
    expect(await copy.json()).toMatchObject({ pubstatus: 'withheld', embargoed: new Date(embargo).toISOString() });

    // Ed reopens the approved council story as a correction, with the note readers will see.
    const ed = await signIn('ed');
    await ed.getByRole('link', { name: 'Council passes the winter budget' }).click();
    await ed.getByRole('group', { name: 'After approval' }).getByRole('button', { name: 'Reopen as correction…' }).click();
    const dialog = ed.getByRole('dialog', { name: 'Reopen as a correction' });
    await dialog.getByRole('textbox', { name: 'Correction note' }).fill(CORRECTION);
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await dialog.waitFor({ state: 'detached' });
    const { number } = await revisions.snapshot(anaToken, council, 'Figures corrected');
    await revisions.step(anaToken, council, number, 'submit');
    await revisions.step(edToken, council, number, 'approve');
    expect((await revisions.exportText(edToken, council, 'text', 'approved')).trimEnd().split('\n').at(-1)).toBe(`Correction (1): ${CORRECTION}`);
    expect(await revisions.exportNinjs(edToken, council, 'approved')).toMatchObject({ version: '2', ednote: expect.stringContaining(`Correction (1): ${CORRECTION}`) });

    // The board: the embargo counts down on the tram story; the council story is approved.
    await dana.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Board' }).click();
    await dana.getByRole('button', { name: 'Tomorrow' }).click();
    await expect.poll(() => boardRow(dana, 'Tram drivers call off the strike').getByText(/^embargo lifts in /).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => boardRow(dana, 'Council passes the winter budget').getByText('Approved', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(dana, 'budget-board-embargo-and-correction');

    // The server's clock passes the embargo: the release export is served, unmarked.
    app.clock.advance(embargo - Date.now() + MINUTE);
    const served = await releaseExport();
    expect(served.status).toBe(200);
    const text = await served.text();
    expect(text.split('\n')[0]).toBe('Headline: Tram drivers call off the strike');
    expect(text).not.toMatch(/EMBARGOED/);
  });
});
