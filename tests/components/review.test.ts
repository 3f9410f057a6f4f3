// The comparison and the editor's review: marked words with their authors (underlined when
// inserted, struck when removed, a legend naming each author); the decision bar with the revision
// under review, Approve disabled with the reason while anything blocks it (and the explicit
// approval without missing images), a required note to send back, the server's refusal shown as
// it says it; the switch between the comparison with the revision sent back and with the approved
// one; and the warnings at submit.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleDiff, RevisionInfo } from '../../model/api-types.ts';
import { approvalBlockers, type ApprovalBlocker } from '../../model/approval-blockers.ts';
import type { Picture } from '../../model/article-schema.ts';
import { DIFF_TINTS, tint, USER_COLORS, userColor } from '../../model/user-colors.ts';
import DiffView from '../../renderer/src/components/DiffView.svelte';
import ReviewPanel from '../../renderer/src/components/ReviewPanel.svelte';
import SubmitDialog from '../../renderer/src/components/SubmitDialog.svelte';
import type { ReviewComparison } from '../../renderer/src/lib/review-comparisons.ts';
import { styleOf, type Control } from './dom.ts';

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

const revision: RevisionInfo = {
  number: 3,
  createdAt: Date.now() - 5 * 60_000,
  createdBy: 'u-ana',
  createdByName: 'Ana Reyes',
  note: 'Added the council',
  wordCount: 5,
  status: 'submitted',
  statusNote: '',
  decisions: [],
  supersededBy: null,
  approvedAs: [],
};

const picture = (fields: Partial<Picture> & { id: string }): Picture => ({ hash: 'e'.repeat(64), caption: '', credit: 'AP', copyright: '', alt: '', ...fields });
const uncredited = approvalBlockers({ pictures: [picture({ id: 'p1' }), picture({ id: 'p2', caption: 'Crowd at the rally', credit: '' })] });
const imageless = approvalBlockers({ pictures: [picture({ id: 'p1', caption: 'Putin in 2021', hash: '' })] });

const sentBack: ReviewComparison = { from: 2, kind: 'sent-back', label: 'Revision 2, sent back', summary: 'Changes since revision 2 was sent back with “Who said what?”.' };
const approved: ReviewComparison = { from: 1, kind: 'approved', label: 'Approved revision 1', summary: 'Changes since approved revision 1.' };


/** `#rrggbb` as the DOM reports an inline colour. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

// Two authors whose own palette colours are the same.
const ANA = 'u-ana';
const TWIN = Array.from({ length: 100 }, (_, i) => `u-${i}`).find((id) => userColor(id) === userColor(ANA))!;
const twoAuthors: ArticleDiff = {
  from: 1,
  to: 'live',
  wordsAdded: 2,
  wordsRemoved: 1,
  authors: [
    { id: ANA, name: 'Ana Reyes' },
    { id: TWIN, name: 'Ben Okafor' },
  ],
  fields: [
    {
      key: 'body:0',
      label: 'Paragraph 1',
      spans: [
        { kind: 'same', text: 'The bridge ', authorId: null },
        { kind: 'removed', text: 'closed', authorId: ANA },
        { kind: 'added', text: 'reopened', authorId: TWIN },
        { kind: 'same', text: ' on ', authorId: null },
        { kind: 'added', text: 'Monday', authorId: ANA },
      ],
    },
  ],
};

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

  it('has a legend naming each author with their colour, and the marks for inserted and removed words', () => {
    render(DiffView, { diff: twoAuthors });
    const legend = within(screen.getByRole('list', { name: 'Legend' }));
    const items = legend.getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.trim())).toEqual(['Ana Reyes', 'Ben Okafor', 'Inserted', 'Removed']);
    const swatches = items.slice(0, 2).map((item) => styleOf(item.querySelector('.swatch')).backgroundColor);
    // Ana keeps her own colour; Ben, whose own colour is Ana's, gets another one from the palette.
    expect(swatches[0]).toBe(rgb(userColor(ANA)));
    expect(swatches[1]).not.toBe(swatches[0]);
    expect(USER_COLORS.map(rgb)).toContain(swatches[1]);
    expect(items[2].querySelector('.inserted')).not.toBeNull();
    expect(items[3].querySelector('.removed')).not.toBeNull();
  });

  it('underlines insertions and strikes removals through (ins, del), tinted with their author’s colour from the legend', () => {
    const { container } = render(DiffView, { diff: twoAuthors });
    const swatchOf = (name: string) => styleOf(within(screen.getByRole('list', { name: 'Legend' })).getByText(name).querySelector('.swatch')).backgroundColor;
    const text = container.querySelector('.text')!;
    const [reopened, monday] = [...text.querySelectorAll('ins')];
    const closed = text.querySelector('del')!;
    expect([reopened.textContent, monday.textContent, closed.textContent]).toEqual(['reopened', 'Monday', 'closed']);
    const colorOf = (swatch: string) => `#${(swatch.match(/\d+/g) ?? []).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
    expect(styleOf(reopened).backgroundColor).toBe(rgb(tint(colorOf(swatchOf('Ben Okafor')), DIFF_TINTS.added)));
    expect(styleOf(monday).backgroundColor).toBe(rgb(tint(colorOf(swatchOf('Ana Reyes')), DIFF_TINTS.added)));
    expect(styleOf(closed).backgroundColor).toBe(rgb(tint(colorOf(swatchOf('Ana Reyes')), DIFF_TINTS.removed)));
    expect(reopened.getAttribute('title')).toBe('Added, written by Ben Okafor');
    expect(closed.getAttribute('title')).toBe('Removed, written by Ana Reyes');
  });

  it('tints text of an unknown author grey, never red or green, and says so in the legend', () => {
    const { container } = render(DiffView, { diff });
    expect(styleOf(container.querySelector('.text del')).backgroundColor).toBe(rgb(tint('#9e9e9e', DIFF_TINTS.removed)));
    expect(within(screen.getByRole('list', { name: 'Legend' })).getByText('Unknown author')).toBeTruthy();
  });

  it('says so when nothing changed', () => {
    render(DiffView, { diff: { ...diff, fields: [], wordsAdded: 0, wordsRemoved: 0, authors: [] } });
    expect(screen.getByText('No differences.')).toBeTruthy();
  });
});

describe('ReviewPanel', () => {
  type Props = {
    comparisons: ReviewComparison[];
    blockers: ApprovalBlocker[] | Promise<ApprovalBlocker[]>;
    showingDraft: boolean;
    onapprove: (allowMissingImages: boolean) => Promise<void>;
    onsendback: (note: string) => Promise<void>;
  };
  const setup = (overrides: Partial<Props> = {}) => {
    const { blockers = [], ...rest } = overrides;
    const props = {
      revision,
      comparisons: [approved],
      showingDraft: false,
      loadDiff: vi.fn(async (_from: number) => diff),
      loadBlockers: vi.fn(async () => blockers),
      ontoggledraft: vi.fn(),
      onapprove: vi.fn(async (_allow: boolean) => undefined),
      onsendback: vi.fn(async (_note: string) => undefined),
      ...rest,
    };
    render(ReviewPanel, props);
    return props;
  };
  const approveButton = () => screen.getByRole('button', { name: 'Approve' }) as unknown as Control;

  it('shows the decision bar: the revision, its author, when and their note, over the comparison', async () => {
    const props = setup();
    const region = screen.getByRole('region', { name: 'Review revision 3' });
    expect(screen.getByRole('heading', { name: 'Review revision 3' })).toBeTruthy();
    expect(region.textContent).toContain('By Ana Reyes, 5 min ago: “Added the council”');
    await waitFor(() => expect(screen.getByText('reopens today')).toBeTruthy());
    expect(screen.getByText('Changes since approved revision 1.')).toBeTruthy();
    expect(props.loadDiff.mock.calls).toEqual([[1]]);
    // One comparison: nothing to switch.
    expect(screen.queryByRole('group', { name: 'Compare with' })).toBeNull();
    await waitFor(() => expect(approveButton().disabled).toBe(false));
    await fireEvent.click(approveButton() as never);
    expect(props.onapprove).toHaveBeenCalledWith(false);
  });

  it('keeps Approve disabled while the revision is checked', async () => {
    setup({ blockers: new Promise<ApprovalBlocker[]>(() => undefined) });
    expect(approveButton().disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Approve', description: 'Checking the pictures of this revision…' })).toBeTruthy();
  });

  it('disables Approve before anyone clicks while a picture has no credit, and says why', async () => {
    setup({ blockers: uncredited });
    const reason = 'Picture 2 (“Crowd at the rally”) has no credit. Add one in Pictures and submit the story again, then approve.';
    await waitFor(() => expect(screen.getByText(reason)).toBeTruthy());
    expect(approveButton().disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Approve', description: `Cannot approve yet. ${reason}` })).toBeTruthy();
    // A missing credit cannot be set aside.
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('approves without a missing image only once the editor says so, and says it is doing so', async () => {
    const props = setup({ blockers: imageless });
    const waiver = (await screen.findByRole('checkbox', { name: 'Approve without the missing images' })) as unknown as Control & { checked: boolean };
    expect(approveButton().disabled).toBe(true);
    expect(screen.getByText(/Picture 1 \(“Putin in 2021”\) has no image: it was never attached\./)).toBeTruthy();
    await fireEvent.click(waiver as never);
    expect(waiver.checked).toBe(true);
    expect(approveButton().disabled).toBe(false);
    expect(screen.getByText('Approving without the missing images.')).toBeTruthy();
    await fireEvent.click(approveButton() as never);
    expect(props.onapprove).toHaveBeenCalledWith(true);
  });

  it('leaves Approve to the server when the check itself failed', async () => {
    setup({ blockers: Promise.reject(new Error('cannot reach the server')) });
    await waitFor(() => expect(approveButton().disabled).toBe(false));
    expect(screen.getByText(/Could not check this revision before approval \(cannot reach the server\)/)).toBeTruthy();
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

  it('shows the server’s refusal as the server says it', async () => {
    const refusal = 'Someone else moved this story along meanwhile. Reload it and try again.';
    setup({ onapprove: async () => Promise.reject(new Error(refusal)) });
    await waitFor(() => expect(approveButton().disabled).toBe(false));
    await fireEvent.click(approveButton() as never);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(refusal));
  });

  it('compares a resubmission with the revision sent back, and with the approved one a click away', async () => {
    const props = setup({ comparisons: [sentBack, approved] });
    await waitFor(() => expect(props.loadDiff).toHaveBeenCalledWith(2));
    expect(screen.getByText(sentBack.summary)).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Compare with' });
    const fromSentBack = screen.getByRole('radio', { name: 'Revision 2, sent back' }) as unknown as { checked: boolean };
    const fromApproved = screen.getByRole('radio', { name: 'Approved revision 1' }) as unknown as { checked: boolean };
    expect(group).toBeTruthy();
    expect(fromSentBack.checked).toBe(true);
    await fireEvent.click(fromApproved as never);
    expect(fromApproved.checked).toBe(true);
    await waitFor(() => expect(props.loadDiff).toHaveBeenLastCalledWith(1));
    expect(screen.getByText(approved.summary)).toBeTruthy();
    expect(screen.queryByText(sentBack.summary)).toBeNull();
  });

  it('swaps the comparison for the draft on request, keeping the decision bar', async () => {
    const props = setup({ comparisons: [sentBack, approved] });
    await fireEvent.click(screen.getByRole('button', { name: 'Edit the draft' }));
    expect(props.ontoggledraft).toHaveBeenCalledOnce();
  });

  it('shows only the decision bar while the draft is shown', async () => {
    setup({ comparisons: [sentBack, approved], showingDraft: true });
    expect(screen.getByRole('button', { name: 'Show the comparison' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit the draft' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(screen.queryByText(sentBack.summary)).toBeNull();
    expect(screen.queryByRole('group', { name: 'Compare with' })).toBeNull();
  });
});

describe('SubmitDialog', () => {
  // jsdom has no modal dialogs; opening one only has to show it.
  const dialogProto = (globalThis as unknown as { HTMLDialogElement: { prototype: { showModal?: () => void; close?: () => void; open: boolean } } }).HTMLDialogElement.prototype;
  dialogProto.showModal ??= function (this: { open: boolean }) {
    this.open = true;
  };

  it('warns about each picture without a credit or an image, in the reporter’s terms', () => {
    const blockers = approvalBlockers({ pictures: [picture({ id: 'p1', caption: 'Putin in 2021', hash: '' }), picture({ id: 'p2', caption: 'The Kremlin', credit: '' })] });
    render(SubmitDialog, { blockers, onsubmit: vi.fn(async () => undefined), onclose: vi.fn() });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Picture 1 (“Putin in 2021”) has no image: it was never attached. Attach it in Pictures, or an editor will have to approve the story without it.',
      'Picture 2 (“The Kremlin”) has no credit. An editor cannot approve the story until it has one.',
    ]);
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('warns about nothing when nothing would block approval', () => {
    render(SubmitDialog, { blockers: [], onsubmit: vi.fn(async () => undefined), onclose: vi.fn() });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
