// Who is in the story (PresenceBar) and who is typing in a field (TypingIndicator).
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PresenceBar from '../../renderer/src/components/PresenceBar.svelte';
import TypingIndicator from '../../renderer/src/components/TypingIndicator.svelte';
import { peersFrom, type Peer, type PresenceState } from '../../renderer/src/lib/presence.ts';
import { styleOf } from './dom.ts';

const SELF = 11;
const states = new Map<number, PresenceState>([
  [40, { user: { id: 'u-zoe', name: 'Zoë Adams', color: '#1f6feb' }, field: 'body' }],
  [SELF, { user: { id: 'u-ana', name: 'Ana Lima', color: '#b3261e' }, field: null }],
  [25, { user: { id: 'u-ben', name: 'Ben Okafor', color: '#2e7d32' }, field: 'headline' }],
  [31, { user: { id: 'u-cat', name: 'cat', color: '#8e24aa' }, field: 'desk' }],
  [50, { field: 'body' }], // a window that has not said who it is yet
]);
const peers = peersFrom(states, SELF);

const peer = (name: string, fields: Partial<Peer> = {}): Peer => ({ clientId: name.length, userId: `u-${name}`, name, color: '#00796b', field: null, isSelf: false, ...fields });

describe('PresenceBar', () => {
  it('is a list labelled "People in this story" with one item per person, yourself first and marked', () => {
    render(PresenceBar, { peers });
    const list = screen.getByRole('list', { name: 'People in this story' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.replace(/^\S+/, '').trim())).toEqual([
      'Ana Lima (you)',
      'Ben Okafor, in the headline',
      'cat, in the desk',
      'Zoë Adams, in the body',
    ]);
  });

  it('names each item for assistive technology and as a tooltip', () => {
    render(PresenceBar, { peers });
    expect(screen.getByRole('listitem', { name: 'Ana Lima (you)' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Ben Okafor, in the headline' }).getAttribute('title')).toBe('Ben Okafor, in the headline');
    expect(screen.getByRole('listitem', { name: 'Zoë Adams, in the body' })).toBeTruthy();
    // Only yourself is "(you)".
    expect(screen.getAllByText(/\(you\)/)).toHaveLength(1);
  });

  it('mentions every field someone can be in', () => {
    const fields = ['headline', 'standfirst', 'byline', 'desk', 'body'] as const;
    render(PresenceBar, { peers: fields.map((field, i) => peer(`P${i}`, { clientId: i, field })) });
    for (const [i, field] of fields.entries()) expect(screen.getByRole('listitem', { name: `P${i}, in the ${field}` })).toBeTruthy();
  });

  it('shows each person as an avatar with initials in their colour, hidden from screen readers', () => {
    render(PresenceBar, { peers });
    const items = within(screen.getByRole('list', { name: 'People in this story' })).getAllByRole('listitem');
    const avatars = items.map((item) => item.querySelector('.avatar')!);
    expect(avatars.map((a) => a.textContent)).toEqual(['AL', 'BO', 'CA', 'ZA']);
    expect(avatars.map((a) => styleOf(a).backgroundColor)).toEqual(['rgb(179, 38, 30)', 'rgb(46, 125, 50)', 'rgb(142, 36, 170)', 'rgb(31, 111, 235)']);
    for (const avatar of avatars) expect(avatar.getAttribute('aria-hidden')).toBe('true');
  });

  it('is an empty list when nobody is known yet', () => {
    render(PresenceBar, { peers: [] });
    expect(within(screen.getByRole('list', { name: 'People in this story' })).queryAllByRole('listitem')).toEqual([]);
  });

  it('follows people arriving, moving and leaving', async () => {
    const { rerender } = render(PresenceBar, { peers: [peer('Ana', { clientId: 1, isSelf: true })] });
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    await rerender({ peers: [peer('Ana', { clientId: 1, isSelf: true }), peer('Ben', { clientId: 2, field: 'body' })] });
    expect(screen.getByRole('listitem', { name: 'Ben, in the body' })).toBeTruthy();
    await rerender({ peers: [peer('Ana', { clientId: 1, isSelf: true }), peer('Ben', { clientId: 2, field: 'standfirst' })] });
    expect(screen.getByRole('listitem', { name: 'Ben, in the standfirst' })).toBeTruthy();
    await rerender({ peers: [peer('Ana', { clientId: 1, isSelf: true })] });
    expect(screen.queryByRole('listitem', { name: /Ben/ })).toBeNull();
  });
});

describe('TypingIndicator', () => {
  it('says who is typing, for one person', () => {
    render(TypingIndicator, { peers: [peer('Ben Okafor', { color: '#2e7d32' })] });
    expect(screen.getByText('Ben Okafor is typing here')).toBeTruthy();
  });

  it('names everyone typing, for several', () => {
    render(TypingIndicator, { peers: [peer('Ben'), peer('Zoë')] });
    expect(screen.getByText('Ben, Zoë are typing here')).toBeTruthy();
  });

  it('shows nothing when nobody is typing', () => {
    const { container } = render(TypingIndicator, { peers: [] });
    expect(container.textContent?.trim()).toBe('');
    expect(screen.queryByText(/typing/)).toBeNull();
  });

  it('appears and disappears as people start and stop', async () => {
    const { rerender } = render(TypingIndicator, { peers: [] });
    await rerender({ peers: [peer('Ben')] });
    expect(screen.getByText('Ben is typing here')).toBeTruthy();
    await rerender({ peers: [] });
    expect(screen.queryByText(/typing here/)).toBeNull();
  });
});
