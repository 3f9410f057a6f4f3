// Loading something heavy (a comparison, a check in a compute worker) when the server may answer
// "busy": 429 when this user already has as many heavy requests running as it allows, 503 when the
// server's workers are all taken. Both ask to try again shortly, so a read is retried a few times.
import { ApiError } from './api.ts';

/** How often and how patiently to retry. */
export interface RetryOptions {
  attempts?: number;
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `load()`, tried again after `pauseMs` while the server answers 429 or 503, at most `attempts` times in all. */
export async function retryWhileBusy<T>(load: () => Promise<T>, { attempts = 5, pauseMs = 1000, sleep = wait }: RetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      const busy = error instanceof ApiError && (error.status === 429 || error.status === 503);
      if (!busy || attempt >= attempts) throw error;
      await sleep(pauseMs);
    }
  }
}
