// Presence changes with every colleague's keystroke (their caret moves): the page's state of who
// is here and who is typing changes only when that does, so that the page does not redraw its
// presence bar and typing indicators once a keystroke.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { TYPING_AT_FIELD } from '../../model/presence.ts';
import { peersFrom, samePeers, type PresenceState } from '../../renderer/src/lib/presence.ts';
import { TypingPresence } from '../../renderer/src/lib/typing-presence.svelte.ts';

const ana = { user: { id: 'u-ana', name: 'Ana Lima', color: '#444444' }, field: 'body' } satisfies PresenceState;

describe('presence updates', () => {
  it('keeps who is typing while a typist only moves their caret', () => {
    const doc = new Y.Doc();
    const colleague = new Awareness(new Y.Doc());
    const awareness = new Awareness(doc);
    const typing = new TypingPresence(awareness, doc);
    // A colleague's state as it arrives: applied to our awareness as a remote state.
    const receive = (state: Record<string, unknown>) => {
      colleague.setLocalState(state);
      awareness.states.set(colleague.clientID, state);
      awareness.meta.set(colleague.clientID, { clock: (awareness.meta.get(colleague.clientID)?.clock ?? 0) + 1, lastUpdated: Date.now() });
      awareness.emit('change', [{ added: [], updated: [colleague.clientID], removed: [] }, 'remote']);
    };
    // First seen, then a new typingAt: typing (a value first seen is old news).
    receive({ ...ana, [TYPING_AT_FIELD]: 1, cursor: { at: 0 } });
    receive({ ...ana, [TYPING_AT_FIELD]: 2, cursor: { at: 1 } });
    const started = typing.typing;
    expect([...started]).toEqual([colleague.clientID]);
    for (let at = 2; at < 6; at++) receive({ ...ana, [TYPING_AT_FIELD]: 2 + at, cursor: { at } });
    expect(typing.typing).toBe(started);
    typing.destroy();
  });

  it('tells peers that moved their caret from peers that changed', () => {
    const before = peersFrom(new Map([[7, ana]]), 1);
    expect(samePeers(before, peersFrom(new Map([[7, { ...ana, cursor: { at: 3 } } as PresenceState]]), 1))).toBe(true);
    expect(samePeers(before, peersFrom(new Map([[7, { ...ana, field: 'headline' }]]), 1))).toBe(false);
    expect(samePeers(before, peersFrom(new Map([[7, ana], [8, { ...ana, user: { ...ana.user, id: 'u-ben', name: 'Ben' } }]]), 1))).toBe(false);
  });
});
