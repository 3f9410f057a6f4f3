// People and desks: accounts changed all or nothing, the last active admin kept, a disabled
// account's sessions gone, last sign-in, desks unique regardless of case, and a story's desk;
// every change audited in its own transaction; a password replaced only if it is still the one expected.
import { expect, it } from 'vitest';
import { DuplicateError, type Store } from '../../../server/storage/store.ts';
import { setUp, type StoreHarness } from './fixtures.ts';

/** Changes made by the command line, as far as the audit entry goes. */
const BY = { userId: null, detail: { via: 'test' } };

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
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 }, BY);
    const sport = await s.addDesk({ name: 'Sport', createdAt: 6 }, BY);
    await s.changeAccount(ana.id, { desks: [sport.id, metro.id, metro.id] }, 7, BY);
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
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 }, BY);
    const result = await s.changeAccount(ana.id, { role: 'desk', displayName: 'Ana R.', desks: [metro.id] }, 9, BY);
    expect(result).toEqual({
      kind: 'changed',
      before: expect.objectContaining({ role: 'reporter', displayName: 'Ana Reporter', desks: [] }),
      after: expect.objectContaining({ role: 'desk', displayName: 'Ana R.', desks: [metro.id] }),
    });
    expect(await s.getUser(ana.id)).toMatchObject({ role: 'desk', displayName: 'Ana R.' });
    expect(await s.changeAccount('nobody', { role: 'viewer' }, 9, BY)).toEqual({ kind: 'missing' });
    // An unknown desk is an error, and nothing of the change is kept.
    await expect(s.changeAccount(ana.id, { role: 'viewer', desks: ['no-such-desk'] }, 10, BY)).rejects.toThrow();
    expect(await s.getPerson(ana.id)).toMatchObject({ role: 'desk', desks: [metro.id] });
  });

  it('disabling ends the sessions at once and keeps new ones from counting; enabling lets the person in again', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    await s.createSession(session(ana.id, 'h-1'));
    const disabled = await s.changeAccount(ana.id, { disabled: true }, 5000, BY);
    expect(disabled).toMatchObject({ kind: 'changed', after: { disabledAt: 5000 } });
    expect(await s.findSession('h-1')).toBeNull();
    // A sign-in that raced the disabling and stored its session after it: not a session.
    await s.createSession(session(ana.id, 'h-2'));
    expect(await s.findSession('h-2')).toBeNull();
    expect(await s.findUserByUsername('ana')).toMatchObject({ disabled: true });
    // Disabling again keeps the first time.
    expect(await s.changeAccount(ana.id, { disabled: true }, 6000, BY)).toMatchObject({ after: { disabledAt: 5000 } });
    expect(await s.changeAccount(ana.id, { disabled: false }, 7000, BY)).toMatchObject({ after: { disabledAt: null } });
    expect(await s.findUserByUsername('ana')).toMatchObject({ disabled: false });
    await s.createSession(session(ana.id, 'h-3'));
    expect(await s.findSession('h-3')).toMatchObject({ userId: ana.id });
  });

  it('never demotes or disables the last active admin', async () => {
    const s = await h.open();
    const { ada, bo } = await admins(s);
    expect(await s.changeAccount(bo.id, { disabled: true }, 1, BY)).toMatchObject({ kind: 'changed' });
    expect(await s.changeAccount(ada.id, { role: 'editor' }, 2, BY)).toEqual({ kind: 'last-admin' });
    expect(await s.changeAccount(ada.id, { disabled: true }, 2, BY)).toEqual({ kind: 'last-admin' });
    expect(await s.getPerson(ada.id)).toMatchObject({ role: 'admin', disabledAt: null });
    // Other changes to the last admin, and a disabled admin's demotion, go through.
    expect(await s.changeAccount(ada.id, { displayName: 'Ada L.', role: 'admin' }, 3, BY)).toMatchObject({ kind: 'changed' });
    expect(await s.changeAccount(bo.id, { role: 'viewer' }, 3, BY)).toMatchObject({ kind: 'changed' });
  });

  it('keeps one active admin when two are demoted at the same moment', async () => {
    const s = await h.open();
    const { ada, bo } = await admins(s);
    const results = await Promise.all([s.changeAccount(ada.id, { role: 'editor' }, 1, BY), s.changeAccount(bo.id, { disabled: true }, 1, BY)]);
    expect(results.map((r) => r.kind).sort()).toEqual(['changed', 'last-admin']);
    const active = (await s.listPeople()).filter((p) => p.role === 'admin' && p.disabledAt === null);
    expect(active).toHaveLength(1);
  });

  it('adds, renames, archives and restores desks, their names unique regardless of case', async () => {
    const s = await h.open();
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 }, BY);
    expect(metro).toEqual({ id: expect.any(String), name: 'Metro', createdAt: 5, archivedAt: null, limits: { headlineChars: null, bodyWords: null } });
    const business = await s.addDesk({ name: 'Business', createdAt: 6 }, BY);
    await expect(s.addDesk({ name: 'METRO', createdAt: 7 }, BY)).rejects.toBeInstanceOf(DuplicateError);
    expect((await s.listDesks()).map((d) => d.name)).toEqual(['Business', 'Metro']);
    expect(await s.changeDesk(metro.id, { name: 'City' }, 8, BY)).toEqual({ ...metro, name: 'City' });
    await expect(s.changeDesk(business.id, { name: 'city' }, 8, BY)).rejects.toBeInstanceOf(DuplicateError);
    expect(await s.changeDesk(metro.id, { archived: true }, 9, BY)).toMatchObject({ name: 'City', archivedAt: 9 });
    expect(await s.changeDesk(metro.id, { archived: true }, 10, BY)).toMatchObject({ archivedAt: 9 });
    expect(await s.changeDesk(metro.id, { archived: false }, 11, BY)).toMatchObject({ archivedAt: null });
    expect(await s.changeDesk('no-such-desk', { name: 'X' }, 12, BY)).toBeNull();
    expect(await s.listDesks()).toEqual([{ ...business, archivedAt: null }, { ...metro, name: 'City', archivedAt: null }]);
  });

  it('puts a story on a desk and takes it off', async () => {
    const s = await h.open();
    const { article } = await setUp(s);
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 }, BY);
    expect(await s.setArticleDesk(article, metro.id, 1, BY)).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ deskId: metro.id });
    expect((await s.listArticles())[0].deskId).toBe(metro.id);
    expect(await s.setArticleDesk('no-such-story', metro.id, 1, BY)).toBe(false);
    await expect(s.setArticleDesk(article, 'no-such-desk', 1, BY)).rejects.toThrow();
    expect(await s.setArticleDesk(article, null, 1, BY)).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ deskId: null });
  });

  it('audits each change in its own transaction: the entry names who and what, and a failing audit write keeps nothing of the change', async () => {
    const s = await h.open();
    const { ana, eve, article } = await setUp(s);
    const metro = await s.addDesk({ name: 'Metro', createdAt: 5 }, { userId: eve.id });
    await s.changeDesk(metro.id, { name: 'City' }, 6, { userId: eve.id });
    await s.changeAccount(ana.id, { role: 'desk', desks: [metro.id] }, 7, { userId: eve.id });
    await s.setArticleDesk(article, metro.id, 8, { userId: eve.id });
    const entries = (await s.listAudit({ limit: 10 })).reverse();
    expect(entries.map((e) => [e.at, e.userId, e.action, e.articleId])).toEqual([
      [5, eve.id, 'desk.add', null],
      [6, eve.id, 'desk.change', null],
      [7, eve.id, 'user.change', null],
      [8, eve.id, 'article.desk', article],
    ]);
    expect(entries.map((e) => e.detail)).toEqual([
      { desk: metro.id, name: 'Metro' },
      { desk: metro.id, name: 'City' },
      { username: 'ana', role: ['reporter', 'desk'], desks: [[], [metro.id]] },
      { from: null, to: metro.id },
    ]);

    // A detail JSON cannot hold makes the audit write fail after the change's own statements ran: none of them is kept.
    const unwritable = { userId: eve.id, detail: { big: 1n } };
    await expect(s.addDesk({ name: 'Sport', createdAt: 9 }, unwritable)).rejects.toThrow();
    await expect(s.changeDesk(metro.id, { name: 'Town', archived: true }, 9, unwritable)).rejects.toThrow();
    await expect(s.changeAccount(ana.id, { role: 'viewer', disabled: true, desks: [] }, 9, unwritable)).rejects.toThrow();
    await expect(s.setArticleDesk(article, null, 9, unwritable)).rejects.toThrow();
    expect(await s.listDesks()).toEqual([{ ...metro, name: 'City', archivedAt: null }]);
    expect(await s.getPerson(ana.id)).toMatchObject({ role: 'desk', disabledAt: null, desks: [metro.id] });
    expect(await s.getArticle(article)).toMatchObject({ deskId: metro.id });
    expect(await s.listAudit({ limit: 10 })).toHaveLength(4);
  });

  it('replaces a password hash only while it is the one expected', async () => {
    const s = await h.open();
    const { ana } = await setUp(s);
    expect(await s.setPasswordHash(ana.id, 'second', 'not the hash')).toBe(false);
    expect(await s.findUserByUsername('ana')).toMatchObject({ passwordHash: 'x' });
    expect(await s.setPasswordHash(ana.id, 'second', 'x')).toBe(true);
    // Of two replacements of the same hash, only the first is made.
    expect(await s.setPasswordHash(ana.id, 'third', 'x')).toBe(false);
    expect(await s.findUserByUsername('ana')).toMatchObject({ passwordHash: 'second' });
    expect(await s.setPasswordHash('nobody', 'y', 'x')).toBe(false);
  });
}
