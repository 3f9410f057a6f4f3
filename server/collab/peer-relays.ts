// Updates another instance published before storing them. Each instance publishes an update
// as soon as it has applied it, and a "stored" note once its log holds it (room-fanout.ts);
// this instance relays such an update to its clients at once, but holds it until the note
// comes. One whose note does not come in time (its instance died, or cannot write) is stored
// here as well: updates are idempotent, so storing one twice costs a log entry, never content.
// A "saved" answer waits until everything held when it was asked is stored, so a client's
// change is confirmed only once whatever it may build on is stored too.

/** Where published updates stand in their sender's log: the marks after `from` up to `upto` of log `stream`. */
export interface LoggedRange {
  /** One open story on one instance (a new one each time it opens). */
  stream: number;
  from: number;
  upto: number;
}

/** How long a relayed update may wait for its "stored" note before this instance stores it. */
export const DEFAULT_PEER_STORE_WAIT_MS = 2000;

interface Held {
  /** Arrival order here; outstanding ids are kept in this order. */
  id: number;
  stream: number;
  upto: number;
  update: Uint8Array;
  at: number;
}

interface Waiter {
  id: number;
  resolve(): void;
}

/** The relayed updates of one room not yet known to be stored. */
export class PeerRelays {
  /** Held updates in arrival order. */
  private held: Held[] = [];
  /** Ids held or being stored here, in arrival order (a Set keeps insertion order). */
  private readonly outstanding = new Set<number>();
  private nextId = 1;
  /** Per stream, the first and last marks that arrived here. */
  private readonly seen = new Map<number, { first: number; last: number }>();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Stores updates in this instance's log; resolves once they are durable. */
    private readonly storeHere: (updates: Uint8Array[]) => Promise<void>,
    private readonly waitMs = DEFAULT_PEER_STORE_WAIT_MS,
  ) {}

  /** Holds `update`, published as `range`, until it is known to be stored. */
  relayed(update: Uint8Array, range: LoggedRange): void {
    const seen = this.seen.get(range.stream);
    if (seen) seen.last = range.upto;
    else this.seen.set(range.stream, { first: range.from + 1, last: range.upto });
    const id = this.nextId++;
    this.held.push({ id, stream: range.stream, upto: range.upto, update, at: Date.now() });
    this.outstanding.add(id);
    // Not unref'd: a shutdown storing the room waits for it (2 s at most).
    this.timer ??= setTimeout(this.expire, this.waitMs);
  }

  /**
   * Its sender stored `range`: what it covers is no longer held. True when the range covers
   * updates that never arrived here (published before this instance subscribed, or lost):
   * the story should be read back from the store, which now has them.
   */
  stored(range: LoggedRange): boolean {
    const still: Held[] = [];
    for (const h of this.held) {
      if (h.stream === range.stream && h.upto <= range.upto) this.outstanding.delete(h.id);
      else still.push(h);
    }
    this.held = still;
    this.release();
    const seen = this.seen.get(range.stream);
    return !seen || seen.first > range.from + 1 || seen.last < range.upto;
  }

  /** Resolves once everything held now is stored, by its sender or here. */
  whenStored(): Promise<void> {
    if (this.outstanding.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ id: this.nextId - 1, resolve }));
  }

  /** Stops the timer (the room is going away). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly expire = (): void => {
    this.timer = null;
    this.storeOlderThan(Date.now() - this.waitMs);
    if (this.held.length > 0) this.timer = setTimeout(this.expire, Math.max(1, this.held[0].at + this.waitMs - Date.now()));
  };

  // Stores here the held updates that arrived before `time`.
  private storeOlderThan(time: number): void {
    const due = this.held.filter((h) => h.at <= time);
    if (due.length === 0) return;
    this.held = this.held.filter((h) => h.at > time);
    void this.storeHere(due.map((h) => h.update)).then(() => {
      for (const h of due) this.outstanding.delete(h.id);
      this.release();
    });
  }

  private release(): void {
    if (this.waiters.length === 0) return;
    const lowest = this.outstanding.size === 0 ? Infinity : (this.outstanding.values().next().value as number);
    const ready = this.waiters.filter((w) => w.id < lowest);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.id >= lowest);
    for (const waiter of ready) waiter.resolve();
  }
}
