// A store whose writes can be made to fail, to test what happens when the disk says no.
import type { Store } from '../../server/storage/store.ts';

/** Switches for a flaky store. */
export interface FlakyControls {
  failing: boolean;
  failedWrites: number;
}

const GUARDED = new Set<string | symbol>(['appendUpdates', 'compact', 'updateArticleSummary']);

/** Wraps `inner`; while `controls.failing` is set, appends, compactions and summaries throw. */
export function flakyStore(inner: Store): { store: Store; controls: FlakyControls } {
  const controls: FlakyControls = { failing: false, failedWrites: 0 };
  const store = new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!GUARDED.has(prop)) return value.bind(target);
      return async (...args: unknown[]) => {
        if (controls.failing) {
          controls.failedWrites++;
          throw new Error('disk I/O error (injected)');
        }
        return value.apply(target, args);
      };
    },
  });
  return { store, controls };
}
