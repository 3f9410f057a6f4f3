// The per-user, per-story rate of workflow writes (revisions, review steps, spikes): a token
// bucket per user and story, refusing with 429 and Retry-After, one log line per run of refusals.
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../log.ts';
import type { QuotaOptions } from './quota-options.ts';
import { TokenBuckets } from './token-buckets.ts';

/** Counts one write by `username` (`userId`) on story `articleId`, or throws 429; `what` names the write in the log. */
export type ArticleWriteLimit = (user: { id: string; username: string }, articleId: string, what: string) => void;

/** A limit of `quotas.revisionBurst` writes of `noun`s (revision, spike) at once per user and story, then one every `quotas.revisionIntervalMs`. */
export function articleWriteLimit(quotas: QuotaOptions, log: Logger, noun: string): ArticleWriteLimit {
  const writes = new TokenBuckets(quotas.revisionBurst, quotas.revisionIntervalMs);
  return (user, articleId, what) => {
    const take = writes.take(`${user.id}\n${articleId}`);
    if (take.allowed) return;
    const seconds = Math.ceil(take.retryAfterMs / 1000);
    if (take.firstRefusal) log.warn(`${noun}s: ${user.username} is writing ${noun}s of story ${articleId} too fast (${what}); refused with 429 for ${seconds} s`);
    throw new HttpError(429, `Too many ${noun} changes to this story at once. Try again in ${seconds} s.`, { 'retry-after': String(seconds) });
  };
}
