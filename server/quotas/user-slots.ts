// Concurrent work per user and in total (uploads in progress): a slot is taken before the work
// starts and given back when it ends, whatever happens.

/** Why a slot was refused: the user has `perUser` already, or everyone together has `total`. */
export type SlotRefusal = 'user' | 'total';

/** Counts slots per user and overall. */
export class UserSlots {
  private readonly held = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perUser: number,
    private readonly maxTotal: number,
  ) {}

  /** Takes a slot for `userId`: a function that gives it back (once), or why it was refused. */
  take(userId: string): { release: () => void } | { refused: SlotRefusal } {
    const mine = this.held.get(userId) ?? 0;
    if (mine >= this.perUser) return { refused: 'user' };
    if (this.total >= this.maxTotal) return { refused: 'total' };
    this.held.set(userId, mine + 1);
    this.total++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.held.get(userId) ?? 1) - 1;
        if (left > 0) this.held.set(userId, left);
        else this.held.delete(userId);
      },
    };
  }
}
