// The comparison and the editor's review: marked words with their authors, Approve, a required
// note to send back, and the server's refusal (an uncredited picture) shown to the editor.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleDiff, RevisionInfo } from '../../model/api-types.ts';
import DiffView from '../../renderer/src/components/DiffView.svelte';
import ReviewPanel from '../../renderer/src/components/ReviewPanel.svelte';
import type { Control } from './dom.ts';

const diff: ArticleDiff = {
  from: 1,
  to: 2,
  wordsAdded: 2,
  wordsRemoved: 1,
  authors: [{ id: 'u-ana', name: 'Ana Reyes' }],
  fields: [
    {
      key: 'headline',
      label: 'Headline',
      spans: [
        { kind: 'same', text: 'Bridge ', authorId: null },
        { kind: 'removed', text: 'closes', authorId: null },
        { kind: 'added', text: 'reopens today', authorId: 'u-ana' },
      ],
    },
  ],
};

const revision: RevisionInfo = { number: 2, createdAt: 0, createdBy: 'u-ana', createdByName: 'Ana Reyes', note: 'Updated', wordCount: 5, status: 'submitted', statusNote: '', decisions: [], supersededBy: null };

describe('DiffView', () => {
  it('marks insertions and deletions, says who wrote them, and counts words', () => {
    const { container } = render(DiffView, { diff });
    expect(container.querySelector('ins')?.textContent).toBe('reopens today');
    expect(container.querySelector('ins')?.getAttribute('title')).toBe('Added, written by Ana Reyes');
    expect(container.querySelector('del')?.textContent).toBe('closes');
    expect(container.querySelector('del')?.getAttribute('title')).toBe('Removed');
    expect(screen.getByText('+2 words')).toBeTruthy();
    expect(screen.getByText('−1 word')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Headline' })).toBeTruthy();
  });

  it('labels a coarse comparison: a note with the reason, and each passage shown replaced whole', () => {
    const coarse: ArticleDiff = {
      ...diff,
      coarse: true,
      coarseReason: 'Some passages changed too much to compare word by word and are shown replaced whole.',
      fields: [
        ...diff.fields,
        {
          key: 'body:0',
          label: 'Paragraph 1',
          coarse: true,
          spans: [
            { kind: 'removed', text: 'An old paragraph.', authorId: null },
            { kind: 'added', text: 'A new one.', authorId: 'u-ana' },
          ],
        },
      ],
    };
    render(DiffView, { diff: coarse });
    expect(screen.getByRole('note').textContent).toContain('Approximate comparison.');
    expect(screen.getByRole('note').textContent).toContain(coarse.coarseReason);
    expect(screen.getByRole('heading', { name: 'Paragraph 1 (shown replaced whole)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Headline' })).toBeTruthy();
  });

  it('shows no such note for a word-by-word comparison', () => {
    render(DiffView, { diff: { ...diff, coarse: false } });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says so when nothing changed', () => {
    render(DiffView, { diff: { ...diff, fields: [], wordsAdded: 0, wordsRemoved: 0, authors: [] } });
    expect(screen.getByText('No differences.')).toBeTruthy();
  });
});

describe('ReviewPanel', () => {
  const setup = (overrides: Partial<{ onapprove: () => Promise<void>; onsendback: (note: string) => Promise<void> }> = {}) => {
    const props = {
      revision,
      sinceApproved: 1,
      loadDiff: vi.fn(async () => diff),
      onapprove: vi.fn(async () => undefined),
      onsendback: vi.fn(async (_note: string) => undefined),
      ...overrides,
    };
    render(ReviewPanel, props);
    return props;
  };

  it('shows the changes since the approved revision and approves', async () => {
    const props = setup();
    expect(screen.getByRole('heading', { name: 'Review revision 2' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('reopens today')).toBeTruthy());
    await fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(props.onapprove).toHaveBeenCalledOnce();
  });

  it('requires a note to send back, and passes it on', async () => {
    const props = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Send back' }));
    const submit = screen.getByRole('button', { name: 'Send back with note' }) as unknown as Control;
    expect(submit.disabled).toBe(true);
    const note = screen.getByRole('textbox', { name: /Note to the author/ }) as unknown as Control;
    note.value = 'Check the quote';
    await fireEvent.input(note as never);
    expect(submit.disabled).toBe(false);
    await fireEvent.click(submit as never);
    expect(props.onsendback).toHaveBeenCalledWith('Check the quote');
  });

  it('shows why the server refused to approve, naming the picture', async () => {
    setup({ onapprove: async () => Promise.reject(new Error('every picture needs a credit before approval; missing: Crowd at dawn')) });
    await fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Crowd at dawn'));
  });
});
