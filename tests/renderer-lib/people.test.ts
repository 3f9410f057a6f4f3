// The People view's state: changes show the server's answer at once, refusals read as sentences
// (the last active admin), and a setup link or temporary password is handed over once.
import { describe, expect, it, vi } from 'vitest';
import type { DeskInfo, PersonInfo } from '../../model/people-types.ts';
import { ApiError, type Api } from '../../renderer/src/lib/api.ts';
import { People } from '../../renderer/src/lib/people.svelte.ts';

const person = (username: string, role: PersonInfo['role'], extra: Partial<PersonInfo> = {}): PersonInfo => ({
  id: `u-${username}`,
  username,
  displayName: username.toUpperCase(),
  role,
  desks: [],
  disabled: false,
  lastSignInAt: null,
  createdAt: 1,
  ...extra,
});
const politics: DeskInfo = { id: 'd-pol', name: 'Politics', archived: false, createdAt: 1, limits: { headlineChars: null, bodyWords: null } };

function apiWith(overrides: Partial<Api>): Api {
  return { people: async () => [person('admin', 'admin'), person('ana', 'reporter')], desks: async () => [politics], ...overrides } as unknown as Api;
}

describe('People', () => {
  it('reads everyone and the desks, and shows a change as the server answered it', async () => {
    const changePerson = vi.fn(async (username: string) => person(username, 'desk', { desks: ['d-pol'] }));
    const people = new People(apiWith({ changePerson }));
    await people.load();
    expect(people.users.map((u) => u.username)).toEqual(['admin', 'ana']);
    expect(people.deskName('d-pol')).toBe('Politics');
    expect(await people.change(people.users[1], { role: 'desk', desks: ['d-pol'] }, 'make ana a desk')).toBe(true);
    expect(changePerson).toHaveBeenCalledWith('ana', { role: 'desk', desks: ['d-pol'] });
    expect(people.users[1]).toMatchObject({ username: 'ana', role: 'desk', desks: ['d-pol'] });
    expect(people.error).toBeNull();
  });

  it('says a refusal as a sentence and leaves the person as they were', async () => {
    const changePerson = async () => {
      throw new ApiError(409, 'admin is the last active admin: make someone else an admin first');
    };
    const people = new People(apiWith({ changePerson }));
    await people.load();
    expect(await people.change(people.users[0], { disabled: true }, 'disable admin')).toBe(false);
    expect(people.error).toBe('Could not disable admin: admin is the last active admin: make someone else an admin first.');
    expect(people.users[0].disabled).toBe(false);
  });

  it('hands over the setup link of a new person once, and a temporary password when asked for one', async () => {
    const addPerson = vi.fn(async (input: { username: string; temporaryPassword?: boolean }) =>
      input.temporaryPassword
        ? { user: person(input.username, 'reporter'), temporaryPassword: 'tmp-secret-123456' }
        : { user: person(input.username, 'reporter'), setupLink: 'http://x/#/setup/abc', setupExpiresAt: 99 },
    );
    const people = new People(apiWith({ addPerson }));
    await people.load();
    await people.add({ username: ' ben ', displayName: '', role: 'reporter', desks: ['d-pol'], access: 'link' });
    expect(addPerson).toHaveBeenLastCalledWith({ username: 'ben', displayName: undefined, role: 'reporter', desks: ['d-pol'] });
    expect(people.handOver).toEqual({ username: 'ben', kind: 'link', secret: 'http://x/#/setup/abc', expiresAt: 99 });
    expect(people.users.map((u) => u.username)).toEqual(['admin', 'ana', 'ben']);
    people.dismissHandOver();
    expect(people.handOver).toBeNull();

    await people.add({ username: 'cy', displayName: 'Cy', role: 'viewer', desks: [], access: 'password' });
    expect(addPerson).toHaveBeenLastCalledWith({ username: 'cy', displayName: 'Cy', role: 'viewer', desks: [], temporaryPassword: true });
    expect(people.handOver).toMatchObject({ username: 'cy', kind: 'password', secret: 'tmp-secret-123456' });
  });
});
