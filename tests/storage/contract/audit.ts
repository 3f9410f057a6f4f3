// The audit log: newest first, filtered by story, limited, details kept as given.
import { expect, it } from 'vitest';
import type { AuditEvent } from '../../../server/storage/store.ts';
import type { StoreHarness } from './fixtures.ts';

/** The audit-log cases. */
export function auditContract(h: StoreHarness): void {
  it('lists audit events newest first, by story when asked, at most `limit` (1000 by default)', async () => {
    const s = await h.open();
    const events: AuditEvent[] = [
      { at: 1, userId: 'u1', action: 'session.create', articleId: null, detail: {} },
      { at: 2, userId: 'u1', action: 'article.create', articleId: 'a', detail: { headline: 'Floods', tags: ['x', 'y'], nested: { n: 1.5, ok: true, none: null } } },
      { at: 3, userId: null, action: 'article.reindex', articleId: 'b', detail: { reason: 'start' } },
      { at: 1_900_000_000_000, userId: 'u2', action: 'article.update', articleId: 'a', detail: { text: 'ünïcödé "quoted" \\ back' } },
    ];
    for (const event of events) await s.audit(event);

    expect(await s.listAudit({})).toEqual([...events].reverse());
    expect(await s.listAudit({ articleId: 'a' })).toEqual([events[3], events[1]]);
    expect(await s.listAudit({ articleId: 'nothing' })).toEqual([]);
    expect(await s.listAudit({ limit: 2 })).toEqual([events[3], events[2]]);
    expect(await s.listAudit({ articleId: 'a', limit: 1 })).toEqual([events[3]]);

    await Promise.all(Array.from({ length: 1000 }, (_, i) => s.audit({ at: 10 + i, userId: null, action: 'bulk', articleId: null, detail: {} })));
    const all = await s.listAudit({});
    expect(all).toHaveLength(1000);
    expect(all.every((e) => e.action === 'bulk')).toBe(true);
  });
}
