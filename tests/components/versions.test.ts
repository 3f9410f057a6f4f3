// Versions in the UI: the Export dialog's choice of version (approved by default, a revision, the
// live draft, each named), History's decisions on each revision, and the read-only view of a
// version (which version, its status, its content with pictures' credits, `View only`, switching).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { RevisionInfo, ArticleVersion, VersionRef } from '../../model/api-types.ts';
import { headlineText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import ExportDialog from '../../renderer/src/components/ExportDialog.svelte';
import HistoryPanel from '../../renderer/src/components/HistoryPanel.svelte';
import VersionView from '../../renderer/src/components/VersionView.svelte';
import type { Api } from '../../renderer/src/lib/api.ts';
import { VersionReader } from '../../renderer/src/lib/version-reader.svelte.ts';
import { control } from './dom.ts';

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  const proto = (globalThis as unknown as { HTMLDialogElement: { prototype: Record<string, unknown> } }).HTMLDialogElement.prototype;
  proto.showModal ??= function (this: { open: boolean }) {
    this.open = true;
  };
  proto.close ??= function (this: { open: boolean; dispatchEvent(e: unknown): void }) {
    this.open = false;
    this.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('close'));
  };
});

/** The fixtures' moment: the history's "1 min ago" and "just now" are read with the clock set back to it. */
const NOW = Date.now();
const revision = (number: number, fields: Partial<RevisionInfo> = {}): RevisionInfo => ({
  number,
  createdAt: NOW - 60_000,
  createdBy: 'u-ana',
  createdByName: 'Ana Reyes',
  note: '',
  wordCount: number * 100,
  status: 'saved',
  statusNote: '',
  decisions: [],
  supersededBy: null,
  approvedAs: [],
  ...fields,
});
const approve = { action: 'approve' as const, userId: 'u-ed', userName: 'Ed Marsh', note: '', at: NOW - 30_000 };
const revisions = [
  revision(1, {
    status: 'sent-back',
    statusNote: 'Check the figures',
    decisions: [
      { action: 'submit', userId: 'u-ana', userName: 'Ana Reyes', note: 'First go', at: NOW - 50_000 },
      { action: 'reject', userId: 'u-ed', userName: 'Ed Marsh', note: 'Check the figures', at: NOW - 40_000 },
    ],
  }),
  revision(2, { status: 'superseded', supersededBy: 3, decisions: [approve] }),
  revision(3, { status: 'approved', decisions: [approve] }),
  revision(4),
];

describe('ExportDialog', () => {
  const open = (props: Partial<{ approvedRevision: number | null; initial: VersionRef; changedSinceApproval: boolean; revisions: RevisionInfo[] }> = {}) => {
    const onexport = vi.fn(async (_format: string, _version: VersionRef) => undefined);
    render(ExportDialog, { approvedRevision: 3, revisions, liveWords: 455, onexport, onclose: vi.fn(), ...props });
    return { onexport };
  };
  const radio = (name: string) => control(screen.getByRole('radio', { name }));

  it('names each version it offers, starts on the approved one, and exports it', async () => {
    const { onexport } = open({ changedSinceApproval: true });
    const versions = screen.getByRole('group', { name: 'Version' });
    expect(within(versions).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['approved', 'revision', 'live']);
    expect(radio('Approved').disabled).toBe(false);
    expect(screen.getByRole('radio', { name: 'Approved' }).getAttribute('aria-describedby')).toBe('export-approved');
    expect(screen.getByText(/Revision 3, approved by Ed Marsh · 300 words/)).toBeTruthy();
    expect(screen.getByText(/including changes nobody has approved · 455 words\. It differs from the approved version\./)).toBeTruthy();
    expect((radio('Approved') as unknown as { checked: boolean }).checked).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenCalledWith('text', 'approved');
  });

  it('exports a chosen revision or the live draft', async () => {
    const { onexport } = open();
    const select = screen.getByRole('combobox', { name: 'Revision to export' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Revision 4 — Saved · 400 words',
      'Revision 3 — Approved · 300 words',
      'Revision 2 — Superseded by revision 3 · 200 words',
      'Revision 1 — Sent back · 100 words',
    ]);
    await fireEvent.change(select, { target: { value: '2' } });
    await fireEvent.click(screen.getByRole('radio', { name: 'HTML' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenLastCalledWith('html', 2);
    await fireEvent.click(screen.getByRole('radio', { name: 'Live draft' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenLastCalledWith('html', 'live');
  });

  it('without an approved revision: Approved is offered but disabled, and the live draft is the default', async () => {
    const { onexport } = open({ approvedRevision: null, revisions: [revision(1)] });
    expect(radio('Approved').disabled).toBe(true);
    expect(screen.getByText('No revision has been approved yet.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenCalledWith('text', 'live');
  });

  it('starts on the version the menu chose', async () => {
    const { onexport } = open({ initial: 4 });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenCalledWith('text', 4);
  });
});

describe('HistoryPanel', () => {
  // On a loaded machine seconds pass between loading the fixtures and rendering: the panel reads the clock as they were made.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('keeps every decision on every revision, who and when, the superseded one saying by which, and opens any revision', async () => {
    const onopen = vi.fn();
    render(HistoryPanel, { revisions, canRestore: false, loadDiff: vi.fn(), onrestore: vi.fn(), onopen, onclose: vi.fn() });
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(4);
    const [four, three, two] = items;
    expect(four.textContent).toContain('Saved');
    expect(three.textContent).toContain('Approved');
    expect(two.textContent).toContain('Superseded by revision 3');
    const decisionsOf = (n: number) => within(screen.getByRole('group', { name: `Decisions on revision ${n}` })).getAllByText(/by/).map((p) => p.textContent?.replace(/\s+/g, ' ').trim());
    expect(decisionsOf(1)).toEqual(['Submitted by Ana Reyes: “First go” · 1 min ago', 'Sent back by Ed Marsh: “Check the figures” · just now']);
    expect(decisionsOf(2)).toEqual(['Approved by Ed Marsh · just now', 'Superseded by revision 3']);
    expect(within(four).queryByRole('group')).toBeNull();
    await fireEvent.click(within(two).getByRole('button', { name: 'Open revision 2' }));
    expect(onopen).toHaveBeenCalledWith(2);
  });
});

describe('VersionView', () => {
  const approvedVersion: ArticleVersion = {
    ref: 3,
    at: Date.now() - 60_000,
    revision: revisions[2],
    content: {
      headline: 'Bridge reopens',
      standfirst: 'After two years',
      byline: 'By Ana Reyes',
      slug: '',
      tags: [],
      body: [
        { type: 'paragraph', attrs: {}, runs: [{ text: 'Crowds ', strong: false, em: false }, { text: 'cheered', strong: true, em: false }], children: [] },
        { type: 'heading', attrs: { level: 3 }, runs: [{ text: 'Reaction', strong: false, em: false }], children: [] },
        { type: 'paragraph', attrs: {}, runs: [{ text: 'evil', strong: false, em: false, href: 'javascript:alert(1)' }], children: [] },
      ],
      pictures: [{ id: 'p1', hash: '', caption: 'The bridge', credit: 'Reuters', copyright: '', alt: '' }, { id: 'p2', hash: '', caption: 'Crowd', credit: '', copyright: '', alt: '' }],
    },
  };

  function setup(viewOnly: boolean) {
    const doc = new Y.Doc();
    headlineText(doc).insert(0, 'Bridge reopens tonight');
    appendParagraphs(doc, ['Live words.']);
    const api = { articleVersion: vi.fn(async () => approvedVersion) } as unknown as Api;
    const reader = new VersionReader(api, 's1', doc);
    const onclose = vi.fn();
    render(VersionView, {
      reader,
      storyId: 's1',
      approvedRevision: 3,
      revisions,
      changedSinceApproval: true,
      viewOnly,
      loadPicture: vi.fn(async () => Promise.reject(new Error('none'))),
      onback: vi.fn(),
      onclose: viewOnly ? undefined : onclose,
      onexport: vi.fn(),
    });
    return { reader, doc, api, onclose };
  }

  it('says which version it is and its status, shows its content with the pictures’ credits, and View only to a viewer', async () => {
    const { reader } = setup(true);
    await reader.show('approved');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Bridge reopens' })).toBeTruthy());
    expect(screen.getByRole('region', { name: 'Reading Approved version (revision 3)' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('View only');
    expect(screen.getByText('Approved', { selector: '.state' })).toBeTruthy();
    expect(screen.getByText(/Approved by Ed Marsh/)).toBeTruthy();
    expect(screen.getByText('After two years')).toBeTruthy();
    expect(screen.getByText('cheered').tagName).toBe('STRONG');
    expect(screen.getByRole('heading', { level: 3, name: 'Reaction' })).toBeTruthy();
    // An unsafe link is plain text.
    expect(screen.getByText('evil').closest('a')).toBeNull();
    const pictures = screen.getByRole('region', { name: 'Images and credits' });
    expect(within(pictures).getByText('Picture: Reuters')).toBeTruthy();
    expect(within(pictures).getByText('No credit')).toBeTruthy();
    expect(within(pictures).getAllByText('No image attached')).toHaveLength(2);
    expect(screen.getByRole('button', { name: '← All stories' })).toBeTruthy();
  });

  it('switches to the live draft, read from the open document and kept current', async () => {
    const { reader, doc } = setup(true);
    await reader.show('approved');
    await fireEvent.change(screen.getByRole('combobox', { name: 'Version' }), { target: { value: 'live' } });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Bridge reopens tonight' })).toBeTruthy());
    expect(screen.getByText(/including changes nobody has approved; it differs from the approved version/)).toBeTruthy();
    headlineText(doc).insert(0, 'LIVE: ');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'LIVE: Bridge reopens tonight' })).toBeTruthy());
    reader.destroy();
  });

  it('offers Print… for a revision, not for the live draft (which prints from the Export dialog)', async () => {
    const { reader } = setup(false);
    await reader.show('approved');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Print…' })).toBeTruthy());
    await fireEvent.change(screen.getByRole('combobox', { name: 'Version' }), { target: { value: 'live' } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Print…' })).toBeNull());
    reader.destroy();
  });

  it('has no View only notice for someone who may edit, and a way back to the draft', async () => {
    const { reader, onclose } = setup(false);
    await reader.show('approved');
    expect(screen.queryByText(/View only/)).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: '← Back to the draft' }));
    expect(onclose).toHaveBeenCalledOnce();
  });
});
