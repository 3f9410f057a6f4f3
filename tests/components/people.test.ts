// The People view, the account page and the setup link's page, as an admin and a new reporter
// meet them: named controls, changes sent as made, refusals said as sentences, secrets shown once.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeskInfo, PersonChange, PersonInfo } from '../../model/people-types.ts';
import type { ApiUser } from '../../model/api-types.ts';
import AccountView from '../../renderer/src/components/AccountView.svelte';
import PeopleView from '../../renderer/src/components/PeopleView.svelte';
import SetupPage from '../../renderer/src/components/SetupPage.svelte';
import { ApiError, type Api } from '../../renderer/src/lib/api.ts';
import { People } from '../../renderer/src/lib/people.svelte.ts';
import { control, type Element } from './dom.ts';
import { NO_LIMITS } from '../../model/desk-limits.ts';

afterEach(cleanup);

const person = (username: string, role: PersonInfo['role'], extra: Partial<PersonInfo> = {}): PersonInfo => ({
  id: `u-${username}`,
  username,
  displayName: `${username[0].toUpperCase()}${username.slice(1)} Example`,
  role,
  desks: [],
  disabled: false,
  lastSignInAt: null,
  createdAt: 1,
  ...extra,
});
const politics: DeskInfo = { id: 'd-pol', name: 'Politics', archived: false, createdAt: 1, limits: NO_LIMITS };
const sport: DeskInfo = { id: 'd-sport', name: 'Sport', archived: true, createdAt: 1, limits: NO_LIMITS };
const type = (field: unknown, value: string) => fireEvent.input(field as Element, { target: { value } });

/** A People view over a fake server holding an admin and a reporter on Politics. */
async function showPeople(api: Partial<Api> = {}) {
  let users = [person('admin', 'admin', { lastSignInAt: Date.now() }), person('ana', 'reporter', { desks: ['d-pol'] })];
  const changePerson = vi.fn(async (username: string, change: PersonChange) => {
    const found = users.find((u) => u.username === username)!;
    const changed = { ...found, ...change };
    users = users.map((u) => (u === found ? changed : u));
    return changed;
  });
  const fake = { people: async () => users, desks: async () => [politics, sport], changePerson, ...api } as unknown as Api;
  render(PeopleView, { people: new People(fake), me: 'u-admin' });
  await screen.findByRole('row', { name: /ana/ });
  return { changePerson };
}

const rowOf = (username: string) => screen.getByRole('row', { name: new RegExp(username) });

describe('PeopleView', () => {
  it('lists everyone with name, username, role, desks, last sign-in and status', async () => {
    await showPeople();
    expect(screen.getByRole('heading', { level: 1, name: 'People' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent?.trim())).toEqual(['Name', 'Role', 'Desks', 'Last sign-in', 'Status', 'Actions']);
    const ana = within(rowOf('ana'));
    expect(ana.getByRole('rowheader').textContent).toBe('Ana Exampleana');
    expect(control(ana.getByRole('combobox', { name: 'Role' })).value).toBe('reporter');
    expect(ana.getByText('Politics', { selector: 'summary' })).toBeTruthy();
    expect(ana.getByText('Never')).toBeTruthy();
    expect(ana.getByText('Active')).toBeTruthy();
    expect(within(rowOf('admin')).getByText('just now')).toBeTruthy();
    // An admin's own account is run from Account: nothing here signs them out or disables them.
    expect(within(rowOf('admin')).queryAllByRole('button')).toEqual([]);
    expect(within(rowOf('admin')).getByRole('link', { name: 'Your account' }).getAttribute('href')).toBe('#/account');
  });

  it('changes a role, desks and status as chosen', async () => {
    const { changePerson } = await showPeople();
    const ana = within(rowOf('ana'));
    await fireEvent.change(ana.getByRole('combobox', { name: 'Role' }), { target: { value: 'desk' } });
    expect(changePerson).toHaveBeenLastCalledWith('ana', { role: 'desk' });
    // Archived desks are not offered to someone not on them.
    const desks = within(screen.getByRole('group', { name: 'Desks of ana' }));
    expect(desks.getAllByRole('checkbox').map((box) => box.parentElement?.textContent?.trim())).toEqual(['Politics']);
    await fireEvent.click(desks.getByRole('checkbox', { name: 'Politics' }));
    expect(changePerson).toHaveBeenLastCalledWith('ana', { desks: [] });
    await fireEvent.click(ana.getByRole('button', { name: 'Disable' }));
    expect(changePerson).toHaveBeenLastCalledWith('ana', { disabled: true });
    await waitFor(() => expect(within(rowOf('ana')).getByText('Disabled')).toBeTruthy());
    await fireEvent.click(within(rowOf('ana')).getByRole('button', { name: 'Enable' }));
    expect(changePerson).toHaveBeenLastCalledWith('ana', { disabled: false });
  });

  it('says the last-admin refusal as a sentence and shows the role as it is', async () => {
    await showPeople({
      changePerson: async () => {
        throw new ApiError(409, 'admin is the last active admin: make someone else an admin first');
      },
    });
    const role = within(rowOf('admin')).getByRole('combobox', { name: 'Role' });
    await fireEvent.change(role, { target: { value: 'editor' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not make admin an editor: admin is the last active admin: make someone else an admin first.');
    expect(control(role).value).toBe('admin');
  });

  it('adds a person with a setup link by default, shown once with Copy', async () => {
    const addPerson = vi.fn(async (input: { username: string }) => ({ user: person(input.username, 'reporter'), setupLink: 'http://newsroom.test/#/setup/tok-123', setupExpiresAt: Date.now() + 3600_000 }));
    await showPeople({ addPerson } as Partial<Api>);
    const form = within(screen.getByRole('form', { name: 'Add person' }));
    await type(form.getByLabelText('Username'), 'ben');
    await type(form.getByLabelText('Display name'), 'Ben Okafor');
    await fireEvent.change(form.getByLabelText('Role'), { target: { value: 'reporter' } });
    await fireEvent.click(within(form.getByRole('group', { name: 'Desks' })).getByRole('checkbox', { name: 'Politics' }));
    expect(control(form.getByRole('radio', { name: 'Setup link' })).value).toBe('link');
    expect((form.getByRole('radio', { name: 'Setup link' }) as unknown as { checked: boolean }).checked).toBe(true);
    await fireEvent.click(form.getByRole('button', { name: 'Add person' }));
    expect(addPerson).toHaveBeenCalledWith({ username: 'ben', displayName: 'Ben Okafor', role: 'reporter', desks: ['d-pol'] });
    const handOver = within(await screen.findByRole('region', { name: 'Setup link for ben' }));
    expect(control(handOver.getByRole('textbox', { name: 'Setup link' })).value).toBe('http://newsroom.test/#/setup/tok-123');
    expect(handOver.getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(screen.getByRole('row', { name: /ben/ })).toBeTruthy();
    await fireEvent.click(handOver.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'Setup link for ben' })).toBeNull();
  });

  it('resets a password showing the temporary one once, and signs a person out everywhere', async () => {
    const resetPassword = vi.fn(async () => 'temp-password-1234');
    const endSessions = vi.fn(async () => 2);
    await showPeople({ resetPassword, endSessions });
    await fireEvent.click(within(rowOf('ana')).getByRole('button', { name: 'Reset password' }));
    const handOver = within(await screen.findByRole('region', { name: 'Temporary password for ana' }));
    expect(control(handOver.getByRole('textbox', { name: 'Temporary password' })).value).toBe('temp-password-1234');
    await fireEvent.click(within(rowOf('ana')).getByRole('button', { name: 'Sign out everywhere' }));
    expect(endSessions).toHaveBeenCalledWith('ana');
    await waitFor(() => expect(screen.getByText('Ana Example was signed out everywhere (2 sessions ended).')).toBeTruthy());
  });

  it('adds, renames and archives desks', async () => {
    const addDesk = vi.fn(async (name: string) => ({ id: 'd-new', name, archived: false, createdAt: 2, limits: NO_LIMITS }));
    let held = politics;
    const changeDesk = vi.fn(async (_id: string, change: { name?: string; archived?: boolean }) => (held = { ...held, ...change }));
    await showPeople({ addDesk, changeDesk });
    const desks = within(screen.getByRole('region', { name: 'Desks' }));
    await type(desks.getByRole('textbox', { name: 'New desk' }), 'Business');
    await fireEvent.click(desks.getByRole('button', { name: 'Add desk' }));
    expect(addDesk).toHaveBeenCalledWith('Business');
    await waitFor(() => expect(desks.getByRole('textbox', { name: 'Name of the Business desk' })).toBeTruthy());
    const name = desks.getByRole('textbox', { name: 'Name of the Politics desk' });
    await fireEvent.change(name, { target: { value: 'Politics & Policy' } });
    expect(changeDesk).toHaveBeenLastCalledWith('d-pol', { name: 'Politics & Policy' });
    await fireEvent.click(desks.getByRole('button', { name: 'Archive the Politics & Policy desk' }));
    expect(changeDesk).toHaveBeenLastCalledWith('d-pol', { archived: true });
    expect(await desks.findByRole('button', { name: 'Reopen the Politics & Policy desk' })).toBeTruthy();
    expect(desks.getByRole('button', { name: 'Reopen the Sport desk' })).toBeTruthy();
  });

  it('sets a desk’s limits, empty for none', async () => {
    let held = politics;
    const changeDesk = vi.fn(async (_id: string, change: { limits?: DeskInfo['limits'] }) => (held = { ...held, ...change }));
    await showPeople({ changeDesk });
    const desks = within(screen.getByRole('region', { name: 'Desks' }));
    const headline = desks.getByRole('spinbutton', { name: 'Headline limit of the Politics desk, in characters' });
    await fireEvent.change(headline, { target: { value: '80' } });
    expect(changeDesk).toHaveBeenLastCalledWith('d-pol', { limits: { headlineChars: 80, bodyWords: null } });
    const words = desks.getByRole('spinbutton', { name: 'Word limit of the Politics desk' });
    await waitFor(() => expect(held.limits.headlineChars).toBe(80));
    await fireEvent.change(words, { target: { value: '600' } });
    expect(changeDesk).toHaveBeenLastCalledWith('d-pol', { limits: { headlineChars: 80, bodyWords: 600 } });
    await fireEvent.change(headline, { target: { value: '' } });
    expect(changeDesk).toHaveBeenLastCalledWith('d-pol', { limits: { headlineChars: null, bodyWords: 600 } });
  });
});

const ana: ApiUser = { id: 'u-ana', username: 'ana', displayName: 'Ana Reyes', role: 'reporter', createdAt: 0 };

describe('AccountView', () => {
  function setup(overrides: { onpassword?: () => Promise<void>; onsignoutothers?: () => Promise<number> } = {}) {
    const onpassword = vi.fn(overrides.onpassword ?? (async () => undefined));
    const onsignoutothers = vi.fn(overrides.onsignoutothers ?? (async () => 1));
    const onnotify = vi.fn();
    render(AccountView, { user: ana, myDesksOnly: false, onpassword, onsignoutothers, onnotify });
    return { onpassword, onsignoutothers, onnotify };
  }
  const fill = async (current: string, next: string, repeat: string) => {
    await type(screen.getByLabelText('Current password'), current);
    await type(screen.getByLabelText('New password'), next);
    await type(screen.getByLabelText('Repeat new password'), repeat);
    await fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
  };

  it('changes the password once the new one is typed the same twice', async () => {
    const { onpassword } = setup();
    await fill('old-password', 'new-password-1', 'new-password-2');
    expect(screen.getByRole('alert').textContent).toBe('The new password and its repetition differ: type the same password twice.');
    expect(onpassword).not.toHaveBeenCalled();
    await fill('old-password', 'new-password-1', 'new-password-1');
    expect(onpassword).toHaveBeenCalledWith('old-password', 'new-password-1');
    expect((await screen.findByRole('status')).textContent).toBe('Your password was changed. Your other sessions were signed out.');
  });

  it('says a wrong current password as a sentence', async () => {
    setup({
      onpassword: async () => {
        throw new ApiError(403, 'the current password is wrong');
      },
    });
    await fill('bad', 'new-password-1', 'new-password-1');
    expect((await screen.findByRole('alert')).textContent).toBe('Could not change your password: the current password is wrong.');
  });

  it('signs out the other sessions and says how many ended; chooses notifications for my desks only', async () => {
    const { onsignoutothers, onnotify } = setup({ onsignoutothers: async () => 2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out other sessions' }));
    expect(onsignoutothers).toHaveBeenCalled();
    expect((await screen.findByRole('status')).textContent).toBe('2 other sessions were signed out.');
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Only about stories on my desks' }));
    expect(onnotify).toHaveBeenCalledWith(true);
  });
});

describe('SetupPage', () => {
  it('names whose account it sets up, wants the password twice, then sets it', async () => {
    const onsetup = vi.fn(async () => undefined);
    render(SetupPage, { token: 'tok', load: async () => ({ username: 'ben', displayName: 'Ben Okafor', expiresAt: Date.now() + 60_000 }), onsetup });
    expect(await screen.findByText('Ben Okafor')).toBeTruthy();
    await type(screen.getByLabelText('New password'), 'a-good-password');
    await type(screen.getByLabelText('Repeat new password'), 'a-good-passwort');
    await fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('The two passwords differ: type the same password twice.');
    await type(screen.getByLabelText('Repeat new password'), 'a-good-password');
    await fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(onsetup).toHaveBeenCalledWith('a-good-password');
  });

  it('says a used or expired link does not work, and offers no password fields', async () => {
    render(SetupPage, {
      token: 'old',
      load: async () => {
        throw new ApiError(404, 'no such setup link');
      },
      onsetup: vi.fn(),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('This setup link does not work');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});
