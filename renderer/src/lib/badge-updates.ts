// The dock/taskbar badge, set at most once a BADGE_SETTLE_MS and only when its number changed.
// The number follows every keystroke (a story has unsent work from the keystroke until the
// server confirms it, a few milliseconds later), and each set is a call out of the page (the
// Badging API, or the desktop shell over IPC): the browser bench's profile showed
// clearAppBadge on every keystroke. A badge that settles a moment later says the same.

/** How long the badge waits for its number to settle. */
export const BADGE_SETTLE_MS = 500;

/** Sets the badge to the latest number asked for, once it settled, when it is not what the badge shows. */
export class BadgeUpdates {
  private shown: number | null = null;
  private wanted = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly set: (count: number) => void,
    private readonly settleMs = BADGE_SETTLE_MS,
  ) {}

  /** The badge should show `count` (0: none). */
  want(count: number): void {
    this.wanted = count;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      if (this.wanted === this.shown) return;
      this.shown = this.wanted;
      this.set(this.wanted);
    }, this.settleMs);
  }

  /** Drops a set not yet made. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
