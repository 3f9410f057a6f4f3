// Mutual exclusion between server instances for work on one story (compacting its log), so
// that two instances never rewrite the same story's snapshot at the same time.

/** A lock shared by every instance of the newsroom. */
export interface ArticleLock {
  /**
   * Runs `task` while holding the lock `name`. Resolves false without running it when the lock
   * cannot be had in time (another holder keeps it, or the service that keeps locks is known to
   * be unreachable); rejects when asking for it fails otherwise.
   */
  tryExclusive(name: string, task: () => Promise<void>): Promise<boolean>;
}
