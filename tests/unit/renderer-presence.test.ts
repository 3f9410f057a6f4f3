// Presence from awareness states: who is here, yourself first, and who is typing where.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PRESENCE_NAME_MAX } from '../../model/presence.ts';
import { userColor } from '../../model/user-colors.ts';
import { peersFrom, typingIn, type PresenceState } from '../../renderer/src/lib/presence.ts';

const states = (entries: [number, PresenceState][]) => new Map(entries);

describe('peersFrom', () => {
  it('puts yourself first, then the others by name', () => {
    const peers = peersFrom(
      states([
        [5, { user: { id: 'u-zoe', name: 'Zoë Adams', color: '#111111' }, field: 'body' }],
        [9, { user: { id: 'u-ben', name: 'Ben Okafor', color: '#222222' }, field: null }],
        [3, { user: { id: 'u-mia', name: 'Mia Chen', color: '#333333' }, field: 'headline' }],
        [7, { user: { id: 'u-ana', name: 'Ana Lima', color: '#444444' } }],
      ]),
      3,
    );
    expect(peers.map((p) => p.name)).toEqual(['Mia Chen', 'Ana Lima', 'Ben Okafor', 'Zoë Adams']);
    expect(peers.map((p) => p.isSelf)).toEqual([true, false, false, false]);
  });

  it('keeps what each peer publishes', () => {
    const [peer] = peersFrom(states([[4, { user: { id: 'u1', name: 'Ana', color: '#abcdef' }, field: 'standfirst' }]]), 1);
    expect(peer).toEqual({ clientId: 4, userId: 'u1', name: 'Ana', color: '#abcdef', field: 'standfirst', isSelf: false });
  });

  it('defaults a missing field to null and a missing colour to the user’s palette colour', () => {
    const [peer] = peersFrom(states([[4, { user: { id: 'u1', name: 'Ana' } }]]), 1);
    expect(peer.field).toBeNull();
    expect(peer.color).toBe(userColor('u1'));
  });

  it('puts no unchecked colour into CSS: anything but #rrggbb becomes the user’s palette colour', () => {
    for (const color of ['red; background-image: url(https://evil.example/x)', 'url(x)', 'var(--x)', '#abc', '#abcdefff', ' #abcdef', 42, null, { r: 1 }]) {
      const [peer] = peersFrom(states([[4, { user: { id: 'u1', name: 'Ana', color } }]]), 1);
      expect(peer.color, inspect(color)).toBe(userColor('u1'));
    }
    expect(peersFrom(states([[4, { user: { id: 'u1', name: 'Ana', color: '#ABCDEF' } }]]), 1)[0].color).toBe('#abcdef');
  });

  it('shows a bounded name without control or direction-changing characters, and skips a user id that is not a string', () => {
    const [long] = peersFrom(states([[4, { user: { id: 'u1', name: 'A'.repeat(10_000) } }]]), 1);
    expect(long.name).toBe('A'.repeat(PRESENCE_NAME_MAX));
    const [odd] = peersFrom(states([[4, { user: { id: 'u1', name: '\u202eAna\u0000 Lima\n' } }]]), 1);
    expect(odd.name).toBe('Ana Lima');
    expect(peersFrom(states([[4, { user: { id: 'u1', name: '\u200b\u202e ' } }]]), 1)).toEqual([]);
    expect(peersFrom(states([[4, { user: { id: { toString: 'x' }, name: 'Ana' } }]]), 1)).toEqual([]);
    expect(peersFrom(states([[4, { user: { id: 'u1', name: ['Ana'] } }]]), 1)).toEqual([]);
  });

  it('knows only the editor’s fields', () => {
    const [peer] = peersFrom(states([[4, { user: { id: 'u1', name: 'Ana' }, field: '<script>' }]]), 1);
    expect(peer.field).toBeNull();
  });

  it('lists one user with two windows twice, ordered by client id', () => {
    const peers = peersFrom(
      states([
        [20, { user: { id: 'u1', name: 'Ana' } }],
        [10, { user: { id: 'u1', name: 'Ana' } }],
      ]),
      99,
    );
    expect(peers.map((p) => p.clientId)).toEqual([10, 20]);
  });

  it('skips states without a user, a name or an id', () => {
    const peers = peersFrom(
      states([
        [1, {}],
        [2, { field: 'body' }],
        [3, { user: { id: 'u3' } }],
        [4, { user: { name: 'No Id' } }],
        [5, { user: { id: 'u5', name: '' } }],
        [6, { user: { id: 'u6', name: 'Kept' } }],
      ]),
      1,
    );
    expect(peers.map((p) => p.clientId)).toEqual([6]);
  });

  it('shows nobody, not even yourself, before your own state is set', () => {
    expect(peersFrom(states([]), 1)).toEqual([]);
    expect(peersFrom(states([[1, {}]]), 1)).toEqual([]);
  });
});

describe('typingIn', () => {
  const peers = peersFrom(
    states([
      [1, { user: { id: 'me', name: 'Me' }, field: 'headline' }],
      [2, { user: { id: 'ana', name: 'Ana' }, field: 'headline' }],
      [3, { user: { id: 'ben', name: 'Ben' }, field: 'body' }],
      [4, { user: { id: 'cat', name: 'Cat' }, field: 'headline' }],
      [5, { user: { id: 'dan', name: 'Dan' }, field: null }],
    ]),
    1,
  );

  it('lists the others in a field, never yourself', () => {
    expect(typingIn(peers, 'headline').map((p) => p.name)).toEqual(['Ana', 'Cat']);
    expect(typingIn(peers, 'body').map((p) => p.name)).toEqual(['Ben']);
  });

  it('given who is typing now, lists only those of them (a caret idle in a field is not typing)', () => {
    expect(typingIn(peers, 'headline', new Set([4])).map((p) => p.name)).toEqual(['Cat']);
    expect(typingIn(peers, 'headline', new Set([1, 3]))).toEqual([]);
    expect(typingIn(peers, 'body', new Set())).toEqual([]);
  });

  it('is empty for a field nobody is in', () => {
    expect(typingIn(peers, 'desk')).toEqual([]);
    expect(typingIn([], 'headline')).toEqual([]);
  });
});
