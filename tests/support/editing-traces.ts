// Loading the real editing traces in ../shared/data/editing-traces (CC BY 4.0, see its README)
// and replaying concurrent ones with one Yjs replica per author.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { traceFile } from './shared-data.ts';

/** One edit: at `pos` delete `del` characters, then insert `ins`. */
export type Patch = [pos: number, del: number, ins: string];

/** A concurrent trace (see the traces README). */
export interface ConcurrentTrace {
  kind: 'concurrent';
  numAgents: number;
  endContent: string;
  txns: { parents: number[]; agent: number; patches: Patch[] }[];
}

/** Reads a gzipped trace. */
export function loadTrace<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(traceFile(name))).toString('utf8')) as T;
}

/**
 * Replays a concurrent trace: agent `a`'s transaction is made on a replica holding exactly the
 * transactions named by its parents (their whole history), so positions mean what they meant
 * to the author. Awaits `emit(agent, update, builtOn)` with each transaction's Yjs update, in
 * trace order; `builtOn` is the state vector the transaction was made on.
 * `text(doc)` picks the Y.Text-like type that holds the content; `base` is applied to every replica first.
 */
export async function replayConcurrent(
  trace: ConcurrentTrace,
  base: Uint8Array,
  text: (doc: Y.Doc) => Y.Text,
  emit: (agent: number, update: Uint8Array, builtOn: Map<number, number>) => void | Promise<void>,
): Promise<void> {
  const astral = trace.txns.some((t) => t.patches.some((p) => /[\uD800-\uDFFF]/.test(p[2])));
  if (astral) throw new Error('this replay assumes positions in UTF-16 units; the trace has astral characters');
  const replicas = Array.from({ length: trace.numAgents }, (_, agent) => {
    const doc = new Y.Doc();
    // friendsforever has concurrent insertions at one place (despite its README), which the
    // recorded text orders by agent; Yjs orders them by client id, so ids follow agent order.
    doc.clientID = agent + 1;
    Y.applyUpdate(doc, base);
    return { doc, has: new Uint8Array(trace.txns.length) };
  });
  const updates: Uint8Array[] = [];
  for (const [index, txn] of trace.txns.entries()) {
    const replica = replicas[txn.agent];
    // Bring in every ancestor this replica lacks (index order is a topological order).
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (replica.has[i]) continue;
      replica.has[i] = 1;
      missing.push(i);
      stack.push(...trace.txns[i].parents);
    }
    missing.sort((a, b) => a - b);
    for (const i of missing) Y.applyUpdate(replica.doc, updates[i]);
    const builtOn = Y.decodeStateVector(Y.encodeStateVector(replica.doc));
    const target = text(replica.doc);
    // The transaction's own update: just its insertions and deletions.
    const capture = (update: Uint8Array) => (updates[index] = update);
    replica.doc.on('update', capture);
    replica.doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) target.delete(pos, del);
        if (ins.length > 0) target.insert(pos, ins);
      }
    });
    replica.doc.off('update', capture);
    replica.has[index] = 1;
    if (updates[index]) await emit(txn.agent, updates[index], builtOn);
    else updates[index] = Y.encodeStateAsUpdate(new Y.Doc()); // a transaction that changed nothing
  }
}

/** Resolves once `doc` holds at least the content named by state vector `needed`. */
export function whenCovers(doc: Y.Doc, needed: Map<number, number>): Promise<void> | void {
  const covered = () => [...needed].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  if (covered()) return;
  return new Promise((resolve) => {
    const check = () => {
      if (!covered()) return;
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}
