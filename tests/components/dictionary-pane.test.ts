// The newsroom dictionary's pane (Account; issue 18, requirement 1): everyone sees the words; who
// may change the dictionary adds a word (checked here first: one word of letters) and removes one;
// refusals are alerts, what was done a status, and the list is read again after each change.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { DictionaryEntry } from '../../model/dictionary.ts';
import DictionaryPane from '../../renderer/src/components/DictionaryPane.svelte';

const entry = (word: string, addedBy: string | null = 'Dora Desk'): DictionaryEntry => ({ word, addedBy, addedAt: Date.UTC(2026, 11, 7) });

function pane(canChange: boolean, start: string[] = ['Kraków', 'Zelenskyy']) {
  let words = start.map((word) => entry(word));
  const props = {
    load: vi.fn(async () => words),
    canChange,
    onadd: vi.fn(async (word: string) => void (words = [...words, entry(word)])),
    onremove: vi.fn(async (word: string) => void (words = words.filter((e) => e.word !== word))),
  };
  render(DictionaryPane, props);
  return props;
}

const listed = async () => within(await screen.findByRole('list', { name: 'Words in the newsroom dictionary' })).getAllByRole('listitem').map((li) => li.textContent?.replace('✕', '').trim());

describe('DictionaryPane', () => {
  it('lists the words, with who added them, and nothing to change for who may not', async () => {
    pane(false);
    expect(screen.getByRole('region', { name: 'Newsroom dictionary' })).toBeTruthy();
    expect(await listed()).toEqual(['Kraków', 'Zelenskyy']);
    expect(screen.getAllByRole('listitem')[0].getAttribute('title')).toMatch(/^Added by Dora Desk on /);
    expect(screen.queryByRole('textbox', { name: 'Word to add' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  it('adds a word, trimmed and composed, and reads the list again', async () => {
    const props = pane(true);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Word to add' }), { target: { value: '  Krako\u0301wiak ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add word' }));
    await waitFor(() => expect(props.onadd).toHaveBeenCalledWith('Krakówiak'));
    expect((await screen.findByRole('status')).textContent).toBe('“Krakówiak” is in the newsroom dictionary.');
    await waitFor(async () => expect(await listed()).toEqual(['Kraków', 'Zelenskyy', 'Krakówiak']));
  });

  it('refuses two words at once before asking the server, and shows the server’s refusal', async () => {
    const props = pane(true);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Word to add' }), { target: { value: 'New York' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add word' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not add “New York”: a dictionary word is letters only.*on its own\.$/);
    expect(props.onadd).not.toHaveBeenCalled();
    props.onadd.mockRejectedValueOnce(new Error('the newsroom dictionary is full (5000 words): remove words no longer needed first'));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Word to add' }), { target: { value: 'Odesa' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add word' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Could not add “Odesa”: the newsroom dictionary is full (5000 words): remove words no longer needed first.'));
  });

  it('removes a word', async () => {
    const props = pane(true);
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove Kraków' }));
    await waitFor(() => expect(props.onremove).toHaveBeenCalledWith('Kraków'));
    await waitFor(async () => expect(await listed()).toEqual(['Zelenskyy']));
    expect(screen.getByRole('status').textContent).toBe('“Kraków” was taken out of the newsroom dictionary.');
  });

  it('says when there are no words', async () => {
    pane(false, []);
    expect(await screen.findByText('No words yet.')).toBeTruthy();
  });
});
