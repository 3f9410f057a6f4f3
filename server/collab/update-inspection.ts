// Everything a room checks about a client's update before applying it, from one decode of the
// update (this runs on every keystroke: the cost follows the update's size, not the story's):
//   - it builds only on content the document has: Yjs would otherwise park it as "pending"
//     forever and carry it into every snapshot (an update meant for another document);
//   - every client id it writes new content under (structs, not deletions) belongs to the
//     sender: ids the story recorded for another user are refused, ids with no recorded owner
//     (new ones, or content from before owners were kept) are claimed by the sender;
//   - it keeps the story inside its schema and caps, its comments name the sender as author and
//     a commenter's touch nothing but comments, its suggestion and note marks name the sender or
//     are marks the story knows (model/update-check.ts);
//   - the story stays within its size quota.
import * as Y from 'yjs';
import { checkUpdateContent } from '../../model/update-check.ts';

/** What an inspection needs to know beyond the document. */
export interface InspectionPolicy {
  /** The user who sent the update. */
  userId: string;
  /** Their username: the only author their comments may name. */
  username: string;
  /** They may only comment (model/roles.ts: `comment` without `edit`). */
  commentsOnly: boolean;
  /** The user recorded for a client id, if any. */
  ownerOf(client: number): string | undefined;
  /** Characters in the story's body now. */
  bodyLength: number;
  /** Whether the story has or had the suggestion or note mark with this identity (model/mark-authors.ts). */
  knownMark: (identity: string) => boolean;
  /** Why the story may not grow by an update of `bytes` bytes, or null. */
  quota(bytes: number): string | null;
}

/** What inspecting an update found. */
export interface UpdateInspection {
  /** Why the update does not fit this document (it refers to content the document lacks), or null. */
  missing: string | null;
  /** Why the update is refused by the story's rules (schema, caps, authorship, quota), or null. */
  refused: string | null;
  /** Client ids the update writes new content under that have no recorded owner: the sender's from now on. */
  claims: readonly number[];
}

// Most updates (keystrokes) claim no client id: they all share this one empty list.
const NONE: readonly number[] = Object.freeze([]);

const result = (missing: string | null, refused: string | null, claims = NONE): UpdateInspection => ({ missing, refused, claims });

/** Decodes `update` once and inspects it against `doc` under `policy`; throws if the update is malformed. */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, policy: InspectionPolicy): UpdateInspection {
  const decoded = Y.decodeUpdate(update);
  const { structs, ds } = decoded;
  const known = Y.getState.bind(null, doc.store);
  // reach[client]: the clock up to which this client's content is known (document plus update).
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? known(client);
  // Clients the update writes new content under (beyond what the document has).
  const writers = new Set<number>();

  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (struct instanceof Y.Skip) continue;
    if (clock > reachOf(client)) return result(`content of client ${client} starts at ${clock} but only ${reachOf(client)} is known`, null);
    if (clock + struct.length > known(client)) writers.add(client);
    reach.set(client, Math.max(reachOf(client), clock + struct.length));
  }

  const isKnown = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!isKnown(struct.origin)) return result(`an insertion refers to unknown content ${struct.origin!.client}:${struct.origin!.clock}`, null);
    if (!isKnown(struct.rightOrigin)) {
      return result(`an insertion refers to unknown content ${struct.rightOrigin!.client}:${struct.rightOrigin!.clock}`, null);
    }
    const parent = struct.parent as unknown;
    if (parent instanceof Y.ID && !isKnown(parent)) return result(`an insertion refers to an unknown parent ${parent.client}:${parent.clock}`, null);
  }

  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) {
      if (clock + len > reachOf(client)) return result(`a deletion refers to unknown content ${client}:${clock}`, null);
    }
  }

  let claims: number[] | null = null;
  for (const client of writers) {
    const owner = policy.ownerOf(client);
    if (owner === undefined) (claims ??= []).push(client);
    else if (owner !== policy.userId) return result(null, `writes under client id ${client}, which belongs to another user`);
  }
  const refused = checkUpdateContent(doc, decoded, policy.bodyLength, {
    username: policy.username,
    commentsOnly: policy.commentsOnly,
    userId: policy.userId,
    knownMark: policy.knownMark,
  }) ?? (writers.size > 0 ? policy.quota(update.length) : null);
  return refused ? result(null, refused) : result(null, null, claims ?? NONE);
}
