// Reconnecting: full-jitter backoff that is quick for the first failures and for a server that
// said it is restarting, no attempts while the device is offline, letting go when it goes
// offline, a session check after repeated failures (at once when the session ended), a fresh
// ticket before every attempt, "Retry now" without waiting, and no request storm when a whole
// newsroom comes back online at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARTICLE_GONE_CLOSE, ROLE_CHANGED_CLOSE, SERVER_RESTARTING_CLOSE, SESSION_ENDED_CLOSE } from '../../model/close-codes.ts';
import { backoffDelay, DEFAULT_BACKOFF, Reconnector, type CloseInfo, type NetworkSignals, type Reconnectable } from '../../renderer/src/lib/reconnect.ts';

/** A provider that records connects and disconnects, and lets the test close it or sync it. */
function fakeProvider() {
  const listeners = { closed: new Set<(close: CloseInfo) => void>(), sync: new Set<(synced: boolean) => void>() };
  const calls: string[] = [];
  const provider: Reconnectable = {
    connect: () => void calls.push('connect'),
    disconnect: () => void calls.push('disconnect'),
    on: (event: 'closed' | 'sync', listener: never) => void (listeners[event] as Set<unknown>).add(listener),
    off: (event: 'closed' | 'sync', listener: never) => void (listeners[event] as Set<unknown>).delete(listener),
  };
  return {
    provider,
    calls,
    close: (code = 1006) => listeners.closed.forEach((l) => l({ code, reason: '' })),
    sync: () => listeners.sync.forEach((l) => l(true)),
    listenerCount: () => listeners.closed.size + listeners.sync.size,
  };
}

/** A network the test switches on and off. */
function fakeNetwork(onLine = true) {
  const listeners = { online: new Set<() => void>(), offline: new Set<() => void>() };
  const network: NetworkSignals & { onLine: boolean; set(value: boolean): void; count(): number } = {
    onLine,
    addEventListener: (type, l) => void listeners[type].add(l),
    removeEventListener: (type, l) => void listeners[type].delete(l),
    set(value) {
      this.onLine = value;
      listeners[value ? 'online' : 'offline'].forEach((l) => l());
    },
    count: () => listeners.online.size + listeners.offline.size,
  };
  return network;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Closes the provider and measures, in 10 ms steps, how long until the reconnector connects again. */
function waitAfterClose(p: ReturnType<typeof fakeProvider>, code?: number): number {
  p.close(code);
  const before = p.calls.length;
  let waited = 0;
  while (p.calls.length === before) {
    vi.advanceTimersByTime(10);
    waited += 10;
  }
  return waited;
}

describe('backoffDelay', () => {
  it('is uniform below the base for the first quick tries, then below min(cap, base·2^(failures − quick tries))', () => {
    const { baseMs, capMs, quickTries } = DEFAULT_BACKOFF;
    expect([baseMs, capMs, quickTries]).toEqual([1000, 30_000, 3]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 40].map((failures) => backoffDelay(failures, () => 0.999))).toEqual([999, 999, 999, 1998, 3996, 7992, 15984, 29970, 29970, 29970]);
    expect(backoffDelay(5, () => 0.5)).toBe(2000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });

  it('spreads a thousand clients returning at once over the whole window', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(1));
    const window = DEFAULT_BACKOFF.baseMs;
    expect(Math.max(...delays)).toBeLessThan(window);
    // No 100 ms slice of the window gets more than a fifth of the clients (uniform: a tenth).
    const perSlice = new Map<number, number>();
    for (const d of delays) perSlice.set(Math.floor(d / 100), (perSlice.get(Math.floor(d / 100)) ?? 0) + 1);
    expect(perSlice.size).toBe(10);
    expect(Math.max(...perSlice.values())).toBeLessThan(200);
  });
});

describe('Reconnector', () => {
  it('connects on start only when online, and when the network returns', () => {
    const p = fakeProvider();
    const network = fakeNetwork(false);
    const r = new Reconnector(p.provider, { network, random: () => 0.5 });
    r.start();
    expect(p.calls).toEqual([]);
    network.set(true);
    vi.advanceTimersByTime(500); // backoffDelay(1) with random 0.5 = 500 ms
    expect(p.calls).toEqual(['connect']);
    r.destroy();
  });

  it('lets go of the socket when the device goes offline, and does not retry until online', () => {
    const p = fakeProvider();
    const network = fakeNetwork(true);
    const r = new Reconnector(p.provider, { network, random: () => 0.5 });
    r.start();
    p.close(); // a retry is scheduled...
    network.set(false); // ...and cancelled by going offline
    vi.advanceTimersByTime(60_000);
    expect(p.calls).toEqual(['connect', 'disconnect']);
    network.set(true);
    vi.advanceTimersByTime(1000);
    expect(p.calls).toEqual(['connect', 'disconnect', 'connect']);
    r.destroy();
  });

  it('retries quickly after a drop, backs off exponentially while attempts keep failing, checks the session after three, and starts over once synced', () => {
    const p = fakeProvider();
    const check = vi.fn();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.999, check });
    r.start();
    const waits = Array.from({ length: 7 }, () => waitAfterClose(p));
    expect(waits).toEqual([1000, 1000, 1000, 2000, 4000, 8000, 15990]);
    expect(check).toHaveBeenCalledTimes(1);
    p.sync();
    p.close(); // the first failure again: under a second (999 ms with this random)
    vi.advanceTimersByTime(998);
    expect(p.calls.filter((c) => c === 'connect')).toHaveLength(8);
    vi.advanceTimersByTime(1);
    expect(p.calls.filter((c) => c === 'connect')).toHaveLength(9);
    r.destroy();
  });

  it('keeps retrying within a second for a minute after the server said it is restarting, then backs off again', () => {
    const p = fakeProvider();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.999 });
    r.start();
    // The server closes with "server restarting"; while it is down, every attempt fails with 1006.
    const waits = [waitAfterClose(p, SERVER_RESTARTING_CLOSE), ...Array.from({ length: 20 }, () => waitAfterClose(p))];
    expect(new Set(waits)).toEqual(new Set([1000]));
    // A minute after the restart began, a server still down is backed off as any other failure.
    vi.advanceTimersByTime(60_000 - waits.reduce((a, b) => a + b, 0));
    expect(waitAfterClose(p)).toBe(29_970);
    // Once synced, a plain drop starts quick again and is not treated as a restart.
    p.sync();
    expect([waitAfterClose(p), waitAfterClose(p), waitAfterClose(p), waitAfterClose(p)]).toEqual([1000, 1000, 1000, 2000]);
    r.destroy();
  });

  it('"Retry now" connects at once, cancels the pending retry, and tries even when the device says it is offline', async () => {
    const p = fakeProvider();
    const network = fakeNetwork();
    const prepare = vi.fn(async () => undefined);
    const r = new Reconnector(p.provider, { network, random: () => 0.999, prepare });
    expect(r.retryNow()).toBe(false); // not started: nothing to retry
    r.start();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 6; i++) {
      p.close();
      await vi.advanceTimersByTimeAsync(30_000);
    }
    expect(p.calls).toHaveLength(7);
    p.close(); // the next retry is 16 s away
    expect(r.retryNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(p.calls).toHaveLength(8);
    // The retry that was scheduled does not come on top.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(p.calls).toHaveLength(8);
    // The device claims to be offline, the person asks anyway: one attempt, and no more until online.
    network.set(false);
    p.close();
    r.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.calls.slice(8)).toEqual(['disconnect', 'connect']);
    p.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(p.calls).toHaveLength(10);
    expect(prepare).toHaveBeenCalledTimes(10 - 1);
    r.destroy();
  });

  it('does nothing before start (a story created offline waits for the server to know it) and nothing after destroy', () => {
    const p = fakeProvider();
    const network = fakeNetwork(true);
    const r = new Reconnector(p.provider, { network });
    network.set(false);
    network.set(true);
    p.close();
    vi.advanceTimersByTime(60_000);
    expect(p.calls).toEqual([]);
    r.destroy();
    expect(p.listenerCount()).toBe(0);
    expect(network.count()).toBe(0);
  });

  it('checks the session at once when the server closed the socket because the session ended', () => {
    const p = fakeProvider();
    const check = vi.fn();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.5, check });
    r.start();
    p.close(1006);
    expect(check).not.toHaveBeenCalled();
    p.close(SESSION_ENDED_CLOSE);
    expect(check).toHaveBeenCalledTimes(1);
    r.destroy();
  });

  it('stops for good and says so when the server closed the socket because the story is not one this user may see', () => {
    const p = fakeProvider();
    const ongone = vi.fn();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.5, ongone });
    r.start();
    p.calls.length = 0;
    p.close(ARTICLE_GONE_CLOSE);
    expect(ongone).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * 60_000);
    expect(p.calls).toEqual([]);
    r.destroy();
  });

  it('after a close saying the role changed, checks the session (to learn the new role) and reconnects within the first window', () => {
    const p = fakeProvider();
    const check = vi.fn();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.999, check });
    r.start();
    p.calls.length = 0;
    p.close(ROLE_CHANGED_CLOSE);
    expect(check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(DEFAULT_BACKOFF.baseMs);
    expect(p.calls).toEqual(['connect']);
    r.destroy();
  });

  it('prepares every attempt (a fresh ticket) before connecting, and counts a failed preparation as a failed attempt', async () => {
    const p = fakeProvider();
    const tickets: string[] = [];
    let fail = false;
    const prepare = vi.fn(async () => {
      if (fail) throw new Error('cannot reach the server');
      tickets.push(`ticket-${tickets.length}`);
      p.calls.push(`params:${tickets.at(-1)}`);
    });
    const check = vi.fn();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.999, check, prepare });
    r.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.calls).toEqual(['params:ticket-0', 'connect']);
    p.close();
    await vi.advanceTimersByTimeAsync(999);
    expect(p.calls).toEqual(['params:ticket-0', 'connect', 'params:ticket-1', 'connect']);
    // The server is unreachable: no ticket, no connect, and the attempts back off and get the session checked.
    fail = true;
    p.close();
    await vi.advanceTimersByTimeAsync(999 + 999 + 1998);
    expect(prepare).toHaveBeenCalledTimes(5);
    expect(p.calls.filter((c) => c === 'connect')).toHaveLength(2);
    expect(check).toHaveBeenCalledTimes(1);
    r.destroy();
  });

  it('drops a preparation that finishes after the device went offline or the reconnector was destroyed', async () => {
    const p = fakeProvider();
    let finish: () => void = () => undefined;
    const network = fakeNetwork();
    const r = new Reconnector(p.provider, { network, random: () => 0.5, prepare: () => new Promise<void>((resolve) => (finish = resolve)) });
    r.start();
    network.set(false);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.calls).toEqual(['disconnect']);
    network.set(true);
    await vi.advanceTimersByTimeAsync(500);
    r.destroy();
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.calls).toEqual(['disconnect']);
  });

  it('after a refusal keeps backing off though each attempt syncs, comes back soon after a local change, and starts over once recovered', () => {
    const p = fakeProvider();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.999 });
    r.start();
    const connects = () => p.calls.filter((c) => c === 'connect').length;
    const waitForConnect = () => {
      const before = connects();
      let waited = 0;
      while (connects() === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      return waited;
    };
    // Each attempt syncs, then the server refuses the client's changes and closes.
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      p.sync();
      r.refused();
      p.close();
      waits.push(waitForConnect());
    }
    // The quick first tries, then doubling: a sync between them does not start the schedule over.
    expect(waits).toEqual([1000, 1000, 1000, 2000, 4000, 8000]);
    // The user changes something: the next attempt is within the first window, not 16 s away.
    p.sync();
    p.close();
    r.retrySoon();
    expect(waitForConnect()).toBe(1000);
    // The server took it: a later lost connection starts from the first window again.
    r.recovered();
    p.sync();
    p.close();
    expect(waitForConnect()).toBe(1000);
    r.destroy();
  });
});
