// The sync badge's words come only from facts; "All changes saved" must never be claimed early.
import { describe, expect, it } from 'vitest';
import { syncBadge, type SyncFacts } from '../../renderer/src/lib/sync-badge.ts';

const connections: SyncFacts['connection'][] = ['connecting', 'connected', 'disconnected'];
const unsavedCounts = [0, 1, 2, 17];

/** Every combination of the facts the badge reads. */
const allFacts: SyncFacts[] = connections.flatMap((connection) =>
  [false, true].flatMap((synced) =>
    unsavedCounts.flatMap((unsaved) => [false, true].map((readOnly) => ({ connection, synced, unsaved, readOnly }))),
  ),
);

describe('syncBadge', () => {
  it('enumerates all 48 combinations (3 connections × synced × 4 unsaved counts × read-only)', () => {
    expect(allFacts).toHaveLength(3 * 2 * 4 * 2);
  });

  it.each(allFacts)('says "All changes saved" only when connected, synced, nothing unsaved and not read-only: %o', (facts) => {
    const view = syncBadge(facts);
    const shouldBeSaved = facts.connection === 'connected' && facts.synced && facts.unsaved === 0 && !facts.readOnly;
    expect(view.text === 'All changes saved').toBe(shouldBeSaved);
    expect(view.tone === 'saved').toBe(shouldBeSaved);
  });

  it.each(allFacts)('never says "saved" about unconfirmed changes: %o', (facts) => {
    const view = syncBadge(facts);
    if (facts.unsaved > 0 && !facts.readOnly) expect(view.text).toContain(`${facts.unsaved} ${facts.unsaved === 1 ? 'change' : 'changes'} not yet saved`);
    if (facts.readOnly) expect(view.text).not.toMatch(/All changes saved/);
  });

  it.each([
    [{ connection: 'connected', synced: true, unsaved: 0, readOnly: false }, 'saved', 'All changes saved'],
    [{ connection: 'connected', synced: true, unsaved: 1, readOnly: false }, 'pending', '1 change not yet saved'],
    [{ connection: 'connected', synced: true, unsaved: 3, readOnly: false }, 'pending', '3 changes not yet saved'],
    [{ connection: 'disconnected', synced: true, unsaved: 0, readOnly: false }, 'offline', 'Offline'],
    [{ connection: 'disconnected', synced: false, unsaved: 0, readOnly: false }, 'offline', 'Offline'],
    [{ connection: 'disconnected', synced: true, unsaved: 1, readOnly: false }, 'offline', 'Offline — 1 change not yet saved'],
    [{ connection: 'disconnected', synced: false, unsaved: 4, readOnly: false }, 'offline', 'Offline — 4 changes not yet saved'],
    [{ connection: 'connecting', synced: false, unsaved: 0, readOnly: false }, 'neutral', 'Connecting…'],
    [{ connection: 'connecting', synced: true, unsaved: 0, readOnly: false }, 'neutral', 'Connecting…'],
    [{ connection: 'connected', synced: false, unsaved: 0, readOnly: false }, 'neutral', 'Connecting…'],
    [{ connection: 'connecting', synced: false, unsaved: 2, readOnly: false }, 'neutral', 'Connecting — 2 changes not yet saved'],
    [{ connection: 'connected', synced: false, unsaved: 1, readOnly: false }, 'neutral', 'Connecting — 1 change not yet saved'],
    [{ connection: 'connected', synced: true, unsaved: 0, readOnly: true }, 'neutral', 'Read-only: your changes are not saved'],
    [{ connection: 'disconnected', synced: false, unsaved: 5, readOnly: true }, 'neutral', 'Read-only: your changes are not saved'],
    // Offline with the story kept on this device: the changes are safe here, not on the server yet.
    [{ connection: 'disconnected', synced: false, unsaved: 1, readOnly: false, savedLocally: true }, 'offline', 'Offline — saved on this computer (1 change not yet on the server)'],
    [{ connection: 'disconnected', synced: true, unsaved: 6, readOnly: false, savedLocally: true }, 'offline', 'Offline — saved on this computer (6 changes not yet on the server)'],
    [{ connection: 'disconnected', synced: false, unsaved: 0, readOnly: false, savedLocally: true }, 'offline', 'Offline'],
    [{ connection: 'connecting', synced: false, unsaved: 2, readOnly: false, savedLocally: true }, 'neutral', 'Connecting — 2 changes not yet saved'],
    [{ connection: 'connected', synced: true, unsaved: 0, readOnly: false, savedLocally: true }, 'saved', 'All changes saved'],
  ] as [SyncFacts, string, string][])('%o → %s "%s"', (facts, tone, text) => {
    expect(syncBadge(facts)).toEqual({ tone, text });
  });

  it('read-only wins over every other fact', () => {
    for (const facts of allFacts.filter((f) => f.readOnly)) expect(syncBadge(facts).text).toBe('Read-only: your changes are not saved');
  });

  it('is offline whenever the socket is disconnected (and not read-only)', () => {
    for (const facts of allFacts.filter((f) => f.connection === 'disconnected' && !f.readOnly)) expect(syncBadge(facts).tone).toBe('offline');
  });
});
