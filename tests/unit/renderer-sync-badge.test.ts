// The sync badge's words come only from facts: "All changes saved" is never claimed early, no
// keystroke count is shown, a server that does not answer is told from a device without a
// network, viewers see "View only", and "Retry now" is offered exactly while disconnected.
import { beforeEach, describe, expect, it } from 'vitest';
import { syncBadge, type SyncFacts } from '../../renderer/src/lib/sync-badge.ts';

const connections: SyncFacts['connection'][] = ['connecting', 'connected', 'disconnected'];
const bools = [false, true];

/** Every combination of the facts the badge reads. */
const allFacts: SyncFacts[] = connections.flatMap((connection) =>
  bools.flatMap((synced) =>
    [0, 1, 17].flatMap((unsaved) =>
      bools.flatMap((readOnly) => bools.flatMap((savedLocally) => bools.map((online) => ({ connection, synced, unsaved, readOnly, savedLocally, online })))),
    ),
  ),
);

const writer = (facts: SyncFacts) => !facts.readOnly;

describe('syncBadge', () => {
  // Every case, table rows included, must check something: a row whose branch asserts nothing fails.
  beforeEach(() => {
    expect.hasAssertions();
  });

  it('reads every fact it is given, and no count: each fact changes the badge somewhere, 1 or 17 unsaved never does', () => {
    const same = (a: SyncFacts, b: SyncFacts) => JSON.stringify(syncBadge(a)) === JSON.stringify(syncBadge(b));
    const flipped = (facts: SyncFacts, key: keyof SyncFacts): SyncFacts[] => {
      if (key === 'connection') return connections.filter((c) => c !== facts.connection).map((connection) => ({ ...facts, connection }));
      if (key === 'unsaved') return [{ ...facts, unsaved: facts.unsaved === 0 ? 1 : 0 }];
      return [{ ...facts, [key]: !facts[key] }];
    };
    for (const key of ['connection', 'synced', 'unsaved', 'readOnly', 'savedLocally', 'online'] as const) {
      const matters = allFacts.some((facts) => flipped(facts, key).some((other) => !same(facts, other)));
      expect(matters, key).toBe(true);
    }
    for (const facts of allFacts.filter((f) => f.unsaved === 1)) expect(same(facts, { ...facts, unsaved: 17 }), JSON.stringify(facts)).toBe(true);
  });

  it.each(allFacts)('says "All changes saved" only when connected, synced, nothing unsaved and not read-only: %o', (facts) => {
    const view = syncBadge(facts);
    const shouldBeSaved = facts.connection === 'connected' && facts.synced && facts.unsaved === 0 && !facts.readOnly;
    expect(view.text.includes('All changes saved')).toBe(shouldBeSaved);
    expect(view.tone === 'saved').toBe(shouldBeSaved);
  });

  it.each(allFacts)('counts no keystrokes, keeps its lead first, explains itself, and offers "Retry now" exactly while disconnected: %o', (facts) => {
    const view = syncBadge(facts);
    expect(view.text).not.toMatch(/\d/);
    expect(view.lead.length).toBeGreaterThan(0);
    expect(view.text.startsWith(view.lead)).toBe(true);
    expect(view.detail).toMatch(/^[A-Z].*\.$/);
    expect(view.retry).toBe(facts.connection === 'disconnected');
  });

  it.each(allFacts.filter((f) => writer(f) && f.unsaved > 0))('says where unconfirmed changes are, never that they are saved on the server: %o', (facts) => {
    const view = syncBadge(facts);
    const connectedAndSynced = facts.connection === 'connected' && facts.synced;
    // Connected: on their way (a moment). Otherwise: on this computer when kept there, else not saved at all.
    const expected = connectedAndSynced ? 'Changes not yet saved' : facts.savedLocally ? 'saved on this computer' : 'changes not yet saved';
    expect(view.text).toContain(expected);
    expect(view.text).not.toContain('All changes saved');
    expect(view.tone).not.toBe('saved');
  });

  it.each(allFacts.filter((f) => f.connection === 'disconnected'))('tells a server that does not answer from a device without a network: %o', (facts) => {
    const view = syncBadge(facts);
    if (facts.online) {
      expect(view.text).toContain('Server unreachable');
      expect(view.text).not.toContain('Offline');
      expect(view.detail).toContain('the server does not answer');
    } else {
      expect(view.text).toContain('Offline');
      expect(view.text).not.toContain('Server unreachable');
      expect(view.detail).toContain('no network');
    }
  });

  it.each(allFacts.filter((f) => f.connection !== 'disconnected'))('says neither "Offline" nor "Server unreachable" while a connection is up or being made: %o', (facts) => {
    expect(syncBadge(facts).text).not.toMatch(/Offline|Server unreachable/);
  });

  it.each(allFacts.filter((f) => f.readOnly))('shows "View only" for a read-only connection, whatever else is true, and claims nothing saved: %o', (facts) => {
    const view = syncBadge(facts);
    expect(view.lead).toBe('View only');
    expect(view.tone).toBe('neutral');
    expect(view.text).not.toMatch(/saved/);
    expect(view.text).toBe(facts.connection === 'disconnected' ? `View only — ${facts.online ? 'Server unreachable' : 'Offline'}` : 'View only');
  });

  it.each([
    [{ connection: 'connected', synced: true, unsaved: 0 }, 'saved', 'All changes saved'],
    [{ connection: 'connected', synced: true, unsaved: 3 }, 'pending', 'Changes not yet saved'],
    [{ connection: 'disconnected', synced: true, unsaved: 0, online: false }, 'offline', 'Offline'],
    [{ connection: 'disconnected', synced: true, unsaved: 0, online: true }, 'offline', 'Server unreachable'],
    [{ connection: 'disconnected', synced: false, unsaved: 4, online: false }, 'offline', 'Offline — changes not yet saved'],
    [{ connection: 'disconnected', synced: false, unsaved: 4, online: true }, 'offline', 'Server unreachable — changes not yet saved'],
    [{ connection: 'disconnected', synced: false, unsaved: 1, online: false, savedLocally: true }, 'offline', 'Offline — saved on this computer'],
    [{ connection: 'disconnected', synced: true, unsaved: 6, online: true, savedLocally: true }, 'offline', 'Server unreachable — saved on this computer'],
    [{ connection: 'connecting', synced: false, unsaved: 0 }, 'neutral', 'Connecting…'],
    [{ connection: 'connected', synced: false, unsaved: 0 }, 'neutral', 'Connecting…'],
    [{ connection: 'connecting', synced: false, unsaved: 2 }, 'neutral', 'Connecting — changes not yet saved'],
    [{ connection: 'connecting', synced: false, unsaved: 2, savedLocally: true }, 'neutral', 'Connecting — saved on this computer'],
    [{ connection: 'connected', synced: true, unsaved: 0, readOnly: true }, 'neutral', 'View only'],
    [{ connection: 'disconnected', synced: false, unsaved: 5, readOnly: true, online: true }, 'neutral', 'View only — Server unreachable'],
  ] as [Partial<SyncFacts>, string, string][])('%o → %s "%s"', (partial, tone, text) => {
    const view = syncBadge({ readOnly: false, online: true, ...partial } as SyncFacts);
    expect(view.tone).toBe(tone);
    expect(view.text).toBe(text);
  });

  it('explains the unreachable server with the changes kept here in full (the tooltip and description)', () => {
    expect(syncBadge({ connection: 'disconnected', synced: true, unsaved: 2, readOnly: false, savedLocally: true, online: true })).toEqual({
      tone: 'offline',
      text: 'Server unreachable — saved on this computer',
      lead: 'Server unreachable',
      detail:
        'The network is up but the server does not answer; trying again. Your changes are saved on this computer, not yet on the server; they are sent when the connection returns.',
      retry: true,
    });
  });
});
