// Each desk's limits (issue 14, requirement 4) in the store: none on a new desk, set and cleared
// whole with the desk's other fields kept, read back by every listing, audited with the change.
import { expect, it } from 'vitest';
import type { Store } from '../../../server/storage/store.ts';
import type { StoreHarness } from './fixtures.ts';

const NONE = { headlineChars: null, bodyWords: null };

async function admin(s: Store) {
  return s.addUser({ username: 'ada', displayName: 'Ada Admin', role: 'admin', passwordHash: 'x' });
}

/** The desk limit cases. */
export function deskLimitsContract(h: StoreHarness): void {
  it('a new desk has no limits', async () => {
    const s = await h.open();
    const ada = await admin(s);
    const news = await s.addDesk({ name: 'News', createdAt: 5 }, { userId: ada.id });
    expect(news.limits).toEqual(NONE);
    expect((await s.listDesks())[0].limits).toEqual(NONE);
  });

  it('sets limits, keeps them through other changes, clears them, and audits each change', async () => {
    const s = await h.open();
    const ada = await admin(s);
    const news = await s.addDesk({ name: 'News', createdAt: 5 }, { userId: ada.id });
    const limits = { headlineChars: 80, bodyWords: 600 };
    expect(await s.changeDesk(news.id, { limits }, 6, { userId: ada.id })).toEqual({ ...news, limits });
    expect((await s.listDesks()).find((d) => d.id === news.id)?.limits).toEqual(limits);
    // A rename keeps them.
    expect(await s.changeDesk(news.id, { name: 'Newsdesk' }, 7, { userId: ada.id })).toMatchObject({ name: 'Newsdesk', limits });
    // One limit set, one cleared.
    const next = { headlineChars: null, bodyWords: 1_200 };
    await s.changeDesk(news.id, { limits: next }, 8, { userId: ada.id });
    expect((await s.listDesks())[0]).toMatchObject({ name: 'Newsdesk', archivedAt: null, limits: next });
    const audit = (await s.listAudit({})).filter((e) => e.action === 'desk.change');
    expect(audit.map((e) => e.detail)).toEqual(
      expect.arrayContaining([expect.objectContaining({ desk: news.id, limits }), expect.objectContaining({ desk: news.id, limits: next })]),
    );
  });
}
