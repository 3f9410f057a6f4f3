// The story's Release control: the desk sets an embargo (typed in their zone, the zone named, sent
// as the instant it means) and a legal hold (only with a note); editors kill a story only with a
// note and a confirmation; everyone else reads one line, with the time left to the embargo.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseRequest, ReleaseState } from '../../model/release-state.ts';
import ReleaseControl from '../../renderer/src/components/ReleaseControl.svelte';
import { control } from './dom.ts';

afterEach(cleanup);

const NOW = Date.UTC(2026, 11, 7, 15, 0);
const UNTIL = Date.UTC(2026, 11, 8, 6, 0);
const FREE: ReleaseState = { embargoUntil: null, hold: null, killed: null };

function show(release: ReleaseState, rights: { canRelease?: boolean; canKill?: boolean } = {}) {
  const onrelease = vi.fn(async (_request: ReleaseRequest) => undefined);
  const onkill = vi.fn(async (_note: string) => undefined);
  const view = render(ReleaseControl, {
    release,
    canRelease: rights.canRelease ?? false,
    canKill: rights.canKill ?? false,
    timeZone: 'Europe/London',
    locale: 'en-GB',
    clock: () => NOW,
    onrelease,
    onkill,
  });
  return { onrelease, onkill, view };
}

describe('the Release control', () => {
  it('sends the embargo typed in the user’s zone as the instant it means, and a hold with its note', async () => {
    const { onrelease } = show(FREE, { canRelease: true });
    const embargo = control(screen.getByLabelText('Embargo until (Europe/London)'));
    await fireEvent.input(embargo, { target: { value: '2026-12-08T06:00' } });
    await fireEvent.click(screen.getByLabelText('Legal hold'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save release' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'A legal hold needs a note saying why the story is held.');
    expect(onrelease).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText('Why it is held'), { target: { value: ' Court order ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save release' }));
    expect(onrelease).toHaveBeenCalledWith({ embargoUntil: UNTIL, hold: { note: 'Court order' } });
  });

  it('lifts the embargo and the hold', async () => {
    const { onrelease } = show({ embargoUntil: UNTIL, hold: { note: 'Court order', byName: 'Dana', at: NOW }, killed: null }, { canRelease: true });
    expect(control(screen.getByLabelText('Embargo until (Europe/London)')).value).toBe('2026-12-08T06:00');
    await fireEvent.click(screen.getByRole('button', { name: 'No embargo' }));
    await fireEvent.click(screen.getByLabelText('Legal hold'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save release' }));
    expect(onrelease).toHaveBeenCalledWith({ embargoUntil: null, hold: null });
  });

  it('keeps what is being typed while the same state arrives again, and follows a changed one', async () => {
    const { view } = show(FREE, { canRelease: true });
    const embargo = control(screen.getByLabelText('Embargo until (Europe/London)'));
    await fireEvent.input(embargo, { target: { value: '2026-12-08T06:00' } });
    await view.rerender({ release: { ...FREE } });
    expect(embargo.value).toBe('2026-12-08T06:00');
    await view.rerender({ release: { ...FREE, hold: { note: 'Court order', byName: 'Dana', at: NOW } } });
    expect(embargo.value).toBe('');
    expect(control(screen.getByLabelText('Why it is held')).value).toBe('Court order');
  });

  it('says the server’s refusal', async () => {
    const { onrelease } = show(FREE, { canRelease: true });
    onrelease.mockRejectedValueOnce(new Error('embargoUntil 2026-12-01T00:00:00.000Z is past; send a later time, or null to lift the embargo'));
    await fireEvent.input(control(screen.getByLabelText('Embargo until (Europe/London)')), { target: { value: '2026-12-01T00:00' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save release' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not change the release: embargoUntil .* is past/);
  });

  it('kills only with a note, after the confirmation', async () => {
    const { onkill } = show(FREE, { canRelease: true, canKill: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Kill story…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Kill for good' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say why the story is killed.');
    expect(onkill).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText('Why it is killed'), { target: { value: 'Libel risk' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Kill for good' }));
    expect(onkill).toHaveBeenCalledWith('Libel risk');
  });

  it('gives the desk no kill, and a reporter only the line with the time left', () => {
    show({ ...FREE, embargoUntil: UNTIL }, { canRelease: true });
    expect(screen.queryByRole('button', { name: 'Kill story…' })).toBeNull();
    cleanup();
    show({ ...FREE, embargoUntil: UNTIL });
    expect(screen.queryByRole('button', { name: 'Save release' })).toBeNull();
    expect(screen.queryByLabelText('Embargo until (Europe/London)')).toBeNull();
    expect(screen.getByTestId('release-state').textContent?.trim()).toBe('Embargoed until 8 Dec 2026, 06:00 (Europe/London) · embargo lifts in 15 h');
  });

  it('shows a killed story as killed, with nothing left to change', () => {
    show({ ...FREE, embargoUntil: UNTIL, killed: { note: 'Libel risk', byName: 'Eve', at: NOW } }, { canRelease: true, canKill: true });
    expect(screen.getByTestId('release-state').textContent).toContain('Killed: Libel risk — Eve, 7 Dec 2026, 15:00 (Europe/London). Do not use.');
    expect(screen.queryByRole('button', { name: 'Save release' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Kill story…' })).toBeNull();
  });

  it('shows others nothing for a story free to release', () => {
    show({ ...FREE, embargoUntil: NOW - 1 });
    expect(screen.queryByRole('region', { name: 'Release' })).toBeNull();
  });
});
