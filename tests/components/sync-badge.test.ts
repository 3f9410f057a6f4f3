// The sync badge as a person and a screen reader meet it: one status region whose words follow
// the facts (whole in the document even where the bar shortens them on screen), a tooltip that
// explains them, and a "Retry now" button exactly while disconnected.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SyncBadge from '../../renderer/src/components/SyncBadge.svelte';
import { syncBadge, type SyncFacts } from '../../renderer/src/lib/sync-badge.ts';
import { control } from './dom.ts';

const saved: SyncFacts = { connection: 'connected', synced: true, unsaved: 0, readOnly: false, online: true };
const badgeFor = (facts: Partial<SyncFacts>) => syncBadge({ ...saved, ...facts });
const statusText = () => screen.getByRole('status').textContent?.trim();
const retryButton = () => screen.queryByRole('button', { name: /Retry now|Retrying…/ });

describe('SyncBadge', () => {
  it.each([
    [{}, 'All changes saved', 'saved'],
    [{ unsaved: 12 }, 'Changes not yet saved', 'pending'],
    [{ connection: 'disconnected', online: false }, 'Offline', 'offline'],
    [{ connection: 'disconnected' }, 'Server unreachable', 'offline'],
    [{ connection: 'disconnected', unsaved: 3, online: false }, 'Offline — changes not yet saved', 'offline'],
    [{ connection: 'disconnected', unsaved: 3, savedLocally: true, online: false }, 'Offline — saved on this computer', 'offline'],
    [{ connection: 'disconnected', unsaved: 3, savedLocally: true }, 'Server unreachable — saved on this computer', 'offline'],
    [{ connection: 'connecting', synced: false }, 'Connecting…', 'neutral'],
    [{ connection: 'connecting', synced: false, unsaved: 2 }, 'Connecting — changes not yet saved', 'neutral'],
    [{ readOnly: true }, 'View only', 'neutral'],
    [{ readOnly: true, unsaved: 4, connection: 'disconnected', online: false }, 'View only — Offline', 'neutral'],
  ] as [Partial<SyncFacts>, string, string][])('%o shows "%s"', (facts, text, tone) => {
    const badge = badgeFor(facts);
    render(SyncBadge, { badge, onretry: () => undefined });
    const status = screen.getByRole('status');
    expect(status.textContent?.trim()).toBe(text);
    expect(status.getAttribute('aria-live')).toBe('polite');
    // The explanation is the tooltip (and the region's description).
    expect(status.getAttribute('title')).toBe(badge.detail);
    // The state is the part a narrow bar keeps longest.
    expect(status.querySelector('.lead')?.textContent).toBe(badge.lead);
    // The colour follows the tone; the dot is decoration a screen reader skips.
    expect(status.classList.contains(tone)).toBe(true);
    expect(status.querySelector('.dot')?.getAttribute('aria-hidden')).toBe('true');
    // "Retry now" only while disconnected, and outside the live region.
    expect(retryButton() !== null).toBe(facts.connection === 'disconnected');
    expect(status.querySelector('button')).toBeNull();
  });

  it('"Retry now" asks to reconnect, and says "Retrying…" (disabled) while the attempt is under way', async () => {
    const onretry = vi.fn();
    const { rerender } = render(SyncBadge, { badge: badgeFor({ connection: 'disconnected' }), onretry });
    await fireEvent.click(retryButton()!);
    expect(onretry).toHaveBeenCalledTimes(1);

    await rerender({ badge: badgeFor({ connection: 'disconnected' }), onretry, retrying: true });
    expect(retryButton()?.textContent).toBe('Retrying…');
    expect(control(retryButton()).disabled).toBe(true);
    await rerender({ badge: badgeFor({}), onretry, retrying: false });
    expect(retryButton()).toBeNull();
  });

  it('offers no "Retry now" when nobody can retry (no callback)', () => {
    render(SyncBadge, { badge: badgeFor({ connection: 'disconnected' }) });
    expect(statusText()).toBe('Server unreachable');
    expect(retryButton()).toBeNull();
  });

  it('is one status region, updated in place as the facts change', async () => {
    const { rerender } = render(SyncBadge, { badge: badgeFor({ connection: 'connecting', synced: false }) });
    const region = screen.getByRole('status');
    expect(statusText()).toBe('Connecting…');

    await rerender({ badge: badgeFor({ unsaved: 2 }) });
    expect(statusText()).toBe('Changes not yet saved');
    await rerender({ badge: badgeFor({ connection: 'disconnected', unsaved: 2, online: false }) });
    expect(statusText()).toBe('Offline — changes not yet saved');
    await rerender({ badge: badgeFor({ unsaved: 0 }) });
    expect(statusText()).toBe('All changes saved');

    // The same element throughout, so a live region announces the change.
    expect(screen.getAllByRole('status')).toEqual([region]);
    expect(region.classList.contains('saved')).toBe(true);
    expect(region.classList.contains('offline')).toBe(false);
  });
});
