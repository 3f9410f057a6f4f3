// The per-user quotas on writes that cost storage or memory, with their defaults.

/** Quotas a server is started with (README, "Limits"). */
export interface QuotaOptions {
  /** Revision writes (save, submit, approve, send back, restore) one user may make on one story at once… */
  revisionBurst: number;
  /** …and then one more every this many ms. */
  revisionIntervalMs: number;
  /** Uploads one user may have in progress at once. */
  uploadsPerUser: number;
  /** Uploads in progress at once, everyone together (each holds up to 25 MiB in memory). */
  uploadsTotal: number;
}

/**
 * 20 at once, then 10 a minute: a reporter saving and submitting several times in a minute never
 * meets it; a script saving a 2 MB story in a loop is held to 10 copies a minute.
 */
export const DEFAULT_QUOTAS: QuotaOptions = {
  revisionBurst: 20,
  revisionIntervalMs: 6_000,
  uploadsPerUser: 3,
  uploadsTotal: 16,
};
