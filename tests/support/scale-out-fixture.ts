// The scale-out failure tests' `it` (the integration fixtures plus `proxy`) and their small helpers.
import * as Y from 'yjs';
import { startFailoverProxy, type FailoverProxy } from './failover-proxy.ts';
import { it as base } from './fixtures.ts';

/** The integration `it` with `proxy`: starts a failover proxy (see startFailoverProxy); closed after the test. */
export const it = base.extend('proxy', async ({ defer }) => async (...args: Parameters<typeof startFailoverProxy>): Promise<FailoverProxy> => {
  const started = await startFailoverProxy(...args);
  defer(() => started.close());
  return started;
});

/** A Redis URL through proxy `p`. */
export const redisThrough = (p: FailoverProxy) => `redis://127.0.0.1:${p.port}`;

/** Whether two documents hold the same content (equal state vectors). */
export const sameState = (x: Y.Doc, y: Y.Doc) => Buffer.from(Y.encodeStateVector(x)).equals(Buffer.from(Y.encodeStateVector(y)));

/** Types `value` at the end of `text`. */
export const append = (text: Y.Text, value: string) => text.insert(text.length, value);
