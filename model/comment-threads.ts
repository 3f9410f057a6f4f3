// Comment threads on the story's text (issue 14): each thread is a Y.Map under its id in the
// `comments` root, anchored by two Yjs relative positions, so the anchor follows the text
// through everyone's edits, offline and live. Pure: the app, the server's update check and the
// approval gate all read threads through this module.
import * as Y from 'yjs';
import { COMMENT_CAPS, MAX_INSTANT, isWholeIn } from './article-limits.ts';
import { ARTICLE_TYPES, THREAD_KEYS, bodyFragment, commentsMap, headlineText, standfirstText } from './article-schema.ts';
import { isUsername } from './people-types.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs' own types are AbstractType<any> to each other
type AnyType = Y.AbstractType<any>;

/** The texts a thread may be on, in document order. */
export const COMMENT_FIELDS = [ARTICLE_TYPES.headline, ARTICLE_TYPES.standfirst, ARTICLE_TYPES.body] as const;

/** Which text a thread is on. */
export type CommentField = (typeof COMMENT_FIELDS)[number];

/** A relative position as stored: plain JSON (Y.relativePositionToJSON with plain ids). */
export interface AnchorPoint {
  type?: { client: number; clock: number };
  tname?: string;
  item?: { client: number; clock: number };
  assoc: number;
}

/** One reply in a thread, as stored. */
export interface Reply {
  id: string;
  author: string;
  at: number;
  text: string;
  mentions: string[];
}

/** Who resolved a thread, and when. */
export interface Resolution {
  by: string;
  at: number;
}

/** A thread as the panel and the approval gate read it. */
export interface ThreadView {
  id: string;
  field: CommentField;
  quote: string;
  author: string;
  at: number;
  text: string;
  mentions: string[];
  resolved: Resolution | null;
  replies: Reply[];
  /** The text it is on now ('' once deleted). */
  current: string;
  /** True when the text it was on is gone entirely. */
  deleted: boolean;
  /** Where it is now, in the field's positions (ProseMirror positions in the body): for ordering and selecting. */
  from: number;
  to: number;
}

/** What making a thread needs: its anchor in one field, and the first comment. */
export interface NewThread {
  id: string;
  field: CommentField;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
  author: string;
  at: number;
  text: string;
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isId = (value: unknown): value is { client: number; clock: number } =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 2 && isWhole((value as { client: unknown }).client) && isWhole((value as { clock: unknown }).clock);
const isName = (value: unknown): value is string => typeof value === 'string' && isUsername(value);
const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A relative position as plain JSON, ready to store. */
export function anchorPoint(rel: Y.RelativePosition): AnchorPoint {
  const point: AnchorPoint = { assoc: rel.assoc };
  if (rel.type) point.type = { client: rel.type.client, clock: rel.type.clock };
  if (rel.tname !== null) point.tname = rel.tname;
  if (rel.item) point.item = { client: rel.item.client, clock: rel.item.clock };
  return point;
}

/** Whether `value` is a stored anchor point: a type or root name, an optional item, and an association. */
export function isAnchorPoint(value: unknown): value is AnchorPoint {
  if (!isPlain(value)) return false;
  const { type, tname, item, assoc, ...rest } = value;
  if (Object.keys(rest).length > 0 || (assoc !== -1 && assoc !== 0)) return false;
  if (type !== undefined && !isId(type)) return false;
  if (item !== undefined && !isId(item)) return false;
  if (tname !== undefined && !(typeof tname === 'string' && (COMMENT_FIELDS as readonly string[]).includes(tname))) return false;
  return type !== undefined || tname !== undefined || item !== undefined;
}

/** The usernames `@name` mentions in `text`, once each, at most COMMENT_CAPS.mentions. */
export function mentionsIn(text: string): string[] {
  const names = [...text.matchAll(/(?<![\w.@-])@([A-Za-z0-9._-]{1,64})/g)].map((m) => m[1].replace(/[.-]+$/, ''));
  return [...new Set(names.filter(isUsername))].slice(0, COMMENT_CAPS.mentions);
}

const textProblem = (what: string, value: unknown, cap: number, blankOk = false): string | null =>
  typeof value !== 'string' || value.length > cap || (!blankOk && value.trim() === '') ? `${what} must be text of 1 to ${cap.toLocaleString('en-US')} characters` : null;

const mentionsProblem = (value: unknown): string | null =>
  Array.isArray(value) && value.length <= COMMENT_CAPS.mentions && value.every(isName) && new Set(value).size === value.length
    ? null
    : `mentions must be a list of at most ${COMMENT_CAPS.mentions} different usernames`;

const authorProblem = (what: string, value: unknown, username: string | undefined): string | null => {
  if (!isName(value)) return `${what} must be a username`;
  return username !== undefined && value !== username ? `${what} ${JSON.stringify(value)} is not the sender ${JSON.stringify(username)}` : null;
};

const timeProblem = (what: string, value: unknown): string | null => (isWholeIn(value, 0, MAX_INSTANT) ? null : `${what} must be an instant in milliseconds since 1970`);

/**
 * Why `value` may not be stored under thread key `key`, or null. With `username`, who wrote it
 * must be that user (the server passes the connection's user: an author cannot be forged).
 */
export function threadValueProblem(key: string, value: unknown, username?: string): string | null {
  switch (key) {
    case THREAD_KEYS.field:
      return (COMMENT_FIELDS as readonly unknown[]).includes(value) ? null : 'a comment on a field the story does not have';
    case THREAD_KEYS.start:
    case THREAD_KEYS.end:
      return isAnchorPoint(value) ? null : 'a comment anchor that is not a relative position';
    case THREAD_KEYS.quote:
      return textProblem('a comment quote', value, COMMENT_CAPS.quote, true);
    case THREAD_KEYS.author:
      return authorProblem('a comment author', value, username);
    case THREAD_KEYS.at:
      return timeProblem('a comment time', value);
    case THREAD_KEYS.text:
      return textProblem('a comment', value, COMMENT_CAPS.text);
    case THREAD_KEYS.mentions:
      return mentionsProblem(value);
    case THREAD_KEYS.resolved:
      if (value === null) return null;
      if (!isPlain(value) || Object.keys(value).length !== 2) return 'a resolution must be {by, at} or null';
      return authorProblem('a resolution', value.by, username) ?? timeProblem('a resolution time', value.at);
  }
  return `a comment thread key ${JSON.stringify(key.slice(0, 40))} the schema does not have`;
}

/** Why `value` may not be a reply in a thread, or null (with `username`, its author must be that user). */
export function replyProblem(value: unknown, username?: string): string | null {
  if (!isPlain(value)) return 'a reply that is not {id, author, at, text, mentions}';
  const { id, author, at, text, mentions, ...rest } = value;
  if (Object.keys(rest).length > 0) return 'a reply with a field the schema does not have';
  return (
    textProblem('a reply id', id, COMMENT_CAPS.id) ??
    authorProblem('a reply author', author, username) ??
    timeProblem('a reply time', at) ??
    textProblem('a reply', text, COMMENT_CAPS.text) ??
    mentionsProblem(mentions)
  );
}

/** The text type a field's anchors live in (the body's anchors live in its Y.XmlText blocks). */
export function fieldType(doc: Y.Doc, field: CommentField): AnyType {
  if (field === ARTICLE_TYPES.headline) return headlineText(doc);
  if (field === ARTICLE_TYPES.standfirst) return standfirstText(doc);
  return bodyFragment(doc);
}

/** An anchor on characters `from` to `to` of a plain or rich text: it starts on the first and ends after the last, taking in typing inside but not at either edge. */
export function textAnchor(text: Y.Text, from: number, to: number): { start: Y.RelativePosition; end: Y.RelativePosition } {
  return { start: Y.createRelativePositionFromTypeIndex(text, from, 0), end: Y.createRelativePositionFromTypeIndex(text, to, -1) };
}

/** `end` made to stick to the character before it (so typing right after the range stays out of it); unchanged where it is not in a text. */
export function endAnchor(doc: Y.Doc, end: Y.RelativePosition): Y.RelativePosition {
  const at = Y.createAbsolutePositionFromRelativePosition(end, doc);
  return at && at.type instanceof Y.Text && at.index > 0 ? Y.createRelativePositionFromTypeIndex(at.type, at.index, -1) : end;
}

/** Adds a thread (one transaction; `origin` tags it for undo and bindings). */
export function createThread(doc: Y.Doc, thread: NewThread, origin?: unknown): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    commentsMap(doc).set(thread.id, map);
    map.set(THREAD_KEYS.field, thread.field);
    map.set(THREAD_KEYS.start, anchorPoint(thread.start));
    map.set(THREAD_KEYS.end, anchorPoint(thread.end));
    map.set(THREAD_KEYS.quote, thread.quote.slice(0, COMMENT_CAPS.quote));
    map.set(THREAD_KEYS.author, thread.author);
    map.set(THREAD_KEYS.at, thread.at);
    map.set(THREAD_KEYS.text, thread.text);
    map.set(THREAD_KEYS.mentions, mentionsIn(thread.text));
    map.set(THREAD_KEYS.resolved, null);
    map.set(THREAD_KEYS.replies, new Y.Array<Reply>());
  }, origin);
}

const threadMap = (doc: Y.Doc, id: string): Y.Map<unknown> | null => {
  const map = commentsMap(doc).get(id);
  return map instanceof Y.Map ? map : null;
};

/** Adds a reply to thread `threadId`; false when there is no such thread. */
export function replyTo(doc: Y.Doc, threadId: string, reply: Omit<Reply, 'mentions'>, origin?: unknown): boolean {
  const replies = threadMap(doc, threadId)?.get(THREAD_KEYS.replies);
  if (!(replies instanceof Y.Array)) return false;
  doc.transact(() => replies.push([{ ...reply, mentions: mentionsIn(reply.text) }]), origin);
  return true;
}

/** Resolves thread `threadId` as `by` at `at`, or reopens it (`by` null); false when there is no such thread. */
export function setResolved(doc: Y.Doc, threadId: string, resolution: Resolution | null, origin?: unknown): boolean {
  const map = threadMap(doc, threadId);
  if (!map) return false;
  doc.transact(() => map.set(THREAD_KEYS.resolved, resolution ? { by: resolution.by, at: resolution.at } : null), origin);
  return true;
}

/** An anchor on ProseMirror positions `from`–`to` of the body (the editor's selection), or null when either is not in text. */
export function bodyAnchor(doc: Y.Doc, from: number, to: number): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
  const body = new BodyPositions(bodyFragment(doc));
  const [a, b] = [body.textAt(from), body.textAt(to)];
  if (!a || !b || to <= from) return null;
  return { start: Y.createRelativePositionFromTypeIndex(a.text, a.index, 0), end: Y.createRelativePositionFromTypeIndex(b.text, b.index, -1) };
}

/**
 * Moves thread `threadId` onto positions `from`–`to` of its field (ProseMirror positions in the
 * body). The editor calls this after its own user split or joined paragraphs: y-prosemirror
 * writes the moved text anew, which no relative position can follow, while the editor's own
 * mapping of the range through the change can. False when there is no such thread or range.
 */
export function moveAnchor(doc: Y.Doc, threadId: string, from: number, to: number, origin?: unknown): boolean {
  const map = threadMap(doc, threadId);
  const field = map?.get(THREAD_KEYS.field);
  if (!map || !(COMMENT_FIELDS as readonly unknown[]).includes(field) || to <= from) return false;
  const anchor = field === ARTICLE_TYPES.body ? bodyAnchor(doc, from, to) : textAnchor(fieldType(doc, field as CommentField) as Y.Text, from, to);
  if (!anchor) return false;
  const { start, end } = anchor;
  doc.transact(() => {
    map.set(THREAD_KEYS.start, anchorPoint(start));
    map.set(THREAD_KEYS.end, anchorPoint(end));
  }, origin);
  return true;
}

/** Whether `type` is still in the document (neither it nor any parent deleted). */
function isLive(type: AnyType): boolean {
  for (let t: AnyType | null = type; t?._item; t = t._item.parent as AnyType) if (t._item.deleted) return false;
  return true;
}

/** The characters of a body text block, without its marks (XmlText.toString would write them as tags). */
const plainText = (text: Y.XmlText): string =>
  (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

/** Positions in the body as ProseMirror counts them: each element's start and end take one, each character one. */
class BodyPositions {
  /** Where each text block's first character is, and each element's content starts. */
  private readonly starts = new Map<AnyType, number>();
  /** Each text block with where it starts, in order. */
  readonly texts: { text: Y.XmlText; start: number }[] = [];

  constructor(fragment: Y.XmlFragment) {
    this.walk(fragment, 0);
  }

  private walk(parent: Y.XmlFragment | Y.XmlElement, start: number): number {
    this.starts.set(parent, start);
    let pos = start;
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        this.starts.set(child, pos);
        this.texts.push({ text: child, start: pos });
        pos += child.length;
      } else if (child instanceof Y.XmlElement) pos = this.walk(child, pos + 1) + 1;
    }
    return pos;
  }

  /** The position of index `index` in `type`, or null when the type is not in the body. */
  at(type: AnyType, index: number): number | null {
    const start = this.starts.get(type);
    if (start === undefined) return null;
    if (type instanceof Y.XmlText) return start + index;
    let pos = start;
    const children = (type as Y.XmlElement).toArray().slice(0, index);
    for (const child of children) pos = child instanceof Y.XmlText ? pos + child.length : this.end(child as Y.XmlElement);
    return pos;
  }

  private end(element: Y.XmlElement): number {
    return this.at(element, element.length)! + 1;
  }

  /** The text block and index at position `pos`, or null when no text block holds it. */
  textAt(pos: number): { text: Y.XmlText; index: number } | null {
    const hit = this.texts.find(({ text, start }) => pos >= start && pos <= start + text.length);
    return hit ? { text: hit.text, index: pos - hit.start } : null;
  }

  /** The text between two positions, blocks joined by line breaks. */
  slice(from: number, to: number): string {
    const parts: string[] = [];
    for (const { text, start } of this.texts) {
      const end = start + text.length;
      if (end < from || start > to || (end === from && text.length > 0) || (start === to && text.length > 0)) continue;
      parts.push(plainText(text).slice(Math.max(0, from - start), Math.max(0, to - start)));
    }
    return parts.join('\n');
  }
}

/** Where a stored anchor point is now in `field`, or null when its text is gone. */
function resolvePoint(doc: Y.Doc, point: unknown, field: CommentField, body: BodyPositions): number | null {
  if (!isAnchorPoint(point)) return null;
  const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(point), doc);
  if (!at || !isLive(at.type)) return null;
  if (field !== ARTICLE_TYPES.body) return at.type === fieldType(doc, field) ? at.index : null;
  return body.at(at.type, at.index);
}

/** Reads one stored thread; null when it is not a thread (a client wrote something else, or before checks). */
function readThread(doc: Y.Doc, id: string, map: unknown, body: BodyPositions): ThreadView | null {
  if (!(map instanceof Y.Map)) return null;
  const get = (key: string) => map.get(key) as unknown;
  const field = get(THREAD_KEYS.field);
  if (!(COMMENT_FIELDS as readonly unknown[]).includes(field)) return null;
  const f = field as CommentField;
  const from = resolvePoint(doc, get(THREAD_KEYS.start), f, body);
  const to = resolvePoint(doc, get(THREAD_KEYS.end), f, body);
  const live = from !== null && to !== null && to > from;
  const current = !live ? '' : f === ARTICLE_TYPES.body ? body.slice(from, to) : (fieldType(doc, f) as Y.Text).toString().slice(from, to);
  const resolved = get(THREAD_KEYS.resolved);
  const replies = get(THREAD_KEYS.replies);
  const str = (key: string) => (typeof get(key) === 'string' ? (get(key) as string) : '');
  return {
    id,
    field: f,
    quote: str(THREAD_KEYS.quote),
    author: str(THREAD_KEYS.author),
    at: isWhole(get(THREAD_KEYS.at)) ? (get(THREAD_KEYS.at) as number) : 0,
    text: str(THREAD_KEYS.text),
    mentions: mentionsProblem(get(THREAD_KEYS.mentions)) ? [] : (get(THREAD_KEYS.mentions) as string[]),
    resolved: threadValueProblem(THREAD_KEYS.resolved, resolved) === null && resolved !== null ? (resolved as Resolution) : null,
    replies: replies instanceof Y.Array ? (replies.toArray() as unknown[]).filter((r): r is Reply => replyProblem(r) === null) : [],
    current: live && current.trim() !== '' ? current : '',
    deleted: !live || current.trim() === '',
    from: from ?? 0,
    to: to ?? 0,
  };
}

/** Every thread in document order (headline, standfirst, body; then where it starts; deleted ones where their text was). */
export function readThreads(doc: Y.Doc): ThreadView[] {
  // Typed first: a root a replica has only received is a bare type until asked for by its kind.
  for (const field of COMMENT_FIELDS) fieldType(doc, field);
  const body = new BodyPositions(bodyFragment(doc));
  const threads: ThreadView[] = [];
  commentsMap(doc).forEach((map, id) => {
    const thread = readThread(doc, id, map, body);
    if (thread) threads.push(thread);
  });
  const order = (t: ThreadView) => COMMENT_FIELDS.indexOf(t.field);
  return threads.sort((a, b) => order(a) - order(b) || a.from - b.from || a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** What approval needs of a thread not yet resolved (model/approval-blockers.ts): plain data, passed between threads. */
export interface OpenComment {
  id: string;
  author: string;
  /** The text it is on now, or what it quoted once that is deleted. */
  on: string;
  deleted: boolean;
}

/** The threads not yet resolved, in document order: each blocks approval. */
export function openComments(doc: Y.Doc): OpenComment[] {
  return readThreads(doc)
    .filter((t) => t.resolved === null)
    .map((t) => ({ id: t.id, author: t.author, on: t.deleted ? t.quote : t.current, deleted: t.deleted }));
}
