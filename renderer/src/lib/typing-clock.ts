// Who is typing now, from the `typingAt` each client sets in its presence as its user types.
// Another computer's clock may be off by minutes, so its value is never compared with ours:
// a person is typing while their value changed within TYPING_SHOWN_MS, by this computer's clock.
// Pure (the time is given), so it is tested without timers.

/** A client that types tells the others at most this often. */
export const TYPING_SIGNAL_MS = 1000;

/** A person counts as typing for this long after their last signal arrived. */
export const TYPING_SHOWN_MS = 6000;

/** Remembers when each client's `typingAt` last changed. */
export class TypingClock {
  private readonly seen = new Map<number, { value: number | null; changedAt: number }>();

  /**
   * Takes the clients' current `typingAt` values (null: none) at time `now`. A value first seen
   * is old news (it may be minutes old): only a change starts "typing". Clients not given are forgotten.
   */
  update(values: ReadonlyMap<number, number | null>, now: number): void {
    for (const clientId of this.seen.keys()) if (!values.has(clientId)) this.seen.delete(clientId);
    for (const [clientId, value] of values) {
      const known = this.seen.get(clientId);
      if (!known) this.seen.set(clientId, { value, changedAt: Number.NEGATIVE_INFINITY });
      else if (known.value !== value) this.seen.set(clientId, { value, changedAt: value === null ? Number.NEGATIVE_INFINITY : now });
    }
  }

  /** The clients typing at `now`. */
  typing(now: number): Set<number> {
    const typing = new Set<number>();
    for (const [clientId, { changedAt }] of this.seen) if (now - changedAt < TYPING_SHOWN_MS) typing.add(clientId);
    return typing;
  }

  /** How long after `now` someone stops counting as typing, or null when nobody is typing. */
  nextExpiry(now: number): number | null {
    let next: number | null = null;
    for (const { changedAt } of this.seen.values()) {
      const left = changedAt + TYPING_SHOWN_MS - now;
      if (left > 0 && (next === null || left < next)) next = left;
    }
    return next;
  }
}
