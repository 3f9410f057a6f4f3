// Checks, before an update is applied, that everything it builds on is already in the
// document. Yjs would otherwise park such an update as "pending" forever and carry it into
// every snapshot; an update like that comes from a client talking about another document.
// The same single decode also tells which client ids write into the document for the first
// time, so that the room can record whose they are.
import * as Y from 'yjs';

/** What inspecting an update found. */
export interface UpdateInspection {
  /** Why the update cannot be applied, or null when all it refers to is known. */
  missing: string | null;
  /** Client ids whose content the document has none of yet (empty when `missing` is set). */
  newClients: readonly number[];
}

// Most updates (keystrokes) bring no new client: they all share this one empty list.
const NONE: readonly number[] = Object.freeze([]);

const refused = (missing: string): UpdateInspection => ({ missing, newClients: NONE });

/** Decodes `update` once: whether it fits `doc`, and which of its clients are new to `doc`. */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateInspection {
  const { structs, ds } = Y.decodeUpdate(update);
  const known = Y.getState.bind(null, doc.store);
  // reach[client]: the clock up to which this client's content is known (document plus update).
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? known(client);
  let newClients: number[] | null = null;

  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (struct instanceof Y.Skip) continue;
    if (clock > reachOf(client)) return refused(`content of client ${client} starts at ${clock} but only ${reachOf(client)} is known`);
    if (!reach.has(client) && known(client) === 0) (newClients ??= []).push(client);
    reach.set(client, Math.max(reachOf(client), clock + struct.length));
  }

  const isKnown = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!isKnown(struct.origin)) return refused(`an insertion refers to unknown content ${struct.origin!.client}:${struct.origin!.clock}`);
    if (!isKnown(struct.rightOrigin)) {
      return refused(`an insertion refers to unknown content ${struct.rightOrigin!.client}:${struct.rightOrigin!.clock}`);
    }
    const parent = struct.parent as unknown;
    if (parent instanceof Y.ID && !isKnown(parent)) return refused(`an insertion refers to an unknown parent ${parent.client}:${parent.clock}`);
  }

  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) {
      if (clock + len > reachOf(client)) return refused(`a deletion refers to unknown content ${client}:${clock}`);
    }
  }
  return { missing: null, newClients: newClients ?? NONE };
}
