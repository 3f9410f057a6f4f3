// Embargo, legal hold and kill in the browser: the desk embargoes an approved story in its
// Release region (typed in the browser's zone, the zone named), everyone's list counts down to
// the embargo, the editor's export dialog explains it and offers the embargoed copy while the
// release export is refused; a hold marks the story HOLD; the editor kills it, and it is KILLED
// everywhere. (Moving the clock past the embargo is proven against the server with an injected
// clock: tests/integration/release.test.ts.)
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { deadlineInputValue } from '../../renderer/src/lib/time.ts';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { it, openFromList } from './fixtures.ts';

const HEADLINE = 'Court ruling on the harbour due';

const rowOf = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('link', { name: HEADLINE }) });

describe('release', () => {
  it('an embargo counts down in the list and holds the release export back; a hold and a kill are marked everywhere', async ({ signIn, server }) => {
    const anaToken = await server.signIn('ana', E2E_PASSWORD);
    const edToken = await server.signIn('ed', E2E_PASSWORD);
    const id = await server.createArticle(anaToken, { headline: HEADLINE });
    for (const [token, path] of [
      [anaToken, 'revisions'],
      [anaToken, 'revisions/1/submit'],
      [edToken, 'revisions/1/approve'],
    ]) {
      const answer = await server.api(`/api/articles/${id}/${path}`, { method: 'POST', token, json: {} });
      expect(answer.status, await answer.text()).toBeLessThan(300);
    }

    // Dana (desk) embargoes it for two hours from now, typed as her wall clock shows it.
    const dana = await signIn('dana');
    await openFromList(dana, HEADLINE);
    const zone = await dana.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const release = dana.getByRole('region', { name: 'Release' });
    await release.getByLabel(`Embargo until (${zone})`).fill(deadlineInputValue(Date.now() + 2 * 3600_000 + 60_000, zone));
    await release.getByRole('button', { name: 'Save release' }).click();
    await expect.poll(async () => (await release.getByTestId('release-state').textContent())?.replace(/\s+/g, ' ').trim()).toMatch(new RegExp(`^Embargoed until .*\\(${zone}\\) · embargo lifts in 2 h( 1 min)?$`));
    expect(await release.getByRole('button', { name: 'Kill story…' }).count()).toBe(0);
    await screenshot(dana, 'release-story-embargoed');

    // Vic's list counts down.
    const vic = await signIn('vic');
    await expect.poll(() => rowOf(vic).getByRole('cell').first().textContent(), { timeout: 15_000 }).toMatch(/embargo lifts in 2 h/);
    await screenshot(vic, 'release-list-embargoed');

    // Ed's export dialog explains the embargo and offers the embargoed copy; the server refuses the release copy.
    const ed = await signIn('ed');
    await openFromList(ed, HEADLINE);
    await ed.getByRole('button', { name: 'Export…' }).click();
    const dialog = ed.getByRole('dialog', { name: 'Export story' });
    await expect.poll(() => dialog.getByTestId('export-withheld').textContent()).toMatch(/embargoed until .* it is not released for publication before then/);
    expect(await dialog.getByRole('button', { name: 'Export' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Export an embargoed copy/).check();
    expect(await dialog.getByRole('button', { name: 'Export' }).isDisabled()).toBe(false);
    await screenshot(ed, 'release-export-embargoed');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await server.api(`/api/articles/${id}/export?format=text&rev=approved`, { token: edToken })).status).toBe(423);
    const copy = await server.api(`/api/articles/${id}/export?format=text&rev=approved&embargoed=1`, { token: edToken });
    expect((await copy.text()).split('\n')[0]).toMatch(/^EMBARGOED until .* UTC$/);

    // Dana puts it under a legal hold: the list marks it.
    await release.getByLabel('Legal hold').check();
    await release.getByLabel('Why it is held').fill('Injunction hearing at 10');
    await release.getByRole('button', { name: 'Save release' }).click();
    await expect.poll(() => release.getByTestId('release-state').textContent()).toContain('Legal hold: Injunction hearing at 10 — Dana Kim');
    await expect.poll(() => rowOf(vic).getByText('Hold', { exact: true }).count(), { timeout: 15_000 }).toBe(1);

    // Ed kills it, saying why and confirming: killed in the story and in everyone's list.
    const edRelease = ed.getByRole('region', { name: 'Release' });
    await edRelease.getByRole('button', { name: 'Kill story…' }).click();
    await edRelease.getByLabel('Why it is killed').fill('Ruling postponed; story withdrawn');
    await edRelease.getByRole('button', { name: 'Kill for good' }).click();
    await expect.poll(() => edRelease.getByTestId('release-state').textContent()).toContain('Killed: Ruling postponed; story withdrawn — Ed Marsh');
    expect(await edRelease.getByRole('button', { name: 'Save release' }).count()).toBe(0);
    await screenshot(ed, 'release-story-killed');
    await expect.poll(() => rowOf(vic).getByText('Killed', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(vic, 'release-list-killed');
  });
});
