// Typing in presence, both ways: this user's edits set `typingAt` in their presence (at most once
// a TYPING_SIGNAL_MS), and the others' changes of it say who is typing now (TypingClock).
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { presenceTypingAt, TYPING_AT_FIELD } from '../../../model/presence.ts';
import { TYPING_SIGNAL_MS, TypingClock } from './typing-clock.ts';

/** Who is typing in one open story, reactive. */
export class TypingPresence {
  /** The client ids of the people typing now. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- $state.raw: replaced whole, never changed in place
  typing = $state.raw<ReadonlySet<number>>(new Set());
  private readonly clock = new TypingClock();
  private lastSignal = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly awareness: Awareness,
    private readonly doc: Y.Doc,
  ) {
    doc.on('update', this.onUpdate);
    awareness.on('change', this.onChange);
    this.onChange();
  }

  /** Stops listening. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.doc.off('update', this.onUpdate);
    this.awareness.off('change', this.onChange);
  }

  // Only this user's own edits (a local transaction), not what the server or this device's copy brings.
  private readonly onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    const now = Date.now();
    if (!transaction.local || now - this.lastSignal < TYPING_SIGNAL_MS || this.awareness.getLocalState() === null) return;
    this.lastSignal = now;
    this.awareness.setLocalStateField(TYPING_AT_FIELD, now);
  };

  private readonly onChange = (): void => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a map local to this call
    const values = new Map<number, number | null>();
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId !== this.doc.clientID) values.set(clientId, presenceTypingAt((state as Record<string, unknown>)[TYPING_AT_FIELD]));
    }
    this.clock.update(values, Date.now());
    this.recount();
  };

  // Who is typing now, and again when the next person stops.
  private readonly recount = (): void => {
    const now = Date.now();
    const typing = this.clock.typing(now);
    // Presence changes with every colleague's keystroke (their caret): a new set only when someone started or stopped.
    if (typing.size !== this.typing.size || [...typing].some((id) => !this.typing.has(id))) this.typing = typing;
    if (this.timer) clearTimeout(this.timer);
    const next = this.clock.nextExpiry(now);
    this.timer = next === null ? null : setTimeout(this.recount, next + 1);
  };
}
