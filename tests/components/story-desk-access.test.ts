// A story's desk, chosen from the newsroom's open desks, and who can see it: the Restricted box and
// the people named, for those who may change them; the restriction said to those who may not.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DeskInfo } from '../../model/people-types.ts';
import MetaFields from '../../renderer/src/components/MetaFields.svelte';
import StoryAccess from '../../renderer/src/components/StoryAccess.svelte';
import { ApiError } from '../../renderer/src/lib/api.ts';
import type { DeskControl } from '../../renderer/src/lib/desk-control.ts';
import { control } from './dom.ts';
import { NO_LIMITS } from '../../model/desk-limits.ts';

afterEach(cleanup);

const desks: DeskInfo[] = [
  { id: 'd-news', name: 'News', archived: false, createdAt: 1, limits: NO_LIMITS },
  { id: 'd-pol', name: 'Politics', archived: false, createdAt: 1, limits: NO_LIMITS },
  { id: 'd-old', name: 'Weekend', archived: true, createdAt: 1, limits: NO_LIMITS },
];

function showDesk(desk: Partial<DeskControl>) {
  const onchoose = vi.fn(desk.onchoose ?? (async () => undefined));
  render(MetaFields, {
    meta: new Y.Doc().getMap('meta'),
    readOnly: false,
    desk: { desks, deskId: null, deskName: '', canSet: true, ...desk, onchoose },
    typingIn: () => [],
    onfield: () => undefined,
  });
  const select = screen.getByRole('combobox', { name: 'Desk' });
  return { onchoose, select, options: () => within(select).getAllByRole('option').map((o) => o.textContent) };
}

describe('the story’s desk', () => {
  it('offers the open desks, and the story’s archived desk only as what it is on', async () => {
    const { onchoose, select, options } = showDesk({});
    expect(options()).toEqual(['No desk', 'News', 'Politics']);
    await fireEvent.change(select, { target: { value: 'd-pol' } });
    expect(onchoose).toHaveBeenCalledWith(desks[1]);
    cleanup();
    const archived = showDesk({ deskId: 'd-old', deskName: 'Weekend' });
    expect(archived.options()).toEqual(['No desk', 'Weekend (archived)', 'News', 'Politics']);
    expect(control(archived.select).value).toBe('d-old');
  });

  it('says a refusal as a sentence and shows the desk the story is on', async () => {
    const { select } = showDesk({
      deskId: 'd-news',
      onchoose: async () => {
        throw new ApiError(400, 'the desk is archived');
      },
    });
    await fireEvent.change(select, { target: { value: 'd-pol' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not put the story on the Politics desk: the desk is archived.');
    expect(control(select).value).toBe('d-news');
  });

  it('cannot be changed by one without the right', () => {
    const { select } = showDesk({ canSet: false });
    expect(control(select).disabled).toBe(true);
  });
});

function showAccess(props: { restricted?: boolean; people?: string[]; canChange?: boolean; onchange?: () => Promise<void> }) {
  const onchange = vi.fn(props.onchange ?? (async () => undefined));
  render(StoryAccess, { restricted: props.restricted ?? false, people: props.people ?? [], deskName: 'Politics', canChange: props.canChange ?? true, onchange });
  return { onchange };
}

describe('who can see the story', () => {
  it('restricts the story with the Restricted box', async () => {
    const { onchange } = showAccess({});
    const box = screen.getByRole('checkbox', { name: 'Restricted' });
    expect((box as unknown as { checked: boolean }).checked).toBe(false);
    await fireEvent.click(box);
    expect(onchange).toHaveBeenCalledWith({ restricted: true });
  });

  it('names people and takes them off while restricted', async () => {
    const { onchange } = showAccess({ restricted: true, people: ['ben'] });
    expect(screen.getByText('Only the Politics desk, its author and the people named here can see it; nobody else learns it exists.')).toBeTruthy();
    const named = within(screen.getByRole('list', { name: 'People named on the story' }));
    expect(named.getAllByRole('listitem').map((li) => li.textContent?.replace('✕', '').trim())).toEqual(['ben']);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Username to name' }), { target: { value: 'ed' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(onchange).toHaveBeenLastCalledWith({ people: ['ben', 'ed'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove ben' }));
    expect(onchange).toHaveBeenLastCalledWith({ people: [] });
  });

  it('keeps the box as the story is when the server refuses, and says why', async () => {
    showAccess({
      onchange: async () => {
        throw new ApiError(403, 'a reporter cannot restrict this story');
      },
    });
    const box = screen.getByRole('checkbox', { name: 'Restricted' });
    await fireEvent.click(box);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not restrict the story: a reporter cannot restrict this story.');
    await waitFor(() => expect((box as unknown as { checked: boolean }).checked).toBe(false));
  });

  it('shows one who may not change it only that it is restricted, and nothing on an open story', () => {
    showAccess({ restricted: true, people: ['ben'], canChange: false });
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByText('Restricted')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove ben' })).toBeNull();
    cleanup();
    showAccess({ canChange: false });
    expect(screen.queryByRole('region', { name: 'Who can see this story' })).toBeNull();
  });
});
