// Spiking in the browser: an editor spikes a story waiting for review from the list; it leaves
// the list and the review queue (the empty queue says so), for colleagues too, shows under
// Status › Spiked, and Restore brings it back everywhere. And `Sent back` as a state: a story sent
// back shows so in the list (the editor's note on hover) and in its author's review queue.
import { describe, expect } from 'vitest';
import { screenshot } from '../support/e2e-app.ts';
import type { TestServer } from '../support/test-server.ts';
import { it } from './fixtures.ts';

/** A story by Ana (`ana`, her token) with its first revision filed for review; its id. */
async function submittedArticle(server: TestServer, ana: string, headline: string): Promise<string> {
  const id = await server.createArticle(ana, { headline });
  for (const [path, token] of [[`/api/articles/${id}/revisions`, ana], [`/api/articles/${id}/revisions/1/submit`, ana]] as const) {
    const response = await server.api(path, { method: 'POST', token, json: {} });
    expect(response.ok, await response.text()).toBe(true);
  }
  return id;
}

describe('spike and restore in the story list', () => {
  it('spikes a story out of the list and the queue, shows it under Spiked, and restores it', async ({ signIn, server, token }) => {
    const headline = 'Council meeting postponed';
    await submittedArticle(server, await token('ana'), headline);
    const editor = await signIn('ed');
    const reporter = await signIn('ana');
    const queue = editor.getByRole('button', { name: /Review queue/ });
    await expect.poll(() => queue.textContent()).toContain('1');
    await queue.click();
    const row = editor.getByRole('row').filter({ hasText: headline });
    await row.waitFor();
    await screenshot(editor, 'spike-queue-before');

    await editor.getByRole('button', { name: `Spike “${headline}”` }).click();
    await row.waitFor({ state: 'detached' });
    const notice = editor.getByRole('status').filter({ hasText: `Spiked “${headline}”` });
    await notice.waitFor();
    await expect.poll(() => queue.textContent()).toContain('0');
    expect(await editor.getByText('The review queue is empty: no story is waiting for approval.').isVisible()).toBe(true);
    await screenshot(editor, 'spike-queue-empty');
    // Gone from the colleague's list too, told by the event stream.
    await reporter.getByRole('row').filter({ hasText: headline }).waitFor({ state: 'detached', timeout: 15_000 });

    // Under Status › Spiked, with Restore.
    await queue.click();
    await editor.getByRole('combobox', { name: 'Status' }).selectOption('spiked');
    const spikedRow = editor.getByRole('row').filter({ hasText: headline });
    await spikedRow.waitFor({ timeout: 15_000 });
    expect(await spikedRow.getByText('Spiked', { exact: true }).isVisible()).toBe(true);
    await screenshot(editor, 'spike-spiked-filter');
    await editor.getByRole('button', { name: `Restore “${headline}”` }).click();
    await spikedRow.waitFor({ state: 'detached' });
    await editor.getByRole('combobox', { name: 'Status' }).selectOption('all');
    await editor.getByRole('row').filter({ hasText: headline }).waitFor();
    await expect.poll(() => queue.textContent()).toContain('1');
    await reporter.getByRole('row').filter({ hasText: headline }).waitFor({ timeout: 15_000 });
    await screenshot(editor, 'spike-restored');
  });

  it('lets a reporter spike a draft (with Undo) but not an approved story', async ({ signIn, server, token }) => {
    const draft = 'Draft to spike and undo';
    const approved = 'Approved, not for reporters to spike';
    await server.createArticle(await token('ana'), { headline: draft });
    const approvedId = await submittedArticle(server, await token('ana'), approved);
    expect((await server.api(`/api/articles/${approvedId}/revisions/1/approve`, { method: 'POST', token: await token('ed'), json: {} })).status).toBe(200);
    const reporter = await signIn('ana');
    await reporter.getByRole('row').filter({ hasText: approved }).waitFor();
    expect(await reporter.getByRole('button', { name: `Spike “${approved}”` }).count()).toBe(0);
    await reporter.getByRole('button', { name: `Spike “${draft}”` }).click();
    await reporter.getByRole('row').filter({ hasText: draft }).waitFor({ state: 'detached' });
    await reporter.getByRole('status').filter({ hasText: `Spiked “${draft}”` }).getByRole('button', { name: 'Undo' }).click();
    await reporter.getByRole('row').filter({ hasText: draft }).waitFor();
  });
});

describe('sent back as a state', () => {
  it('shows a sent-back story as Sent back, with the note on hover, in its author’s review queue', async ({ signIn, server, token }) => {
    const headline = 'Harbour fees rise again';
    const id = await submittedArticle(server, await token('ana'), headline);
    const rejected = await server.api(`/api/articles/${id}/revisions/1/reject`, { method: 'POST', token: await token('ed'), json: { note: 'Add the port authority’s answer.' } });
    expect(rejected.status).toBe(200);
    const reporter = await signIn('ana');
    const row = reporter.getByRole('row').filter({ hasText: headline });
    const pill = row.getByText('Sent back', { exact: true });
    await pill.waitFor();
    expect(await pill.getAttribute('title')).toBe('Sent back by Ed Marsh: “Add the port authority’s answer.”');
    await reporter.getByRole('combobox', { name: 'Status' }).selectOption('sent-back');
    await row.waitFor();
    await reporter.getByRole('combobox', { name: 'Status' }).selectOption('all');
    const queue = reporter.getByRole('button', { name: /Review queue/ });
    await queue.click();
    expect(await queue.getAttribute('aria-pressed')).toBe('true');
    await row.waitFor();
    expect(await reporter.getByRole('row').count()).toBe(2);
    await pill.hover();
    await screenshot(reporter, 'sent-back-in-queue');
    // Not in the editor's queue: it waits for the author now.
    const editor = await signIn('ed');
    await editor.getByRole('button', { name: /Review queue/ }).click();
    await editor.getByRole('row').filter({ hasText: headline }).waitFor({ state: 'detached' });
  });
});
