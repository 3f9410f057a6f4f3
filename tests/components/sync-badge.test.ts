// The sync badge as a screen reader meets it: one status region whose words follow the facts.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SyncBadge from '../../renderer/src/components/SyncBadge.svelte';
import { syncBadge, type SyncFacts } from '../../renderer/src/lib/sync-badge.ts';

const saved: SyncFacts = { connection: 'connected', synced: true, unsaved: 0, readOnly: false };
const badgeFor = (facts: Partial<SyncFacts>) => ({ badge: syncBadge({ ...saved, ...facts }) });
const statusText = () => screen.getByRole('status').textContent?.trim();

describe('SyncBadge', () => {
  it.each([
    [{}, 'All changes saved', 'saved'],
    [{ unsaved: 1 }, '1 change not yet saved', 'pending'],
    [{ unsaved: 12 }, '12 changes not yet saved', 'pending'],
    [{ connection: 'disconnected' }, 'Offline', 'offline'],
    [{ connection: 'disconnected', unsaved: 1 }, 'Offline — 1 change not yet saved', 'offline'],
    [{ connection: 'disconnected', unsaved: 3 }, 'Offline — 3 changes not yet saved', 'offline'],
    [{ connection: 'disconnected', unsaved: 3, savedLocally: true }, 'Offline — saved on this computer (3 changes not yet on the server)', 'offline'],
    [{ connection: 'connecting', synced: false }, 'Connecting…', 'neutral'],
    [{ connection: 'connected', synced: false }, 'Connecting…', 'neutral'],
    [{ connection: 'connecting', synced: false, unsaved: 2 }, 'Connecting — 2 changes not yet saved', 'neutral'],
    [{ readOnly: true }, 'Read-only: your changes are not saved', 'neutral'],
    [{ readOnly: true, unsaved: 4, connection: 'disconnected' }, 'Read-only: your changes are not saved', 'neutral'],
  ] as [Partial<SyncFacts>, string, string][])('%o shows "%s"', (facts, text, tone) => {
    render(SyncBadge, badgeFor(facts));
    const status = screen.getByRole('status');
    expect(status.textContent?.trim()).toBe(text);
    expect(status.getAttribute('aria-live')).toBe('polite');
    // The colour follows the tone; the dot is decoration a screen reader skips.
    expect(status.classList.contains(tone)).toBe(true);
    expect(status.querySelector('.dot')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('is one status region, updated in place as the facts change', async () => {
    const { rerender } = render(SyncBadge, badgeFor({ connection: 'connecting', synced: false }));
    const region = screen.getByRole('status');
    expect(statusText()).toBe('Connecting…');

    await rerender(badgeFor({ unsaved: 2 }));
    expect(statusText()).toBe('2 changes not yet saved');
    await rerender(badgeFor({ connection: 'disconnected', unsaved: 2 }));
    expect(statusText()).toBe('Offline — 2 changes not yet saved');
    await rerender(badgeFor({ unsaved: 0 }));
    expect(statusText()).toBe('All changes saved');

    // The same element throughout, so a live region announces the change.
    expect(screen.getAllByRole('status')).toEqual([region]);
    expect(region.classList.contains('saved')).toBe(true);
    expect(region.classList.contains('offline')).toBe(false);
  });
});
