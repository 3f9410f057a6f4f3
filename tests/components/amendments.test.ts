// Corrections and updates in the UI (issue 17): the reopen dialog (the note required, the answer's
// refusal shown), the story's notice with "Reopen as update…" / "Reopen as correction…" for an
// editor and "Correction pending" once reopened, the status pill's pending label, and History's
// line of versions (original, update 1, correction 1, with notes, who and when).
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApprovedVersion, ArticleListItem, RevisionInfo } from '../../model/api-types.ts';
import AmendmentNotice from '../../renderer/src/components/AmendmentNotice.svelte';
import HistoryPanel from '../../renderer/src/components/HistoryPanel.svelte';
import ReopenDialog from '../../renderer/src/components/ReopenDialog.svelte';
import StatusPill from '../../renderer/src/components/StatusPill.svelte';
import { versionLine, versionTitle } from '../../renderer/src/lib/version-line.ts';
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

const at = Date.now() - 60_000;
const version = (n: number, revision: number, amendment: ApprovedVersion['amendment'] = null): ApprovedVersion => ({ version: n, revision, amendment, at, userId: 'u-ed', userName: 'Ed Marsh' });
const revision = (number: number, approvedAs: ApprovedVersion[] = []): RevisionInfo => ({
  number,
  createdAt: at,
  createdBy: 'u-ana',
  createdByName: 'Ana Reyes',
  note: '',
  wordCount: 100,
  status: 'saved',
  statusNote: '',
  decisions: [],
  supersededBy: null,
  approvedAs,
});
const story = (fields: Partial<ArticleListItem>) => ({ approvedRevision: 3, version: 1, reopened: null, ...fields }) as ArticleListItem;

describe('ReopenDialog', () => {
  it('reopens as a correction with the typed note, trimmed', async () => {
    const onreopen = vi.fn(async (_note: string) => undefined);
    render(ReopenDialog, { kind: 'correction', onreopen, onclose: vi.fn() });
    expect(screen.getByRole('heading', { name: 'Reopen as a correction' })).toBeTruthy();
    await fireEvent.input(screen.getByRole('textbox', { name: 'Correction note' }), { target: { value: '  Leeds, not York.  ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(onreopen).toHaveBeenCalledWith('Leeds, not York.');
  });

  it('asks for the note instead of reopening without one, and shows the server’s refusal', async () => {
    const onreopen = vi.fn(async () => {
      throw new Error('This story is already reopened as a correction. Approve a revision to settle that first.');
    });
    render(ReopenDialog, { kind: 'update', onreopen, onclose: vi.fn() });
    const note = screen.getByRole('textbox', { name: 'Update note' });
    expect(control(note).required).toBe(true);
    await fireEvent.input(note, { target: { value: '   ' } });
    await fireEvent.submit(note.closest('form')!);
    expect(onreopen).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Write the update note: it goes out with the next approved version.');
    await fireEvent.input(note, { target: { value: 'New figures' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(await screen.findByText(/already reopened as a correction/)).toBeTruthy();
  });
});

describe('AmendmentNotice', () => {
  it('offers an editor both reopenings on an approved story', async () => {
    const onreopen = vi.fn();
    render(AmendmentNotice, { article: story({}), canReopen: true, onreopen });
    await fireEvent.click(screen.getByRole('button', { name: 'Reopen as correction…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Reopen as update…' }));
    expect(onreopen.mock.calls).toEqual([['correction'], ['update']]);
  });

  it('offers nothing to one who may not reopen, nor without an approved revision', () => {
    render(AmendmentNotice, { article: story({}), canReopen: false, onreopen: vi.fn() });
    render(AmendmentNotice, { article: story({ approvedRevision: null, version: null }), canReopen: true, onreopen: vi.fn() });
    expect(screen.queryByRole('button', { name: /Reopen/ })).toBeNull();
  });

  it('says "Correction pending" with the note and the version it will make, instead of the buttons', () => {
    render(AmendmentNotice, { article: story({ version: 2, reopened: { kind: 'correction', note: 'Leeds, not York.' } }), canReopen: true, onreopen: vi.fn() });
    expect(screen.getByRole('region', { name: 'Correction pending' }).textContent).toContain(
      'Reopened as a correction: “Leeds, not York.”. The next approval publishes it as version 3.',
    );
    expect(screen.queryByRole('button', { name: /Reopen/ })).toBeNull();
  });
});

describe('StatusPill', () => {
  it('adds "Correction pending" or "Update pending" beside the state while reopened', () => {
    const { container } = render(StatusPill, { status: 'draft', reopened: { kind: 'correction', note: 'Leeds' } });
    expect([...container.querySelectorAll('.pill')].map((pill) => pill.textContent)).toEqual(['Draft', 'Correction pending']);
    render(StatusPill, { status: 'submitted', reopened: { kind: 'update', note: 'More' } });
    expect(screen.getByText('Update pending')).toBeTruthy();
    const plain = render(StatusPill, { status: 'approved' });
    expect(plain.container.textContent).toBe('Approved');
  });
});

describe('History’s line of versions', () => {
  const revisions = [
    revision(1, [version(1, 1)]),
    revision(2),
    revision(3, [version(2, 3, { kind: 'update', number: 1, note: 'Adds the council’s reply.' })]),
    revision(4, [version(3, 4, { kind: 'correction', number: 1, note: 'Leeds, not York.' })]),
  ];

  it('lists every version newest first, with what it amends, its note, who and when; a pending one on top', () => {
    render(HistoryPanel, {
      revisions,
      reopened: { kind: 'correction', note: 'The mayor’s name.' },
      canRestore: false,
      loadDiff: vi.fn(),
      onrestore: vi.fn(),
      onclose: vi.fn(),
    });
    const items = within(screen.getByRole('list', { name: 'Versions' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual(['Correction pending', 'Version 3 · Correction 1', 'Version 2 · Update 1', 'Version 1 · Original']);
    expect(items[0].textContent).toContain('“The mayor’s name.”');
    expect(items[1].textContent).toMatch(/revision 4 · approved by Ed Marsh\s*· 1 min ago/);
    expect(items[1].textContent).toContain('“Leeds, not York.”');
    expect(items[2].textContent).toContain('“Adds the council’s reply.”');
  });

  it('reads versions from the revisions in order, a re-approval without a reopening named as such', () => {
    expect(versionLine([revision(2, [version(2, 2)]), revision(1, [version(1, 1), version(3, 1)])]).map(versionTitle)).toEqual([
      'Version 1 · Original',
      'Version 2 · Approved again',
      'Version 3 · Approved again',
    ]);
  });
});
