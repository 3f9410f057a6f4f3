// Who the authored marks name (issue 14): a suggestion (`insertion`, `deletion`, `formatting`) or a `note` says
// in its `author` attribute which user made it. The server lets a client add such a mark only
// naming itself, or re-write one the story already has or had (same attributes): y-prosemirror
// writes existing marks anew when paragraphs are split or joined, undo brings back the marks an
// accept or a deletion removed, and copied text carries its marks. So an author cannot be forged,
// while settling or editing around someone else's suggestion or note stays allowed.
import * as Y from 'yjs';
import { markNameOf } from './body-rules.ts';
import { BODY_MARKS, bodySchema } from './body-schema.ts';

/** The marks whose `author` attribute names the user who made them. */
export const AUTHORED_MARKS: ReadonlySet<string> = new Set([BODY_MARKS.insertion, BODY_MARKS.deletion, BODY_MARKS.formatting, BODY_MARKS.note]);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The author a formatting attribute `key` = `value` names, when it is an authored mark (not its end, null). */
export function markAuthor(key: string, value: unknown): string | null {
  if (!AUTHORED_MARKS.has(markNameOf(key)) || !isPlainObject(value)) return null;
  return typeof value.author === 'string' ? value.author : null;
}

/**
 * What makes an authored mark the same mark: its name and every attribute of the schema, in the
 * schema's order (a client may write the attributes in any order). Null for anything else.
 */
export function markIdentity(key: string, value: unknown): string | null {
  const name = markNameOf(key);
  if (!AUTHORED_MARKS.has(name) || !isPlainObject(value)) return null;
  const attrs = Object.keys(bodySchema.marks[name].spec.attrs ?? {});
  return JSON.stringify([name, ...attrs.map((attr) => value[attr] ?? null)]);
}

/** Adds the identity of every authored mark that `update` (decoded) writes, deleted since or not, to `into`. */
export function collectMarks(update: ReturnType<typeof Y.decodeUpdate>, into: Set<string>): void {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) continue;
    const identity = markIdentity(struct.content.key, struct.content.value);
    if (identity !== null) into.add(identity);
  }
}

/**
 * A Y.Doc `gcFilter` that keeps the authored marks a document removed (their formatting items,
 * not their text): a server's copy remembers, through snapshots and restarts, which marks an
 * undo may bring back. Everything else is collected as usual.
 */
export const keepRemovedMarks = (item: Y.Item): boolean => !(item.content instanceof Y.ContentFormat && markIdentity(item.content.key, item.content.value) !== null);

/** Adds the identity of every authored mark `doc` holds, removed ones it kept included (keepRemovedMarks), to `into`. */
export function collectDocMarks(doc: Y.Doc, into: Set<string>): void {
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) continue;
      const identity = markIdentity(struct.content.key, struct.content.value);
      if (identity !== null) into.add(identity);
    }
  }
}
