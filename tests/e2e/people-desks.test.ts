// People, desks and restricted stories in the browser: an admin adds a reporter to a desk with a
// setup link and the reporter signs in with it; an admin disables an account that has a story
// open and its editor says it was signed out; a story's desk is chosen from the newsroom's desks
// and "My desks" keeps to them; one's own password and other sessions from Account; a restricted
// story is labelled in its desk's list and cannot be found by a colleague outside the desk.
import { describe, expect, onTestFinished } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DeskInfo } from '../../model/people-types.ts';
import { screenshot } from '../support/e2e-app.ts';
import type { TestServer } from '../support/test-server.ts';
import { it, openFromList, saved } from './fixtures.ts';

/** A new browser context on `url` (closed after the test), without signing in. */
async function freshPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await page.goto(url);
  return page;
}

/** Signs `username` in with `password` in a new context; the page shows the story list. */
async function signedIn(browser: Browser, server: TestServer, username: string, password: string): Promise<Page> {
  const page = await freshPage(browser, server.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stories' }).waitFor();
  return page;
}

/** Adds a desk as the admin (`token`); the desk. */
async function addDesk(server: TestServer, token: string, name: string): Promise<DeskInfo> {
  const response = await server.api('/api/desks', { method: 'POST', token, json: { name } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as DeskInfo;
}

/** Puts `username` on `desks` as the admin (`token`). */
async function putOnDesks(server: TestServer, token: string, username: string, desks: string[]): Promise<void> {
  const response = await server.api(`/api/users/${username}`, { method: 'PATCH', token, json: { desks } });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Opens the People view from the top bar. */
async function openPeople(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { name: 'People' }).waitFor();
}

describe('people and desks in the app', () => {
  // Needs the setup-link routes (POST /api/users without a password answering a setupLink, GET/POST /api/setup).
  it('lets an admin add a reporter to a desk with a setup link, with which the reporter sets a password and is signed in', async ({ signIn, browser, server }) => {
    const admin = await signIn('admin');
    await openPeople(admin);
    const desks = admin.getByRole('region', { name: 'Desks' });
    await desks.getByRole('textbox', { name: 'New desk' }).fill('Investigations');
    await desks.getByRole('button', { name: 'Add desk' }).click();
    await desks.getByRole('textbox', { name: 'Name of the Investigations desk' }).waitFor();

    const form = admin.getByRole('form', { name: 'Add person' });
    await form.getByLabel('Username').fill('rita');
    await form.getByLabel('Display name').fill('Rita Ruiz');
    await form.getByLabel('Role').selectOption('reporter');
    await form.getByRole('group', { name: 'Desks' }).getByRole('checkbox', { name: 'Investigations' }).check();
    expect(await form.getByRole('radio', { name: 'Setup link' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Add person' }).click();

    const handOver = admin.getByRole('region', { name: 'Setup link for rita' });
    const link = await handOver.getByRole('textbox', { name: 'Setup link' }).inputValue();
    expect(link).toMatch(/#\/setup\/[^/]+$/);
    expect(await handOver.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    const row = admin.getByRole('row').filter({ hasText: 'Rita Ruiz' });
    expect(await row.getByText('Investigations', { exact: true }).first().isVisible()).toBe(true);
    expect(await row.getByText('Never').isVisible()).toBe(true);
    await screenshot(admin, 'people-setup-link');

    // The reporter opens the link (on the server the page came from) before ever signing in.
    const rita = await freshPage(browser, `${server.url}/${link.slice(link.indexOf('#'))}`);
    await rita.getByRole('heading', { name: 'Set up your account' }).waitFor();
    // The heading comes first; whom the link is for comes once the server has answered for it.
    await expect.poll(() => rita.getByText('Rita Ruiz').isVisible()).toBe(true);
    await rita.getByLabel('New password', { exact: true }).fill('rita-first-password');
    await rita.getByLabel('Repeat new password').fill('rita-first-password');
    await rita.getByRole('button', { name: 'Set password and sign in' }).click();
    await rita.getByRole('heading', { name: 'Stories' }).waitFor();
    expect(await rita.getByText('Rita Ruiz').isVisible()).toBe(true);
    expect(new URL(rita.url()).hash).toBe('#/');
    // Rita is on the Investigations desk: her list offers "My desks".
    await rita.getByRole('button', { name: 'My desks' }).waitFor();

    // The link is spent.
    const again = await freshPage(browser, `${server.url}/${link.slice(link.indexOf('#'))}`);
    await again.getByText('This setup link does not work').waitFor();
    // And the password works for signing in.
    await signedIn(browser, server, 'rita', 'rita-first-password');
  });

  it('lets an admin disable an account while it has a story open, and its editor shows it was signed out', async ({ signIn, openArticle }) => {
    const ben = await openArticle('ben');
    const admin = await signIn('admin');
    await openPeople(admin);
    const row = admin.getByRole('row').filter({ hasText: 'Ben Okafor' });
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    await screenshot(admin, 'people-view');

    // The server closes Ben's socket within 5 s; his window then checks the session and signs out.
    const started = Date.now();
    await ben.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await ben.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }).isVisible()).toBe(true);
    await screenshot(ben, 'people-disabled-signed-out');
    await ben.getByLabel('Username').fill('ben');
    await ben.getByLabel('Password').fill('newsroom-e2e');
    await ben.getByRole('button', { name: 'Sign in' }).click();
    await ben.getByRole('alert').filter({ hasText: 'disabled' }).waitFor();

    // Enabled again, with a new temporary password shown once, he can sign in.
    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByText('Active').waitFor();
    await row.getByRole('button', { name: 'Reset password' }).click();
    const handOver = admin.getByRole('region', { name: 'Temporary password for ben' });
    const password = await handOver.getByRole('textbox', { name: 'Temporary password' }).inputValue();
    await screenshot(admin, 'people-hand-over');
    await ben.getByLabel('Password').fill(password);
    await ben.getByRole('button', { name: 'Sign in' }).click();
    // Back where he was: the story, saved.
    await saved(ben);
  });

  it('puts a story on one of the newsroom’s desks, keeps its name in the story, and "My desks" keeps to them', async ({ signIn, server, token }) => {
    const adminToken = await token('admin');
    const courts = await addDesk(server, adminToken, 'Courts');
    const closed = await addDesk(server, adminToken, 'Weekend');
    expect((await server.api(`/api/desks/${closed.id}`, { method: 'PATCH', token: adminToken, json: { archived: true } })).status).toBe(200);
    await putOnDesks(server, adminToken, 'ana', [courts.id]);
    const other = 'Budget hearing moved';
    await server.createArticle(await token('ed'), { headline: other });

    const ana = await signIn('ana');
    await openFromList(ana);
    const desk = ana.getByRole('combobox', { name: 'Desk' });
    // The open desks only: an archived desk takes no new stories.
    const offered = await desk.locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['No desk', 'Courts']));
    expect(offered).not.toContain('Weekend');
    await desk.selectOption({ label: 'Courts' });
    await expect.poll(() => desk.inputValue()).toBe(courts.id);
    // The desk's name written into the story reaches the server like any change.
    await saved(ana);
    await ana.getByRole('button', { name: '← All stories' }).click();

    // The list shows the desk's name (the story says it), and My desks keeps to Ana's desks.
    const row = ana.getByRole('row').filter({ hasText: 'Harbour bridge reopens' });
    await expect.poll(() => row.getByRole('cell').nth(2).textContent(), { timeout: 20_000 }).toBe('Courts');
    await ana.getByRole('button', { name: 'My desks' }).click();
    await ana.getByRole('row').filter({ hasText: other }).waitFor({ state: 'detached' });
    expect(await row.isVisible()).toBe(true);
    await screenshot(ana, 'my-desks');
  });

  it('changes one’s own password and signs out one’s other sessions from Account', async ({ browser, server }) => {
    const { token: elsewhere } = await server.user('paula', 'reporter');
    const paula = await signedIn(browser, server, 'paula', 'password1');
    await paula.getByRole('link', { name: 'Account' }).click();
    await paula.getByRole('heading', { name: 'Account' }).waitFor();
    await paula.getByRole('button', { name: 'Sign out other sessions' }).click();
    await paula.getByRole('status').filter({ hasText: '1 other session was signed out.' }).waitFor();
    expect((await server.api('/api/session', { token: elsewhere })).status).toBe(401);

    await paula.getByLabel('Current password').fill('password1');
    await paula.getByLabel('New password', { exact: true }).fill('paula-new-password');
    await paula.getByLabel('Repeat new password').fill('paula-new-password');
    await paula.getByRole('button', { name: 'Change password' }).click();
    await paula.getByRole('status').filter({ hasText: 'Your password was changed.' }).waitFor();
    await server.signIn('paula', 'paula-new-password');
  });

  // Needs restricted stories on the server (PATCH /api/articles/:id {restricted, people}, list entries with `restricted`, 404 outside).
  it('labels a restricted story in its desk’s list; a colleague outside the desk who had it open is shown it is gone, and cannot find it', async ({ browser, server, token, signIn }) => {
    const adminToken = await token('admin');
    const legal = await addDesk(server, adminToken, 'Legal');
    await server.user('rosa', 'reporter');
    await putOnDesks(server, adminToken, 'rosa', [legal.id]);
    const headline = 'Sealed court filing';
    const id = await server.createArticle(await server.signIn('rosa'), { headline });

    // Dana (desk, not on Legal) has it open while it is still for everyone.
    const dana = await signIn('dana');
    await openFromList(dana, headline);
    await saved(dana);

    const rosa = await signedIn(browser, server, 'rosa', 'password1');
    await openFromList(rosa, headline);
    await rosa.getByRole('combobox', { name: 'Desk' }).selectOption({ label: 'Legal' });
    const restricted = rosa.getByRole('checkbox', { name: 'Restricted' });
    await restricted.check();
    await expect.poll(() => restricted.isChecked()).toBe(true);
    await rosa.getByRole('region', { name: 'Who can see this story' }).getByText('Only the Legal desk').waitFor();
    await saved(rosa);
    await screenshot(rosa, 'restricted-story');
    await rosa.getByRole('button', { name: '← All stories' }).click();
    const row = rosa.getByRole('row').filter({ hasText: headline });
    await row.getByText('Restricted', { exact: true }).waitFor();
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('Legal');
    await screenshot(rosa, 'restricted-story-list');

    // Dana's open story closes (4404) and says why; back in her list it is not there, and the server answers as for no story.
    await dana.getByRole('heading', { name: 'This story is not available to you' }).waitFor();
    await dana.getByRole('button', { name: '← All stories' }).click();
    await dana.getByRole('row').filter({ hasText: 'Harbour bridge reopens' }).waitFor();
    expect(await dana.getByRole('row').filter({ hasText: headline }).count()).toBe(0);
    expect((await server.api(`/api/articles/${id}`, { token: await token('dana') })).status).toBe(404);
  });
});
