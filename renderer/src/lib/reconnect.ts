// Keeping a story connected: connect when wanted and the device is online, let go when the
// device goes offline, and after a lost connection try again: quickly at first, then with
// exponential backoff, always with full jitter, so a whole newsroom whose Wi-Fi returns at once
// does not knock all at once. A server that closed the socket saying it is restarting is
// retried quickly for a while (it is coming back). Before each attempt an optional `prepare`
// step runs (fetching a fresh websocket ticket); a socket closed because its session ended, or
// because the account's role changed (it reconnects quickly with the new rights), has the session
// checked at once; `retryNow` skips the wait when a person asks.
import { ARTICLE_GONE_CLOSE, ROLE_CHANGED_CLOSE, SERVER_RESTARTING_CLOSE, SESSION_ENDED_CLOSE } from '../../../model/close-codes.ts';

/** Backoff settings. */
export interface Backoff {
  /** The shortest window: a retry comes at a random moment within it. */
  baseMs: number;
  /** The longest window. */
  capMs: number;
  /** Failures in a row retried within `baseMs` before the window starts doubling (a blip is over fast). */
  quickTries: number;
  /** After a close saying the server is restarting, retries stay within `baseMs` for this long. */
  restartMs: number;
}

/** The default: the first three retries within a second, then 2, 4, 8, 16 s windows, never more than 30 s apart; a restart is retried within a second for a minute. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, capMs: 30_000, quickTries: 3, restartMs: 60_000 };

/** The wait after `failures` failed attempts in a row (1 or more): uniform in [0, window), the window doubling after `quickTries`. */
export function backoffDelay(failures: number, random: () => number = Math.random, backoff: Backoff = DEFAULT_BACKOFF): number {
  const doublings = Math.max(0, failures - backoff.quickTries);
  return Math.floor(random() * Math.min(backoff.capMs, backoff.baseMs * 2 ** doublings));
}

/** How the server closed a connection (y-websocket's `closed` event). */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** What the reconnector drives: a y-websocket provider, reduced to what it needs. */
export interface Reconnectable {
  connect(): void;
  disconnect(): void;
  on(event: 'closed', listener: (close: CloseInfo) => void): void;
  on(event: 'sync', listener: (synced: boolean) => void): void;
  off(event: 'closed', listener: (close: CloseInfo) => void): void;
  off(event: 'sync', listener: (synced: boolean) => void): void;
}

/** Where online/offline events come from, and whether the device is online now. */
export interface NetworkSignals {
  readonly onLine: boolean;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** The browser's own signals. */
export const browserNetwork = (): NetworkSignals => ({
  get onLine() {
    return navigator.onLine;
  },
  addEventListener: (type, listener) => window.addEventListener(type, listener),
  removeEventListener: (type, listener) => window.removeEventListener(type, listener),
});

/** Options of a Reconnector; all but the provider have defaults. */
export interface ReconnectOptions {
  /** Runs before each attempt (e.g. a fresh ticket into the provider's params); a rejection counts as a failed attempt. */
  prepare?: () => Promise<void>;
  /** Called after `checkAfter` failed attempts in a row, or at once when the session ended: is the session still valid? */
  check?: () => void;
  /** Called once when the server says the story is not one this user may see (4404): no more attempts follow. */
  ongone?: () => void;
  checkAfter?: number;
  random?: () => number;
  backoff?: Backoff;
  network?: NetworkSignals;
}

/**
 * Drives a provider created with `connect: false` and `shouldReconnect: () => false` (so that it
 * stops and emits `closed` on every lost connection instead of retrying on its own schedule).
 */
export class Reconnector {
  private wanted = false;
  private failures = 0;
  /** Until when failures are retried quickly because the server said it was restarting (0: not). */
  private restartingUntil = 0;
  /** Counts attempts, so that a `prepare` that finishes after a newer attempt, going offline or destroy is dropped. */
  private attempts = 0;
  /** The server refused this client's changes: a sync alone is no recovery (they would be refused again). */
  private refusing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly network: NetworkSignals;
  private readonly backoff: Backoff;

  constructor(
    private readonly provider: Reconnectable,
    private readonly options: ReconnectOptions = {},
  ) {
    this.network = options.network ?? browserNetwork();
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    provider.on('closed', this.onClosed);
    provider.on('sync', this.onSync);
    this.network.addEventListener('online', this.onOnline);
    this.network.addEventListener('offline', this.onOffline);
  }

  /** From now on keep the provider connected whenever the device is online. */
  start(): void {
    this.wanted = true;
    if (this.network.onLine) this.attempt(false);
  }

  /** Tries at once, skipping the wait; also when the device says it is offline (a person asking may know better). False when not started. */
  retryNow(): boolean {
    if (!this.wanted) return false;
    this.clearTimer();
    this.attempt(true);
    return true;
  }

  // `anyway`: connect even if the device says it is offline (only when a person asked).
  private attempt(anyway: boolean): void {
    const attempt = ++this.attempts;
    if (!this.options.prepare) return this.provider.connect();
    this.options.prepare().then(
      () => {
        if (attempt === this.attempts && this.wanted && (anyway || this.network.onLine)) this.provider.connect();
      },
      () => {
        if (attempt === this.attempts && this.wanted) this.onClosed();
      },
    );
  }

  /**
   * The server closed the connection refusing this client's changes. Sending the same again
   * would be refused again, so attempts keep backing off (a successful sync does not reset
   * them) until `recovered()`, or `retrySoon()` after the user changed something.
   */
  refused(): void {
    this.refusing = true;
  }

  /** The server took the changes at last: back to the ordinary schedule. */
  recovered(): void {
    this.refusing = false;
    this.failures = 0;
  }

  /** Something changed that the server may take now: the next attempt comes within the first backoff window. */
  retrySoon(): void {
    if (this.wanted && this.timer) this.schedule(backoffDelay(0, this.options.random, this.options.backoff));
  }

  /** Stops reconnecting (the provider itself is the caller's to destroy). */
  destroy(): void {
    this.wanted = false;
    this.attempts++;
    this.clearTimer();
    this.provider.off('closed', this.onClosed);
    this.provider.off('sync', this.onSync);
    this.network.removeEventListener('online', this.onOnline);
    this.network.removeEventListener('offline', this.onOffline);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      // Offline by now: the 'online' event reschedules.
      if (this.wanted && this.network.onLine) this.attempt(false);
    }, delay);
  }

  private readonly onClosed = (close?: CloseInfo): void => {
    if (!this.wanted) return;
    // Restricted away from this user (or gone): retrying would only be refused again.
    if (close?.code === ARTICLE_GONE_CLOSE) {
      this.wanted = false;
      this.clearTimer();
      this.options.ongone?.();
      return;
    }
    this.failures++;
    if (close?.code === SERVER_RESTARTING_CLOSE) this.restartingUntil = Date.now() + this.backoff.restartMs;
    // A session that ended is not a network problem: find out now (the app then asks to sign in
    // again); nor is a changed role (the app learns the new one, and the retry comes as after a blip).
    if (close?.code === SESSION_ENDED_CLOSE || close?.code === ROLE_CHANGED_CLOSE) this.options.check?.();
    else if (this.options.check && this.failures === (this.options.checkAfter ?? 3)) this.options.check();
    // A restarting server comes back within seconds: keep every retry within the first window meanwhile.
    const failures = Date.now() < this.restartingUntil ? 1 : this.failures;
    this.schedule(backoffDelay(failures, this.options.random, this.backoff));
  };

  private readonly onSync = (synced: boolean): void => {
    if (!synced || this.refusing) return;
    this.failures = 0;
    this.restartingUntil = 0;
  };

  // The network is back: try soon, but not everyone at the same instant.
  private readonly onOnline = (): void => {
    if (this.wanted) this.schedule(backoffDelay(1, this.options.random, this.backoff));
  };

  // The device says it is offline: a socket may linger for a while before it notices, so let
  // go now; edits carry on locally and the 'online' event brings the connection back.
  private readonly onOffline = (): void => {
    this.clearTimer();
    this.attempts++;
    if (this.wanted) this.provider.disconnect();
  };
}
