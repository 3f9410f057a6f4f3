// The desk's facts in the story: typed into the fields they land in the document's meta (the
// deadline as the instant the user's zone means), a colleague's change shows at once, the time
// left says when the story is late, a wrong entry is said and not written, viewers only read.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { META_KEYS, metaMap } from '../../model/article-schema.ts';
import DeskFacts from '../../renderer/src/components/DeskFacts.svelte';
import { control } from './dom.ts';

afterEach(cleanup);

const NOW = Date.UTC(2026, 11, 7, 15, 0); // 16:00 in Berlin

function show(options: { readOnly?: boolean; timeZone?: string } = {}) {
  const doc = new Y.Doc();
  const meta = metaMap(doc);
  render(DeskFacts, { meta, readOnly: options.readOnly ?? false, timeZone: options.timeZone ?? 'Europe/Berlin', clock: () => NOW });
  const field = (name: string) => control(screen.getByLabelText(name));
  return { doc, meta, field };
}

describe('the desk’s facts in the story', () => {
  it('writes what is typed into the story’s meta, the deadline as the instant the user’s zone means', async () => {
    const { meta, field } = show({ timeZone: 'Europe/Berlin' });
    await fireEvent.change(field('Assignees'), { target: { value: 'Ana, bo.lee  ana' } });
    await fireEvent.change(field('Deadline'), { target: { value: '2026-12-07T17:30' } });
    await fireEvent.change(field('Target words'), { target: { value: '600' } });
    await fireEvent.change(field('Priority'), { target: { value: '2' } });
    const note = field('Planning note');
    note.value = 'Call the mayor';
    await fireEvent.input(note);
    expect(meta.toJSON()).toEqual({
      [META_KEYS.assignees]: ['ana', 'bo.lee'],
      [META_KEYS.deadline]: Date.UTC(2026, 11, 7, 16, 30),
      [META_KEYS.targetWords]: 600,
      [META_KEYS.urgency]: 2,
      [META_KEYS.planningNote]: 'Call the mayor',
    });
    expect(screen.getByTestId('deadline-left').textContent).toMatch(/17:30.* · in 1 h 30 min$/);
  });

  it('shows a colleague’s facts at once, the deadline in this user’s zone, and a late story as late', async () => {
    const { doc, meta, field } = show({ timeZone: 'America/New_York' });
    doc.transact(() => {
      meta.set(META_KEYS.assignees, ['ana']);
      meta.set(META_KEYS.deadline, NOW - 12 * 60_000);
      meta.set(META_KEYS.urgency, 1);
    });
    await Promise.resolve();
    expect(field('Assignees').value).toBe('ana');
    expect(field('Deadline').value).toBe('2026-12-07T09:48'); // 14:48 UTC in New York
    expect(field('Priority').value).toBe('1');
    const left = await screen.findByTestId('deadline-left');
    expect(left.textContent).toMatch(/ · 12 min late$/);
    expect(left.classList.contains('late')).toBe(true);
  });

  it('says what is wrong with an entry and writes nothing of it', async () => {
    const { meta, field } = show();
    await fireEvent.change(field('Assignees'), { target: { value: 'ana, <script>' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Assignees: “<script>” is not a username.');
    await fireEvent.change(field('Target words'), { target: { value: '0' } });
    expect(screen.getByRole('alert').textContent).toBe('Target words: the target is a whole number of words from 1 to 100,000.');
    expect(meta.size).toBe(0);
  });

  it('clears a fact emptied', async () => {
    const { meta, field } = show();
    meta.set(META_KEYS.targetWords, 600);
    meta.set(META_KEYS.deadline, NOW);
    await Promise.resolve();
    expect(field('Target words').value).toBe('600');
    await fireEvent.change(field('Target words'), { target: { value: '' } });
    await fireEvent.change(field('Deadline'), { target: { value: '' } });
    expect(meta.toJSON()).toEqual({});
  });

  it('lets a viewer read the facts but not change them', () => {
    const { field } = show({ readOnly: true });
    for (const name of ['Assignees', 'Deadline', 'Target words', 'Planning note']) expect(field(name).readOnly, name).toBe(true);
    expect(field('Priority').disabled).toBe(true);
  });
});
