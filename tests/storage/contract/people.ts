// People and desks: accounts changed all or nothing, the last active admin kept, a disabled
// account's sessions gone, last sign-in, desks unique regardless of case, and a story's desk.
import { expect, it } from 'vitest';
import { DuplicateError, type Store } from '../../../server/storage/store.ts';
import { setUp, type StoreHarness } from './fixtures.ts';

const session = (userId: string, tokenHash: string, at = 1000) => ({ tokenHash, userId, createdAt: at, expiresAt: at + 3_600_000 });

async function admins(s: Store) {
  const ada = await s.addUser({ username: 'ada', displayName: 'Ada Admin', role: 'admin', passwordHash: 'x' });
  const bo = await s.addUser({ username: 'bo', displayName: 'Bo Admin', role: 'admin', passwordHash: 'x' });
  return { ada, bo };
}

/** The people and desk cases. */
export function peopleContract(h: StoreHarness): void {
  it('lists people by username with their desks, status and last sign-in', async () => {
    const s = await h.open();
    const { ana, eve } = await setUp(s);
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 });
    const sport = await s.addDesk({ name: 'Sport', createdAt: 6 });
    await s.changeAccount(ana.id, { desks: [sport.id, metro.id, metro.id] }, 7);
    await s.createSession(session(eve.id, 'h-eve', 4242));
    const people = await s.listPeople();
    expect(people.map((p) => p.username)).toEqual(['ana', 'eve']);
    expect(people[0]).toEqual({ ...ana, desks: [metro.id, sport.id].sort(), disabledAt: null, lastSignInAt: null });
    expect(people[1]).toEqual({ ...eve, desks: [], disabledAt: null, lastSignInAt: 4242 });
    expect(await s.getPerson(eve.id)).toEqual(people[1]);
    expect(await s.getPerson('nobody')).toBeNull();
  });

  it('changes role, display name and desks together, and says what was before', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 });
    const result = await s.changeAccount(ana.id, { role: 'desk', displayName: 'Ana R.', desks: [metro.id] }, 9);
    expect(result).toEqual({
      kind: 'changed',
      before: expect.objectContaining({ role: 'reporter', displayName: 'Ana Reporter', desks: [] }),
      after: expect.objectContaining({ role: 'desk', displayName: 'Ana R.', desks: [metro.id] }),
    });
    expect(await s.getUser(ana.id)).toMatchObject({ role: 'desk', displayName: 'Ana R.' });
    expect(await s.changeAccount('nobody', { role: 'viewer' }, 9)).toEqual({ kind: 'missing' });
    // An unknown desk is an error, and nothing of the change is kept.
    await expect(s.changeAccount(ana.id, { role: 'viewer', desks: ['no-such-desk'] }, 10)).rejects.toThrow();
    expect(await s.getPerson(ana.id)).toMatchObject({ role: 'desk', desks: [metro.id] });
  });

  it('disabling ends the sessions at once and keeps new ones from counting; enabling lets the person in again', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    await s.createSession(session(ana.id, 'h-1'));
    const disabled = await s.changeAccount(ana.id, { disabled: true }, 5000);
    expect(disabled).toMatchObject({ kind: 'changed', after: { disabledAt: 5000 } });
    expect(await s.findSession('h-1')).toBeNull();
    // A sign-in that raced the disabling and stored its session after it: not a session.
    await s.createSession(session(ana.id, 'h-2'));
    expect(await s.findSession('h-2')).toBeNull();
    expect(await s.findUserByUsername('ana')).toMatchObject({ disabled: true });
    // Disabling again keeps the first time.
    expect(await s.changeAccount(ana.id, { disabled: true }, 6000)).toMatchObject({ after: { disabledAt: 5000 } });
    expect(await s.changeAccount(ana.id, { disabled: false }, 7000)).toMatchObject({ after: { disabledAt: null } });
    expect(await s.findUserByUsername('ana')).toMatchObject({ disabled: false });
    await s.createSession(session(ana.id, 'h-3'));
    expect(await s.findSession('h-3')).toMatchObject({ userId: ana.id });
  });

  it('never demotes or disables the last active admin', async () => {
    const s = await h.open();
    const { ada, bo } = await admins(s);
    expect(await s.changeAccount(bo.id, { disabled: true }, 1)).toMatchObject({ kind: 'changed' });
    expect(await s.changeAccount(ada.id, { role: 'editor' }, 2)).toEqual({ kind: 'last-admin' });
    expect(await s.changeAccount(ada.id, { disabled: true }, 2)).toEqual({ kind: 'last-admin' });
    expect(await s.getPerson(ada.id)).toMatchObject({ role: 'admin', disabledAt: null });
    // Other changes to the last admin, and a disabled admin's demotion, go through.
    expect(await s.changeAccount(ada.id, { displayName: 'Ada L.', role: 'admin' }, 3)).toMatchObject({ kind: 'changed' });
    expect(await s.changeAccount(bo.id, { role: 'viewer' }, 3)).toMatchObject({ kind: 'changed' });
  });

  it('keeps one active admin when two are demoted at the same moment', async () => {
    const s = await h.open();
    const { ada, bo } = await admins(s);
    const results = await Promise.all([s.changeAccount(ada.id, { role: 'editor' }, 1), s.changeAccount(bo.id, { disabled: true }, 1)]);
    expect(results.map((r) => r.kind).sort()).toEqual(['changed', 'last-admin']);
    const active = (await s.listPeople()).filter((p) => p.role === 'admin' && p.disabledAt === null);
    expect(active).toHaveLength(1);
  });

  it('adds, renames, archives and restores desks, their names unique regardless of case', async () => {
    const s = await h.open();
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 });
    expect(metro).toEqual({ id: expect.any(String), name: 'Metro', createdAt: 5, archivedAt: null });
    const business = await s.addDesk({ name: 'Business', createdAt: 6 });
    await expect(s.addDesk({ name: 'METRO', createdAt: 7 })).rejects.toBeInstanceOf(DuplicateError);
    expect((await s.listDesks()).map((d) => d.name)).toEqual(['Business', 'Metro']);
    expect(await s.changeDesk(metro.id, { name: 'City' }, 8)).toEqual({ ...metro, name: 'City' });
    await expect(s.changeDesk(business.id, { name: 'city' }, 8)).rejects.toBeInstanceOf(DuplicateError);
    expect(await s.changeDesk(metro.id, { archived: true }, 9)).toMatchObject({ name: 'City', archivedAt: 9 });
    expect(await s.changeDesk(metro.id, { archived: true }, 10)).toMatchObject({ archivedAt: 9 });
    expect(await s.changeDesk(metro.id, { archived: false }, 11)).toMatchObject({ archivedAt: null });
    expect(await s.changeDesk('no-such-desk', { name: 'X' }, 12)).toBeNull();
    expect(await s.listDesks()).toEqual([{ ...business, archivedAt: null }, { ...metro, name: 'City', archivedAt: null }]);
  });

  it('puts a story on a desk and takes it off', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 });
    expect(await s.setArticleDesk(article, metro.id)).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ deskId: metro.id });
    expect((await s.listArticles())[0].deskId).toBe(metro.id);
    expect(await s.setArticleDesk('no-such-story', metro.id)).toBe(false);
    await expect(s.setArticleDesk(article, 'no-such-desk')).rejects.toThrow();
    expect(await s.setArticleDesk(article, null)).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ deskId: null });
  });
}
