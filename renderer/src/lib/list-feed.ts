// The story list's event stream as something a Reconnector keeps open (reconnect.ts): `sync`
// once the stream is open, `closed` whenever it ends by itself or fails, and a stream silent for
// longer than its heartbeat promises is taken for dead and closed.
import type { ListEvent } from '../../../model/list-events.ts';
import type { Api } from './api.ts';
import type { CloseInfo, Reconnectable } from './reconnect.ts';

/** Silence allowed before the first `ready` says how often the server beats. */
const FIRST_SILENCE_MS = 45_000;

/** What the feed tells its owner besides the events. */
export interface ListFeedEvents {
  /** Every event of the stream. */
  event(event: ListEvent): void;
  /** The stream is gone: ended, failed (`error`), or let go by `disconnect`. */
  down(error: unknown): void;
}

/** One event stream at a time, opened by `connect` and let go by `disconnect`. */
export class ListFeed implements Reconnectable {
  private abort: AbortController | null = null;
  private readonly closedListeners = new Set<(close: CloseInfo) => void>();
  private readonly syncListeners = new Set<(synced: boolean) => void>();

  constructor(
    private readonly api: () => Api,
    private readonly events: ListFeedEvents,
  ) {}

  /** Whether a stream is open or opening. */
  get connected(): boolean {
    return this.abort !== null;
  }

  connect(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    let silence = FIRST_SILENCE_MS;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    // Any bytes (a heartbeat, an event) show the stream alive; two missed heartbeats and a margin show it dead.
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => abort.abort(), silence);
    };
    alive();
    const onEvent = (event: ListEvent) => {
      if (event.type === 'ready') {
        silence = event.heartbeatMs * 2 + 5000;
        alive();
        for (const listener of this.syncListeners) listener(true);
      }
      this.events.event(event);
    };
    let failure: unknown = null;
    this.api()
      .listEvents(onEvent, abort.signal, alive)
      .catch((error: unknown) => (failure = error))
      .finally(() => {
        clearTimeout(watchdog);
        this.events.down(failure);
        // Let go by `disconnect`: nothing to reconnect.
        if (this.abort !== abort) return;
        this.abort = null;
        // Not a websocket: no close code; the reason says why the stream ended.
        const close: CloseInfo = { code: 0, reason: failure instanceof Error ? failure.message : 'the stream ended' };
        for (const listener of this.closedListeners) listener(close);
      });
  }

  disconnect(): void {
    const abort = this.abort;
    this.abort = null;
    abort?.abort();
  }

  on(event: 'closed', listener: (close: CloseInfo) => void): void;
  on(event: 'sync', listener: (synced: boolean) => void): void;
  on(event: 'closed' | 'sync', listener: ((close: CloseInfo) => void) | ((synced: boolean) => void)): void {
    if (event === 'closed') this.closedListeners.add(listener as (close: CloseInfo) => void);
    else this.syncListeners.add(listener as (synced: boolean) => void);
  }

  off(event: 'closed', listener: (close: CloseInfo) => void): void;
  off(event: 'sync', listener: (synced: boolean) => void): void;
  off(event: 'closed' | 'sync', listener: ((close: CloseInfo) => void) | ((synced: boolean) => void)): void {
    if (event === 'closed') this.closedListeners.delete(listener as (close: CloseInfo) => void);
    else this.syncListeners.delete(listener as (synced: boolean) => void);
  }
}
