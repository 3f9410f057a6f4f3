// The newsroom dictionary in the store (issue 18, requirement 1): words kept once each, as typed,
// listed in code-point order with who added them, capped, removed, and every change audited in
// its own transaction; a word outlives its adder's account.
import { expect, it } from 'vitest';
import type { Store } from '../../../server/storage/store.ts';
import type { StoreHarness } from './fixtures.ts';

async function desk(s: Store) {
  return s.addUser({ username: 'dora', displayName: 'Dora Desk', role: 'desk', passwordHash: 'x' });
}

/** The dictionary cases. */
export function dictionaryContract(h: StoreHarness): void {
  it('is empty at first; keeps each word once, as typed, in code-point order, with who added it and when', async () => {
    const s = await h.open();
    expect(await s.listDictionary()).toEqual([]);
    const dora = await desk(s);
    expect(await s.addDictionaryWord('Kraków', 10, 5, { userId: dora.id })).toEqual({ kind: 'added', entry: { word: 'Kraków', addedBy: 'Dora Desk', addedAt: 5 } });
    await s.addDictionaryWord('Zelenskyy', 10, 6, { userId: dora.id });
    await s.addDictionaryWord('kraków', 10, 7, { userId: dora.id });
    // The same word again changes nothing and says so, with the entry as first stored.
    expect(await s.addDictionaryWord('Kraków', 10, 8, { userId: dora.id })).toEqual({ kind: 'exists', entry: { word: 'Kraków', addedBy: 'Dora Desk', addedAt: 5 } });
    expect((await s.listDictionary()).map((e) => e.word)).toEqual(['Kraków', 'Zelenskyy', 'kraków']);
  });

  it('refuses a word past the cap, but a word already there is still found', async () => {
    const s = await h.open();
    const dora = await desk(s);
    await s.addDictionaryWord('Alpha', 2, 1, { userId: dora.id });
    await s.addDictionaryWord('Beta', 2, 2, { userId: dora.id });
    expect(await s.addDictionaryWord('Gamma', 2, 3, { userId: dora.id })).toEqual({ kind: 'full' });
    expect((await s.addDictionaryWord('Beta', 2, 4, { userId: dora.id })).kind).toBe('exists');
    expect(await s.listDictionary()).toHaveLength(2);
  });

  it('removes a word, false when it is not there; audits each add and removal, not the no-ops', async () => {
    const s = await h.open();
    const dora = await desk(s);
    await s.addDictionaryWord('Kyiv', 10, 1, { userId: dora.id, detail: { via: 'test' } });
    await s.addDictionaryWord('Kyiv', 10, 2, { userId: dora.id });
    expect(await s.removeDictionaryWord('Kyiv', 3, { userId: dora.id })).toBe(true);
    expect(await s.removeDictionaryWord('Kyiv', 4, { userId: dora.id })).toBe(false);
    expect(await s.listDictionary()).toEqual([]);
    const audit = (await s.listAudit({})).filter((e) => e.action.startsWith('dictionary.'));
    expect(audit.map((e) => [e.action, e.at, e.userId, e.detail])).toEqual([
      ['dictionary.remove', 3, dora.id, { word: 'Kyiv' }],
      ['dictionary.add', 1, dora.id, { word: 'Kyiv', via: 'test' }],
    ]);
  });

  it('keeps the words of an account that is gone, without a name, and across close and open', async () => {
    const s = await h.open();
    await s.addDictionaryWord('Ōsaka', 10, 1, { userId: null });
    await s.close();
    const again = await h.open();
    expect(await again.listDictionary()).toEqual([{ word: 'Ōsaka', addedBy: null, addedAt: 1 }]);
  });
}
