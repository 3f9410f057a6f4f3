// Per-user quotas at the collaboration endpoint: how many websockets one account may hold open,
// and how many stories may be loaded into memory on its behalf per minute.
import { TokenBucket } from './rate-limit.ts';

/** The quotas; both have defaults. */
export interface UserQuotaOptions {
  /** Open collaboration websockets per user (counted from sign-in check to socket close); one more is refused with 429. */
  connectionsPerUser?: number;
  /** Stories loaded from storage on one user's behalf per minute (joining a story already open is free); over it, 429. */
  articleOpensPerMinute?: number;
}

/** The defaults of UserQuotaOptions. */
const USER_QUOTA_DEFAULTS: Required<UserQuotaOptions> = {
  // Several windows and devices, each with a story or two open, and the background sync of unsent stories.
  connectionsPerUser: 20,
  articleOpensPerMinute: 60,
};

/** Connection slots and story loads per user. The maps hold one entry per user with open connections or a recent load. */
export class UserQuotas {
  readonly options: Required<UserQuotaOptions>;
  private readonly open = new Map<string, number>();
  private readonly loads = new Map<string, TokenBucket>();

  constructor(options: UserQuotaOptions = {}) {
    this.options = { ...USER_QUOTA_DEFAULTS, ...options };
  }

  /** Takes a connection slot for `userId`: false when the user is at the cap. Pair a true with `release`. */
  admit(userId: string): boolean {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.options.connectionsPerUser) return false;
    this.open.set(userId, count + 1);
    return true;
  }

  /** Gives back a slot taken with `admit`. */
  release(userId: string): void {
    const count = (this.open.get(userId) ?? 0) - 1;
    if (count > 0) this.open.set(userId, count);
    else this.open.delete(userId);
  }

  /** Charges one story load to `userId`: false when over the rate. */
  chargeArticleOpen(userId: string): boolean {
    for (const [id, bucket] of this.loads) if (bucket.isFull) this.loads.delete(id); // quiet users are forgotten
    let bucket = this.loads.get(userId);
    if (!bucket) {
      const perMinute = this.options.articleOpensPerMinute;
      bucket = new TokenBucket({ burst: perMinute, perSecond: perMinute / 60 });
      this.loads.set(userId, bucket);
    }
    return bucket.take();
  }
}
