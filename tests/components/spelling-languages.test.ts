// The desktop's Spelling pane (Account): the languages the spell checker has, ticking one keeps the choice through the bridge.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SpellingLanguages from '../../renderer/src/components/SpellingLanguages.svelte';

function bridge(available: string[], chosen: string[] = []) {
  return {
    spellingLanguages: vi.fn(async () => ({ available, chosen })),
    setSpellingLanguages: vi.fn(async (_languages: string[]) => undefined),
  };
}

describe('SpellingLanguages', () => {
  it('lists the available languages by name, ticks the chosen, and keeps a new choice', async () => {
    const fake = bridge(['en-GB', 'de', 'fr'], ['en-GB']);
    render(SpellingLanguages, { bridge: fake });
    expect(screen.getByRole('region', { name: 'Spelling' })).toBeTruthy();
    const german = await screen.findByRole('checkbox', { name: /German \(de\)/ });
    expect((screen.getByRole('checkbox', { name: /English.*\(en-GB\)/ }) as unknown as { checked: boolean }).checked).toBe(true);
    await fireEvent.click(german);
    await waitFor(() => expect(fake.setSpellingLanguages).toHaveBeenCalledWith(['en-GB', 'de']));
    await fireEvent.click(screen.getByRole('checkbox', { name: /English.*\(en-GB\)/ }));
    await waitFor(() => expect(fake.setSpellingLanguages).toHaveBeenLastCalledWith(['de']));
  });

  it('shows a refusal as an alert', async () => {
    const fake = bridge(['de']);
    fake.setSpellingLanguages.mockRejectedValueOnce(new Error('No spelling dictionary for de'));
    render(SpellingLanguages, { bridge: fake });
    await fireEvent.click(await screen.findByRole('checkbox', { name: /\(de\)/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/No spelling dictionary/);
  });

  it('on a system that checks spelling itself (macOS), says so instead of listing', async () => {
    render(SpellingLanguages, { bridge: bridge([]) });
    expect(await screen.findByText(/languages your system is set to/)).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
