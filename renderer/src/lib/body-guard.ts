// What in a stored body the editor cannot show. y-prosemirror deletes from the shared document
// every element or text it cannot turn into ProseMirror nodes (an element or mark the schema
// lacks, an embed), throws on text outside a block, and ProseMirror renders nesting of any depth
// recursively. The server refuses all of these now, but a story stored before may hold them:
// the body editor checks first (the whole body when it opens, what each change brings
// afterwards) and shows such a body read-only instead, so that nothing in it is silently deleted.
import * as Y from 'yjs';
import { MAX_BODY_DEPTH } from '../../../model/article-limits.ts';
import { isBodyElement, markProblem, quote, textProblem } from '../../../model/body-rules.ts';

// Any Yjs type, whatever its events.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a type's event parameter is invariant: Yjs itself says AbstractType<any>.
type AnyType = Y.AbstractType<any>;

/** One run of a text delta, inserted or re-formatted. */
type DeltaOp = { insert?: unknown; retain?: number; delete?: number; attributes?: Record<string, unknown> };

function deltaProblem(delta: DeltaOp[]): string | null {
  for (const op of delta) {
    if (op.insert !== undefined && typeof op.insert !== 'string') return 'an embedded object in the text';
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const problem = markProblem(key, value);
      if (problem) return problem;
    }
  }
  return null;
}

const UNKNOWN_KIND = 'content of a kind the body schema does not have';

// Iterative: a stored body may nest far deeper than a call stack. `parent` is the element name
// `root` sits in (null: the body itself), `depth` its depth (1: a top-level block).
function subtreeProblem(root: AnyType, parent: string | null, rootDepth: number): string | null {
  const todo: [AnyType, string | null, number][] = [[root, parent, rootDepth]];
  while (todo.length > 0) {
    const [type, inside, depth] = todo.pop()!;
    let name: string | null = null;
    if (type instanceof Y.XmlText) {
      const problem = textProblem(inside) ?? deltaProblem(type.toDelta() as DeltaOp[]);
      if (problem) return problem;
      continue;
    } else if (type instanceof Y.XmlElement) {
      if (!isBodyElement(type.nodeName)) return `an element ${quote(type.nodeName)} the body schema does not have`;
      if (depth > MAX_BODY_DEPTH) return `nesting deeper than ${MAX_BODY_DEPTH} levels`;
      name = type.nodeName;
    } else if (!(type instanceof Y.XmlFragment)) {
      return UNKNOWN_KIND;
    }
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      if (!(item.content instanceof Y.ContentType)) return UNKNOWN_KIND;
      todo.push([item.content.type as AnyType, name, depth + 1]);
    }
  }
  return null;
}

/** The first thing in the body `fragment` the editor cannot show without deleting it, or null. */
export function unshowableContent(fragment: Y.XmlFragment): string | null {
  return subtreeProblem(fragment as AnyType, null, 0);
}

// How deep `type` sits in the body (a top-level block is 1), and the name of the element it is (null: the body).
function placeOf(type: AnyType): { depth: number; name: string | null } {
  let depth = 0;
  for (let current = type; current._item !== null; current = current._item.parent as AnyType) depth++;
  return { depth, name: type instanceof Y.XmlElement ? type.nodeName : null };
}

/** The same for what the changes `events` (of an observeDeep on the body) brought: only what they added or re-formatted is looked at. */
export function unshowableChange(events: Y.YEvent<AnyType>[]): string | null {
  for (const event of events) {
    const target = event.target;
    if (target instanceof Y.XmlText) {
      const problem = deltaProblem((event as Y.YTextEvent).delta);
      if (problem) return problem;
      continue;
    }
    const { depth, name } = placeOf(target);
    for (const item of event.changes.added) {
      if (item.deleted) continue;
      if (!(item.content instanceof Y.ContentType)) return UNKNOWN_KIND;
      const problem = subtreeProblem(item.content.type as AnyType, name, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}
