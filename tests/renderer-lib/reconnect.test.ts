// Reconnecting: full-jitter backoff, no attempts while the device is offline, letting go when it
// goes offline, a session check after repeated failures (at once when the session ended), a
// fresh ticket before every attempt, and no request storm when a whole newsroom comes back
// online at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED_CLOSE } from '../../model/close-codes.ts';
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
  } as Reconnectable;
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

describe('backoffDelay', () => {
  it('is uniform below min(cap, base·2^attempt)', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(499);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(20, () => 0.999)).toBe(DEFAULT_BACKOFF.capMs - 30);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });

  it('spreads a thousand clients returning at once over the whole window', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(1));
    const window = DEFAULT_BACKOFF.baseMs * 2;
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

  it('backs off exponentially while attempts fail, checks the session after three, and starts over once synced', () => {
    const p = fakeProvider();
    const check = vi.fn();
    const r = new Reconnector(p.provider, { network: fakeNetwork(), random: () => 0.999, check });
    r.start();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      p.close();
      const before = p.calls.length;
      let waited = 0;
      while (p.calls.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(check).toHaveBeenCalledTimes(1);
    p.sync();
    p.close(); // the first failure again: under 500 ms (499 with this random)
    vi.advanceTimersByTime(498);
    expect(p.calls.filter((c) => c === 'connect')).toHaveLength(6);
    vi.advanceTimersByTime(1);
    expect(p.calls.filter((c) => c === 'connect')).toHaveLength(7);
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
    await vi.advanceTimersByTimeAsync(500);
    expect(p.calls).toEqual(['params:ticket-0', 'connect', 'params:ticket-1', 'connect']);
    // The server is unreachable: no ticket, no connect, and the attempts back off and get the session checked.
    fail = true;
    p.close();
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
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
    for (let attempt = 0; attempt < 4; attempt++) {
      p.sync();
      r.refused();
      p.close();
      waits.push(waitForConnect());
    }
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    // The user changes something: the next attempt is within the first window, not 8 s away.
    p.sync();
    p.close();
    r.retrySoon();
    expect(waitForConnect()).toBe(500);
    // The server took it: a later lost connection starts from the first window again.
    r.recovered();
    p.sync();
    p.close();
    expect(waitForConnect()).toBe(500);
    r.destroy();
  });
});
