// The desk's facts in the browser: an editor assigns the story, gives it a deadline (typed in the
// browser's own zone), a target and a priority; a reporter in the story sees them at once, and a
// viewer's list shows words against the target and the story as late.
import { describe, expect } from 'vitest';
import { deadlineInputValue } from '../../renderer/src/lib/time.ts';
import { screenshot } from '../support/e2e-app.ts';
import { DEMO_ARTICLE, it } from './fixtures.ts';

describe('the desk’s facts', () => {
  it('set by an editor show live in the story and in everyone’s list, late standing out', async ({ openArticle, signIn }) => {
    const ed = await openArticle('ed');
    const ana = await openArticle('ana');
    const zone = await ed.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    // Due twelve minutes ago, typed as the editor's wall clock shows it.
    const deadline = deadlineInputValue(Date.now() - 12 * 60_000, zone);

    await ed.getByLabel('Assignees').fill('ana, ben');
    await ed.getByLabel('Assignees').press('Tab');
    await ed.getByLabel('Deadline').fill(deadline);
    await ed.getByLabel('Target words').fill('600');
    await ed.getByLabel('Target words').press('Tab');
    await ed.getByRole('combobox', { name: 'Priority' }).selectOption('2');
    await ed.getByLabel('Planning note').fill('Call the harbour master');

    // Ana, in the same story, sees them at once.
    await expect.poll(() => ana.getByLabel('Assignees').inputValue()).toBe('ana, ben');
    await expect.poll(() => ana.getByLabel('Deadline').inputValue()).toBe(deadline);
    await expect.poll(() => ana.getByLabel('Planning note').inputValue()).toBe('Call the harbour master');
    expect(await ana.getByRole('combobox', { name: 'Priority' }).inputValue()).toBe('2');
    await expect.poll(() => ana.getByTestId('deadline-left').textContent()).toMatch(/· 1[23] min late$/);
    await screenshot(ana, 'desk-facts-story');

    // The list: words against the target, and the story late.
    const vic = await signIn('vic');
    const row = vic.getByRole('row').filter({ has: vic.getByRole('link', { name: DEMO_ARTICLE }) });
    await expect.poll(() => row.getByRole('cell').nth(3).textContent(), { timeout: 15_000 }).toMatch(/ \/ 600$/);
    await expect.poll(() => row.getByRole('cell').nth(4).textContent()).toMatch(/1[23] min late/);
    expect(await row.getByRole('cell').nth(4).evaluate((cell) => cell.classList.contains('late'))).toBe(true);
    await screenshot(vic, 'desk-facts-list');
  });
});
