// Failed sign-ins slow down, they never lock out: each key (a username, an address, a device)
// has a few free failures, then every further failure doubles the wait before that key's next
// attempt, up to a cap. A key forgets its failures after a quiet hour. The counts live behind
// a small interface: in memory for one instance, in Redis when several share the work.

/** How one kind of key slows down: `free` failures cost nothing, then waits of base·2^k up to `capMs`. */
export interface DelayPolicy {
  free: number;
  baseMs: number;
  capMs: number;
}

/** The policies of sign-in, and how long a key must stay quiet to be forgotten. */
export interface SignInPolicies {
  /** Attempts for one username from clients without a device token for it, from any address. */
  username: DelayPolicy;
  /** Attempts from one address without a device token, for any username. */
  address: DelayPolicy;
  /** Attempts that show a device token: counted per device only. */
  device: DelayPolicy;
  quietMs: number;
}

/** The defaults (README, "Signing in"). */
export const DEFAULT_SIGN_IN_POLICIES: SignInPolicies = {
  username: { free: 5, baseMs: 1000, capMs: 5 * 60_000 },
  address: { free: 30, baseMs: 1000, capMs: 60_000 },
  device: { free: 5, baseMs: 1000, capMs: 5 * 60_000 },
  quietMs: 3600_000,
};

/** The wait a key owes after `failures` failures in a row. */
export function delayAfter(failures: number, policy: DelayPolicy): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.capMs, policy.baseMs * 2 ** (failures - policy.free - 1));
}

/** A key and the policy it is counted under. */
export interface ThrottleKey {
  key: string;
  policy: DelayPolicy;
}

/** What `begin` decided: wait (nothing counted), or go ahead with each key's failure count including this attempt. */
export type Admission = { waitMs: number; failures?: undefined } | { waitMs: 0; failures: number[] };

/** Where failure counts are kept. */
export interface AttemptLedger {
  /**
   * If no key owes a wait, counts this attempt as a failure on every key up front (so a burst of
   * parallel guesses is counted too) and lets it go ahead; else answers the longest wait.
   */
  begin(keys: ThrottleKey[], quietMs: number, now: number): Promise<Admission>;
  /** The attempt succeeded: takes back its up-front failure on `forgive` and forgets `reset` entirely. */
  succeed(forgive: string[], reset: string[]): Promise<void>;
  /** Drops keys quiet for longer than `quietMs` (the in-memory ledger; Redis expires them itself). */
  prune(quietMs: number, now: number): void;
}

interface Entry {
  failures: number;
  last: number;
}

/** The wait `entry` owes at `now` under `policy` (0 for a forgotten entry). */
function owed(entry: Entry | undefined, policy: DelayPolicy, quietMs: number, now: number): number {
  if (!entry || now - entry.last > quietMs) return 0;
  return Math.max(0, entry.last + delayAfter(entry.failures, policy) - now);
}

/** The ledger of one instance. */
export class MemoryLedger implements AttemptLedger {
  private readonly entries = new Map<string, Entry>();

  async begin(keys: ThrottleKey[], quietMs: number, now: number): Promise<Admission> {
    return this.beginNow(keys, quietMs, now);
  }

  /** `begin` without the promise, for the Redis ledger's fallback. */
  beginNow(keys: ThrottleKey[], quietMs: number, now: number): Admission {
    const waitMs = Math.max(0, ...keys.map(({ key, policy }) => owed(this.entries.get(key), policy, quietMs, now)));
    if (waitMs > 0) return { waitMs };
    const failures = keys.map(({ key }) => {
      const entry = this.entries.get(key);
      const count = entry && now - entry.last <= quietMs ? entry.failures + 1 : 1;
      this.entries.set(key, { failures: count, last: now });
      return count;
    });
    return { waitMs: 0, failures };
  }

  async succeed(forgive: string[], reset: string[]): Promise<void> {
    for (const key of forgive) {
      const entry = this.entries.get(key);
      if (entry && --entry.failures <= 0) this.entries.delete(key);
    }
    for (const key of reset) this.entries.delete(key);
  }

  prune(quietMs: number, now: number): void {
    for (const [key, entry] of this.entries) if (now - entry.last > quietMs) this.entries.delete(key);
  }

  /** How many keys are kept (for tests of pruning). */
  get size(): number {
    return this.entries.size;
  }
}
