// What the body schema allows, in the terms y-prosemirror stores a body in: which element may
// hold which elements (and whether text), each element's attributes and their values, and the
// marks (formatting attributes of Y.XmlText). Derived from `bodySchema`, so the schema stays
// the one definition; the update check (server) and the editor's guard (app) both read these.
import type { ContentMatch, NodeType } from 'prosemirror-model';
import { MAX_BODY_DEPTH } from './article-limits.ts';
import { BODY_MARKS, BODY_NODES, bodySchema, HEADING_LEVELS, isSafeHref, SUGGESTED_FORMATS } from './body-schema.ts';
import { noteAttrsProblem } from './notes.ts';
import { isSuggestionKind, suggestionAttrsProblem } from './suggestion-marks.ts';

/** What may appear directly inside one kind of parent. */
interface ChildRule {
  elements: ReadonlySet<string>;
  text: boolean;
}

// Every node type a content expression can reach, walking its automaton once.
function childRule(type: NodeType): ChildRule {
  const elements = new Set<string>();
  let text = false;
  const seen = new Set<ContentMatch>();
  const todo = [type.contentMatch];
  while (todo.length > 0) {
    const match = todo.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      if (edge.type.isText) text = true;
      else elements.add(edge.type.name);
      todo.push(edge.next);
    }
  }
  return { elements, text };
}

const ELEMENT_NAMES: ReadonlySet<string> = new Set(Object.values(BODY_NODES));

// By parent element name; null is the body itself (the schema's top node).
const CHILDREN = new Map<string | null, ChildRule>([
  [null, childRule(bodySchema.topNodeType)],
  ...[...ELEMENT_NAMES].map((name) => [name, childRule(bodySchema.nodes[name])] as const),
]);

const MARK_NAMES: ReadonlySet<string> = new Set(Object.values(BODY_MARKS));

// y-prosemirror stores overlapping marks of one type as `name--` plus an 8-character hash.
const MARK_HASH = /^--[a-zA-Z0-9+/=]{8}$/;

/** The mark a formatting attribute of Y.XmlText stands for: its name, or the part before `--` (y-prosemirror's overlapping marks). */
export const markNameOf = (key: string): string => key.split('--')[0];

/** Whether `name` is an element of the body schema. */
export const isBodyElement = (name: string): boolean => ELEMENT_NAMES.has(name);

/** A name a client chose, quoted for a message (and cut short: it may be any length). */
export const quote = (name: string): string => `“${name.length > 60 ? `${name.slice(0, 60)}…` : name}”`;

const where = (parent: string | null) => (parent === null ? 'the body' : `a ${quote(parent)}`);

/** Why element `name` may not be a child of `parent` (null: the body itself) at `depth` (1: a top-level block), or null. */
export function elementProblem(parent: string | null, name: string, depth: number): string | null {
  if (!isBodyElement(name)) return `an element ${quote(name)} the body schema does not have`;
  if (depth > MAX_BODY_DEPTH) return `body nesting deeper than ${MAX_BODY_DEPTH} levels`;
  const rule = CHILDREN.get(parent);
  if (!rule) return `content inside ${where(parent)}, which the story schema does not have`;
  return rule.elements.has(name) ? null : `a ${quote(name)} inside ${where(parent)}`;
}

/** Why text may not be a child of `parent`, or null. */
export function textProblem(parent: string | null): string | null {
  const rule = CHILDREN.get(parent);
  if (!rule) return `content inside ${where(parent)}, which the story schema does not have`;
  return rule.text ? null : `text directly inside ${where(parent)}`;
}

// A value a client wrote, for a message.
const shown = (value: unknown) => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
};

const isWholeNumber = (value: unknown, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/** The values each element attribute of the schema may take (every attribute of bodySchema has one: tested). */
export const ATTRIBUTE_VALUES: Record<string, (value: unknown) => string | null> = {
  level: (value) => ((HEADING_LEVELS as readonly unknown[]).includes(value) ? null : `heading level ${shown(value)} outside ${HEADING_LEVELS.join(', ')}`),
  order: (value) => (isWholeNumber(value, 1_000_000) ? null : `list start ${shown(value)} is not a whole number up to 1,000,000`),
};

/** Why attribute `key` = `value` may not be set on element `name` (an element of the schema), or null. */
export function attributeProblem(name: string, key: string, value: unknown): string | null {
  const attrs = bodySchema.nodes[name]?.spec.attrs ?? {};
  const check = Object.hasOwn(attrs, key) ? ATTRIBUTE_VALUES[key] : undefined;
  if (!check) return `an attribute ${quote(key)} the body schema does not have on ${quote(name)}`;
  return check(value);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Why formatting attribute `key` with `value` may not be on body text, or null. The value is the
 * mark's attributes (y-prosemirror writes `{}` for bold, `{href}` for a link), or null where the
 * formatting ends.
 */
export function markProblem(key: string, value: unknown): string | null {
  const name = markNameOf(key);
  if (!MARK_NAMES.has(name) || (key !== name && !MARK_HASH.test(key.slice(name.length)))) return `a mark ${quote(key)} the body schema does not have`;
  if (value === null) return null;
  if (!isPlainObject(value)) return `a mark ${quote(name)} whose value is not its attributes`;
  const attrs = bodySchema.marks[name].spec.attrs ?? {};
  for (const attr of Object.keys(value)) if (!Object.hasOwn(attrs, attr)) return `an attribute ${quote(attr)} the mark ${quote(name)} does not have`;
  if (name === BODY_MARKS.link && !isSafeHref(value.href)) return 'an unsafe or over-long link';
  if (isSuggestionKind(name)) return suggestionAttrsProblem(value) ?? (name === BODY_MARKS.formatting ? formattingChangeProblem(value) : null);
  if (name === BODY_MARKS.note) return noteAttrsProblem(value);
  return null;
}

// A formatting suggestion's `added` and `removed`: lists of different formatting marks it may
// change (SUGGESTED_FORMATS), no mark in both, at least one change.
function formattingChangeProblem(value: Record<string, unknown>): string | null {
  const lists = [value.added, value.removed];
  const isList = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((mark) => typeof mark === 'string' && Object.hasOwn(SUGGESTED_FORMATS, mark)) && new Set(list).size === list.length;
  if (!lists.every(isList)) return `a formatting suggestion whose added ${shown(value.added)} or removed ${shown(value.removed)} is not a list of different formats of ${Object.keys(SUGGESTED_FORMATS).join(', ')}`;
  const [added, removed] = lists;
  if (added.length + removed.length === 0) return 'a formatting suggestion that changes nothing';
  return added.some((mark) => removed.includes(mark)) ? 'a formatting suggestion that both adds and removes one format' : null;
}
