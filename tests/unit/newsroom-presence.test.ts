// Who has which story open across instances: this instance's rooms merged with what the others
// said last (all of it, or some stories), names capped, and an instance that fell silent forgotten.
import { describe, expect, it } from 'vitest';
import type { OpenBy } from '../../model/api-types.ts';
import { LIST_OPEN_BY_MAX, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { NewsroomPresence } from '../../server/articles/newsroom-presence.ts';
import type { User } from '../../server/storage/store.ts';

const user = (name: string, displayName = name): User => ({ id: `u-${name}`, username: name, displayName, role: 'reporter', createdAt: 0 });
const who = (name: string): OpenBy => ({ id: `u-${name}`, username: name, displayName: name });

function presenceWith(local: Record<string, User[]>) {
  let now = 1000;
  const rooms = {
    get: (id: string) => (local[id] ? ({ users: () => local[id] } as never) : undefined),
    presence: () => new Map(Object.entries(local)),
  };
  return { presence: new NewsroomPresence(rooms, () => now), tick: (ms: number) => (now += ms) };
}

describe('NewsroomPresence', () => {
  it('merges this instance’s people with the others’, once each, and says which stories changed', () => {
    const { presence } = presenceWith({ s1: [user('ana')] });
    expect(presence.openBy('s1')).toEqual([who('ana')]);
    expect(presence.heard('other', { s1: [who('ana'), who('ben')], s2: [who('cy')] }, true)).toEqual(['s1', 's2']);
    expect(presence.openBy('s1')).toEqual([who('ana'), who('ben')]);
    expect(presence.openBy('s2')).toEqual([who('cy')]);
    // The same again changes nothing; a partial message leaves the other stories alone.
    expect(presence.heard('other', { s1: [who('ana'), who('ben')], s2: [who('cy')] }, true)).toEqual([]);
    expect(presence.heard('other', { s1: [] }, false)).toEqual(['s1']);
    expect(presence.openBy('s2')).toEqual([who('cy')]);
    // A full message without a story: nobody there any more.
    expect(presence.heard('other', {}, true)).toEqual(['s2']);
    expect(presence.openBy('s2')).toEqual([]);
    expect(presence.localAll()).toEqual({ s1: [who('ana')] });
  });

  it('forgets an instance that fell silent (it died without saying so)', () => {
    const { presence, tick } = presenceWith({});
    presence.heard('dead', { s1: [who('ben')] }, true);
    tick(10_000);
    presence.heard('alive', { s2: [who('cy')] }, true);
    expect(presence.forgetSilent(5_000)).toEqual(['s1']);
    expect(presence.openBy('s1')).toEqual([]);
    expect(presence.openBy('s2')).toEqual([who('cy')]);
  });

  it('caps names and how many people one story lists', () => {
    const crowd = Array.from({ length: LIST_OPEN_BY_MAX + 10 }, (_, i) => user(`u${i}`, 'N'.repeat(10_000)));
    const { presence } = presenceWith({ s1: crowd });
    const listed = presence.openBy('s1');
    expect(listed).toHaveLength(LIST_OPEN_BY_MAX);
    for (const u of listed) expect(u.displayName).toHaveLength(LIST_TEXT_MAX);
  });
});
