// Users and sessions: ids, case-insensitive unique usernames, secrets kept out of User, expiry.
import { expect, it } from 'vitest';
import { DuplicateError } from '../../../server/storage/store.ts';
import type { StoreHarness } from './fixtures.ts';

/** The user and session cases. */
export function accountsContract(h: StoreHarness): void {
  it('adds users with a new id and the time, or the id given, and never hands out the hash but to sign-in', async () => {
    const s = await h.open();
    expect(await s.countUsers()).toBe(0);
    const before = Date.now();
    const ana = await s.addUser({ username: 'Ana', displayName: 'Ana Reporter', role: 'reporter', passwordHash: 'hash-a' });
    expect(ana).toEqual({ id: expect.any(String), username: 'Ana', displayName: 'Ana Reporter', role: 'reporter', createdAt: expect.any(Number) });
    expect(ana.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ana.createdAt).toBeGreaterThanOrEqual(before);
    expect(ana.createdAt).toBeLessThanOrEqual(Date.now());
    const eve = await s.addUser({ id: 'user-eve', username: 'eve', displayName: 'Eve Editor', role: 'editor', passwordHash: 'hash-e' });
    expect(eve.id).toBe('user-eve');

    expect(await s.getUser(ana.id)).toEqual(ana);
    expect(await s.getUser('user-eve')).toEqual(eve);
    expect(await s.getUser('nobody')).toBeNull();
    expect(await s.findUserByUsername('Ana')).toEqual({ ...ana, passwordHash: 'hash-a', disabled: false });
    expect(await s.countUsers()).toBe(2);
  });

  it('finds usernames and refuses duplicates regardless of case', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'Ana', displayName: 'Ana', role: 'reporter', passwordHash: 'x' });
    expect((await s.findUserByUsername('ana'))?.id).toBe(ana.id);
    expect((await s.findUserByUsername('ANA'))?.id).toBe(ana.id);
    expect(await s.findUserByUsername('anna')).toBeNull();
    const duplicate = s.addUser({ username: 'ANA', displayName: 'Another', role: 'desk', passwordHash: 'y' });
    await expect(duplicate).rejects.toBeInstanceOf(DuplicateError);
    await expect(duplicate).rejects.toThrow('the username ANA is taken');
    expect(await s.countUsers()).toBe(1);
  });

  it('folds the case of ASCII letters only, in finding and in refusing duplicates', async () => {
    const s = await h.open();
    const kate = await s.addUser({ username: 'kate', displayName: 'Kate', role: 'reporter', passwordHash: 'x' });
    const ana = await s.addUser({ username: 'ána', displayName: 'Ána', role: 'reporter', passwordHash: 'x' });
    expect((await s.findUserByUsername('KATE'))?.id).toBe(kate.id);
    expect((await s.findUserByUsername('áNA'))?.id).toBe(ana.id);
    // The Kelvin sign and 'Á' are not ASCII: no fold makes them 'k' and 'á'.
    expect(await s.findUserByUsername('\u212Aate')).toBeNull();
    expect(await s.findUserByUsername('ÁNA')).toBeNull();
    const other = await s.addUser({ username: 'ÁNA', displayName: 'Another', role: 'desk', passwordHash: 'x' });
    expect(other.id).not.toBe(ana.id);
    expect((await s.findUserByUsername('Ána'))?.id).toBe(other.id);
    await expect(s.addUser({ username: 'Ána', displayName: 'Third', role: 'desk', passwordHash: 'x' })).rejects.toBeInstanceOf(DuplicateError);
    expect(await s.countUsers()).toBe(3);
  });

  it('refuses a second user with the same id, but not as a duplicate username', async () => {
    const s = await h.open();
    await s.addUser({ id: 'u1', username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'x' });
    const again = s.addUser({ id: 'u1', username: 'ben', displayName: 'Ben', role: 'desk', passwordHash: 'x' });
    await expect(again).rejects.toThrow();
    await expect(again).rejects.not.toBeInstanceOf(DuplicateError);
  });

  it('creates, finds and deletes sessions, and sweeps the expired ones (expiry time included)', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'x' });
    const session = (tokenHash: string, expiresAt: number) => ({ tokenHash, userId: ana.id, createdAt: 100, expiresAt });
    await s.createSession(session('old', 1000));
    await s.createSession(session('edge', 2000));
    await s.createSession(session('fresh', 1_900_000_000_000));
    expect(await s.findSession('fresh')).toEqual(session('fresh', 1_900_000_000_000));
    expect(await s.findSession('missing')).toBeNull();

    expect(await s.deleteExpiredSessions(2000)).toBe(2);
    expect(await s.findSession('old')).toBeNull();
    expect(await s.findSession('edge')).toBeNull();
    expect(await s.findSession('fresh')).not.toBeNull();
    expect(await s.deleteExpiredSessions(2000)).toBe(0);

    await s.deleteSession('fresh');
    expect(await s.findSession('fresh')).toBeNull();
    await s.deleteSession('fresh'); // deleting twice is no error
  });

  it('refuses a session of an unknown user', async () => {
    const s = await h.open();
    await expect(s.createSession({ tokenHash: 't', userId: 'ghost', createdAt: 1, expiresAt: 2 })).rejects.toThrow(/foreign key/i);
  });

  it('ends every session of one user and no one else’s', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'x' });
    const ben = await s.addUser({ username: 'ben', displayName: 'Ben', role: 'reporter', passwordHash: 'x' });
    for (const [tokenHash, userId] of [['a1', ana.id], ['a2', ana.id], ['b1', ben.id]]) {
      await s.createSession({ tokenHash, userId, createdAt: 1, expiresAt: 1_900_000_000_000 });
    }
    expect(await s.deleteUserSessions(ana.id)).toBe(2);
    expect(await s.findSession('a1')).toBeNull();
    expect(await s.findSession('a2')).toBeNull();
    expect(await s.findSession('b1')).not.toBeNull();
    expect(await s.deleteUserSessions(ana.id)).toBe(0);
  });

  it('replaces a password hash, and says when there is no such user', async () => {
    const s = await h.open();
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'old' });
    expect(await s.setPasswordHash(ana.id, 'new')).toBe(true);
    expect((await s.findUserByUsername('ana'))?.passwordHash).toBe('new');
    expect(await s.setPasswordHash('ghost', 'new')).toBe(false);
  });

  it('keeps the first server secret stored under a name, even when asked for it at once with different candidates', async () => {
    const s = await h.open();
    const answers = await Promise.all(['first', 'second', 'third'].map((candidate) => s.serverSecret('signing-key', candidate)));
    expect(new Set(answers).size).toBe(1);
    expect(['first', 'second', 'third']).toContain(answers[0]);
    expect(await s.serverSecret('signing-key', 'later')).toBe(answers[0]);
    expect(await s.serverSecret('another', 'other')).toBe('other');
  });
}
