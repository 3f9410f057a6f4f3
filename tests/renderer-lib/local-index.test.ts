// What the device remembers per user: survives a "reload" (a new instance over the same
// storage), keeps users apart, counts the stories with unsent changes, and never calls a story with unsent work stale.
import { describe, expect, it } from 'vitest';
import { LocalIndex } from '../../renderer/src/lib/local-index.svelte.ts';

/** A Storage stand-in over a Map, shared by "reloads". */
function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
}

describe('LocalIndex', () => {
  it('keeps each story\'s facts across a reload, per user, with the number of stories holding unsent changes', () => {
    const storage = memoryStorage();
    const ana = new LocalIndex('ana', storage);
    ana.update('s1', { unsaved: 3, lastOpened: 10 });
    ana.update('s2', { unsaved: 4, createdOffline: true });
    ana.update('s3', { unsaved: 0, lastOpened: 20 });
    expect(ana.unsentArticles).toBe(2);

    const reloaded = new LocalIndex('ana', storage);
    expect(reloaded.article('s1')).toEqual({ lastOpened: 10, unsaved: 3, createdOffline: false });
    expect(reloaded.article('s2')).toMatchObject({ unsaved: 4, createdOffline: true });
    expect(reloaded.unsentArticles).toBe(2);
    expect(new LocalIndex('ben', storage).unsentArticles).toBe(0);
    reloaded.update('s1', { unsaved: 0 });
    expect(reloaded.unsentArticles).toBe(1);
    expect(new LocalIndex('ben', storage).article('s1')).toEqual({ lastOpened: 0, unsaved: 0, createdOffline: false });
  });

  it('calls stale only stories opened before the cut-off that hold nothing unsent', () => {
    const index = new LocalIndex('ana', memoryStorage());
    index.update('old-clean', { lastOpened: 1 });
    index.update('old-unsent', { lastOpened: 1, unsaved: 2 });
    index.update('old-created-here', { lastOpened: 1, createdOffline: true });
    index.update('recent', { lastOpened: 100 });
    expect(index.stale(50)).toEqual(['old-clean']);
    index.remove('old-clean');
    expect(index.stale(50)).toEqual([]);
  });

  it('keeps the last story list with the time it was loaded, and survives garbage in storage', () => {
    const storage = memoryStorage();
    const index = new LocalIndex('ana', storage);
    expect(index.cachedList()).toBeNull();
    index.cacheList([], 1234);
    expect(new LocalIndex('ana', storage).cachedList()).toEqual({ stories: [], at: 1234 });
    storage.setItem('newsroom:ana:stories', '{not json');
    expect(new LocalIndex('ana', storage).articles).toEqual({});
  });

  it('does not write when nothing changes (it is called on every keystroke)', () => {
    const storage = memoryStorage();
    let writes = 0;
    const counting = { ...storage, setItem: (k: string, v: string) => (writes++, storage.setItem(k, v)) };
    const index = new LocalIndex('ana', counting);
    index.update('s1', { unsaved: 1 });
    index.update('s1', { unsaved: 1 });
    index.update('s1', { unsaved: 1 });
    expect(writes).toBe(1);
  });
});
