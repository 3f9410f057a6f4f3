// Checks, before an update is applied, that everything it builds on is already in the
// document. Yjs would otherwise park such an update as "pending" forever and carry it into
// every snapshot; an update like that comes from a client talking about another document.
import * as Y from 'yjs';

/** Why an update cannot be applied, or null when all it refers to is known. */
export function missingDependency(doc: Y.Doc, update: Uint8Array): string | null {
  const { structs, ds } = Y.decodeUpdate(update);
  const known = Y.getState.bind(null, doc.store);
  // reach[client]: the clock up to which this client's content is known (document plus update).
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? known(client);

  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (struct instanceof Y.Skip) continue;
    if (clock > reachOf(client)) return `content of client ${client} starts at ${clock} but only ${reachOf(client)} is known`;
    reach.set(client, Math.max(reachOf(client), clock + struct.length));
  }

  const isKnown = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!isKnown(struct.origin)) return `an insertion refers to unknown content ${struct.origin!.client}:${struct.origin!.clock}`;
    if (!isKnown(struct.rightOrigin)) {
      return `an insertion refers to unknown content ${struct.rightOrigin!.client}:${struct.rightOrigin!.clock}`;
    }
    const parent = struct.parent as unknown;
    if (parent instanceof Y.ID && !isKnown(parent)) return `an insertion refers to an unknown parent ${parent.client}:${parent.clock}`;
  }

  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) {
      if (clock + len > reachOf(client)) return `a deletion refers to unknown content ${client}:${clock}`;
    }
  }
  return null;
}
