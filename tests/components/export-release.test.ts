// The export dialog and a story's release: the approved version of an embargoed story is
// explained and offered only as the embargoed copy; of a held one, refused until the hold is
// lifted; the live draft exports as ever, and once the embargo has passed the approved version too.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RevisionInfo, VersionRef } from '../../model/api-types.ts';
import type { ReleaseState } from '../../model/release-state.ts';
import ExportDialog from '../../renderer/src/components/ExportDialog.svelte';
import { control } from './dom.ts';

afterEach(cleanup);

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  const proto = (globalThis as unknown as { HTMLDialogElement: { prototype: Record<string, unknown> } }).HTMLDialogElement.prototype;
  proto.showModal ??= function (this: { open: boolean }) {
    this.open = true;
  };
  proto.close ??= function (this: { open: boolean }) {
    this.open = false;
  };
});

const NOW = Date.UTC(2026, 11, 7, 15, 0);
const UNTIL = Date.UTC(2026, 11, 8, 6, 0);
const approved: RevisionInfo = {
  number: 1,
  createdAt: NOW - 60_000,
  createdBy: 'u-ana',
  createdByName: 'Ana',
  note: '',
  wordCount: 300,
  status: 'approved',
  statusNote: '',
  decisions: [],
  supersededBy: null,
  approvedAs: [],
};

function open(release: ReleaseState) {
  const onexport = vi.fn(async (_format: string, _version: VersionRef, _embargoed?: true) => undefined);
  render(ExportDialog, { approvedRevision: 1, revisions: [approved], liveWords: 300, release, timeZone: 'Europe/London', clock: () => NOW, onexport, onclose: vi.fn() });
  return { onexport, exportButton: control(screen.getByRole('button', { name: 'Export' })) };
}

describe('exporting a story that may not be released yet', () => {
  it('explains the embargo and exports the approved version only as the embargoed copy', async () => {
    const { onexport, exportButton } = open({ embargoUntil: UNTIL, hold: null, killed: null });
    expect(screen.getByTestId('export-withheld').textContent).toMatch(/embargoed until .*06:00 \(Europe\/London\): it is not released for publication before then/);
    expect(exportButton.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText(/Export an embargoed copy/));
    expect(exportButton.disabled).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenCalledWith('text', 'approved', true);
  });

  it('refuses the approved version of a held story, and exports the live draft as ever', async () => {
    const { onexport, exportButton } = open({ embargoUntil: null, hold: { note: 'Court order', byName: 'Dana', at: NOW }, killed: null });
    expect(screen.getByTestId('export-withheld').textContent).toMatch(/legal hold \(Court order\): its approved version is not released until the hold is lifted/);
    expect(exportButton.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('radio', { name: 'Live draft' }));
    expect(screen.queryByTestId('export-withheld')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(onexport).toHaveBeenCalledWith('text', 'live');
  });

  it('exports the approved version as ever once the embargo has passed, and a killed story (which says so)', async () => {
    for (const release of [
      { embargoUntil: NOW, hold: null, killed: null },
      { embargoUntil: UNTIL, hold: null, killed: { note: 'Libel risk', byName: 'Eve', at: NOW } },
    ]) {
      const { onexport } = open(release);
      expect(screen.queryByTestId('export-withheld')).toBeNull();
      await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
      expect(onexport).toHaveBeenCalledWith('text', 'approved');
      cleanup();
    }
  });
});
