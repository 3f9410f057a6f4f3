// Whether an update keeps a story inside its schema and caps, decided before it is applied and
// from the update alone plus the few items of the document it touches (never a copy of the
// document): this runs on every keystroke. An update is refused when it adds a root type the
// schema does not name or content of the wrong kind to a root; puts into `meta` or `pictures` a
// value of the wrong kind; puts into `body` an element, mark or attribute the body schema does
// not have, a heading level out of range, an unsafe link or nesting deeper than MAX_BODY_DEPTH;
// or makes a field longer than its cap. What an update deletes counts against what it inserts
// into the same field, so a replace within the cap passes; deleting alone never makes a field
// too long. Content the document already has (a resend) is skipped, as Yjs skips it.
// Comment threads (model/comment-threads.ts) are checked for shape and caps, are never deleted,
// change later only in their resolution and anchor, and name as author only the sender; a
// sender who may only comment may change nothing else. A suggestion or note mark the update adds
// names the sender as author, or is one the story already knows (model/mark-authors.ts).
import * as Y from 'yjs';
import {
  BODY_CAPS,
  COMMENT_CAPS,
  FIELD_CAPS,
  isWholeIn,
  MAX_ASSIGNEES,
  MAX_BODY_DEPTH,
  MAX_INSTANT,
  MAX_META_KEY_LENGTH,
  MAX_META_VALUE_LENGTH,
  MAX_TAGS,
  MAX_TARGET_WORDS,
  PICTURE_CAPS,
  URGENCY_RANGE,
} from './article-limits.ts';
import { ARTICLE_TYPES, META_KEYS, PICTURE_FIELDS, THREAD_KEYS, type PictureField } from './article-schema.ts';
import { replyProblem, threadValueProblem } from './comment-threads.ts';
import { markAuthor, markIdentity } from './mark-authors.ts';
import { isUsername } from './people-types.ts';
import { attributeProblem, elementProblem, isBodyElement, markNameOf, markProblem, quote, textProblem } from './body-rules.ts';
import { BODY_MARKS } from './body-schema.ts';

/** An update as `Y.decodeUpdate` reads it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

type Struct = DecodedUpdate['structs'][number];
type AnyType = Y.AbstractType<unknown>;

const count = (n: number) => n.toLocaleString('en-US');

/** How long one field is, and what the update inserts into and deletes from it. */
class FieldLength {
  inserted = 0;
  deleted = 0;

  constructor(
    private readonly label: string,
    private readonly cap: number,
    private readonly current: number,
  ) {}

  problem(): string | null {
    return this.inserted > 0 && this.current - this.deleted + this.inserted > this.cap ? `${this.label} over ${count(this.cap)} characters` : null;
  }
}

/** Where a type sits in the story, as far as the rules care. */
type Place =
  | { kind: 'root'; name: string }
  | { kind: 'picture' }
  | { kind: 'element'; name: string; depth: number }
  | { kind: 'text'; length: FieldLength }
  /** A comment thread's map; `fresh` when this update creates it. */
  | { kind: 'thread'; fresh: boolean }
  /** A comment thread's replies. */
  | { kind: 'replies' }
  /** Gone from the document (garbage-collected): Yjs drops what is written into it. */
  | { kind: 'gone' }
  /** Nested deeper than any body may be. */
  | { kind: 'too-deep' }
  | { kind: 'other'; what: string };

const GONE: Place = { kind: 'gone' };
const TOO_DEEP: Place = { kind: 'too-deep' };

/** No parent at all: what would go there is dropped by Yjs. */
const NO_PARENT = Object.freeze({ none: true });

/** A parent: a root by name, a type the document has, a type this update creates (its item), or none. */
type ParentRef = string | AnyType | Y.Item | typeof NO_PARENT;

/** Where an item goes: its parent and, for a map entry or attribute, its key. */
interface Placement {
  parent: ParentRef;
  key: string | null;
}

const GONE_PLACEMENT: Placement = { parent: NO_PARENT, key: null };
// While a chain of neighbours is being followed; met again, the chain is a cycle.
const VISITING: Placement = { parent: NO_PARENT, key: null };
const CYCLE: Placement = { parent: NO_PARENT, key: null };

/** Who sends an update, for the rules that depend on it. */
export interface Sender {
  /** Their username: the only author a comment, reply or resolution they write may name. */
  username?: string;
  /** They may only comment (role `commenter`): anything outside the comment threads is refused. */
  commentsOnly?: boolean;
  /** Their user id: the only author a suggestion or note mark they add may name, unless `knownMark` knows it. */
  userId?: string;
  /** Whether the story has or had the authored mark with this identity (model/mark-authors.ts): it may be written anew. */
  knownMark?: (identity: string) => boolean;
}

/** The thread keys that change after a thread is made: its resolution, and its anchor (the editor moves it when its user splits or joins paragraphs). */
const MUTABLE_THREAD_KEYS: ReadonlySet<string> = new Set([THREAD_KEYS.resolved, THREAD_KEYS.start, THREAD_KEYS.end]);

const COMMENTER_REFUSAL = 'a commenter may only comment, not change the story';

const isCommentPlace = (place: Place): boolean =>
  place.kind === 'thread' || place.kind === 'replies' || (place.kind === 'root' && place.name === ARTICLE_TYPES.comments);

const TEXT_ROOTS: ReadonlySet<string> = new Set([ARTICLE_TYPES.headline, ARTICLE_TYPES.standfirst]);
const ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(ARTICLE_TYPES));
const STRING_META: Record<string, number> = {
  [META_KEYS.byline]: FIELD_CAPS.byline,
  [META_KEYS.slug]: FIELD_CAPS.slug,
  [META_KEYS.desk]: FIELD_CAPS.desk,
  [META_KEYS.planningNote]: FIELD_CAPS.planningNote,
};
/** The desk's number facts: each a whole number in its range, or null (unset). */
const NUMBER_META: Record<string, { min: number; max: number; what: string }> = {
  [META_KEYS.deadline]: { min: 0, max: MAX_INSTANT, what: 'an instant in milliseconds since 1970' },
  [META_KEYS.targetWords]: { min: 1, max: MAX_TARGET_WORDS, what: `a whole number of words from 1 to ${count(MAX_TARGET_WORDS)}` },
  [META_KEYS.urgency]: { min: URGENCY_RANGE.most, max: URGENCY_RANGE.least, what: `a whole number from ${URGENCY_RANGE.most} to ${URGENCY_RANGE.least}` },
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** The size of `value` as JSON (roughly), or null when it is not plain JSON or passes `budget`. Iterative: any depth. */
function plainSize(value: unknown, budget: number): number | null {
  let size = 0;
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (v === null || typeof v === 'boolean') size += 5;
    else if (typeof v === 'number' && Number.isFinite(v)) size += String(v).length;
    else if (typeof v === 'string') size += v.length + 2;
    else if (Array.isArray(v)) {
      size += 2;
      for (const item of v) todo.push(item);
    } else if (isPlainObject(v)) {
      size += 2;
      for (const [key, item] of Object.entries(v)) {
        size += key.length + 3;
        todo.push(item);
      }
    } else return null; // undefined, bigint, bytes: not plain
    if (size > budget) return null;
  }
  return size;
}

function metaProblem(key: string, value: unknown): string | null {
  // Own keys only: a meta key such as `constructor` is "anything else plain", not Object's.
  const cap = Object.hasOwn(STRING_META, key) ? STRING_META[key] : undefined;
  if (cap !== undefined) {
    if (typeof value !== 'string') return `meta ${quote(key)} must be text`;
    return value.length > cap ? `${key} over ${count(cap)} characters` : null;
  }
  const range = Object.hasOwn(NUMBER_META, key) ? NUMBER_META[key] : undefined;
  if (range !== undefined) {
    return value === null || isWholeIn(value, range.min, range.max) ? null : `meta ${quote(key)} must be ${range.what}`;
  }
  if (key === META_KEYS.assignees) {
    const ok = Array.isArray(value) && value.length <= MAX_ASSIGNEES && value.every((a) => typeof a === 'string' && isUsername(a)) && new Set(value).size === value.length;
    return ok ? null : `assignees must be a list of at most ${MAX_ASSIGNEES} different usernames`;
  }
  if (key === META_KEYS.tags) {
    const ok = Array.isArray(value) && value.length <= MAX_TAGS && value.every((t) => typeof t === 'string' && t.length <= FIELD_CAPS.tag);
    return ok ? null : `tags must be a list of at most ${MAX_TAGS} texts of at most ${FIELD_CAPS.tag} characters`;
  }
  if (key.length > MAX_META_KEY_LENGTH) return `a meta key over ${MAX_META_KEY_LENGTH} characters`;
  return plainSize(value, MAX_META_VALUE_LENGTH) === null ? `meta ${quote(key)} is not a plain value of at most ${count(MAX_META_VALUE_LENGTH)} characters` : null;
}

function pictureProblem(key: string | null, value: unknown): string | null {
  if (key === null) return 'a picture that is not a map of its fields';
  if (!(PICTURE_FIELDS as readonly string[]).includes(key)) return `a picture field ${quote(key)} the schema does not have`;
  const cap = PICTURE_CAPS[key as PictureField];
  if (typeof value !== 'string') return `picture ${key} must be text`;
  return value.length > cap ? `picture ${key} over ${count(cap)} characters` : null;
}

const typeOf = (content: unknown): AnyType | null => (content instanceof Y.ContentType ? (content.type as AnyType) : null);

// How a refusal names a type the schema has no place for.
function describe(type: AnyType): string {
  if (type instanceof Y.XmlElement) return `an element ${quote(type.nodeName)}`;
  if (type instanceof Y.XmlText) return 'a rich text';
  if (type instanceof Y.Text) return 'a text';
  if (type instanceof Y.Map) return 'a map';
  if (type instanceof Y.Array) return 'an array';
  return 'a nested type';
}

/** One check of one update against one document. */
class UpdateCheck {
  private readonly byClient = new Map<number, Struct[]>();
  private readonly deletes = new Map<number, { clock: number; len: number }[]>();
  private readonly placements = new Map<Y.Item, Placement>();
  private readonly newPlaces = new Map<Y.Item, Place>();
  private readonly storedPlaces = new Map<AnyType, Place>();
  private readonly lengths: FieldLength[] = [];
  private readonly rootLengths = new Map<string, FieldLength>();
  private readonly body: FieldLength;
  private rootNames: Map<AnyType, string> | null = null;
  private newThreads = 0;
  /** Replies each replies array holds, and how many this update adds. */
  private readonly replyCounts = new Map<unknown, { current: number; added: number }>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: DecodedUpdate,
    bodyLength: number,
    private readonly sender: Sender,
  ) {
    for (const struct of update.structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
    // Merged and sorted, so each deleted item is looked at once however the ranges were listed.
    for (const [client, ranges] of Y.mergeDeleteSets([update.ds]).clients) this.deletes.set(client, ranges);
    this.body = this.length('the body', BODY_CAPS.body, bodyLength);
  }

  private known(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  private length(label: string, cap: number, current: number): FieldLength {
    const length = new FieldLength(label, cap, current);
    this.lengths.push(length);
    return length;
  }

  /** The first reason to refuse the update, or null. */
  run(): string | null {
    for (const struct of this.update.structs) {
      if (!(struct instanceof Y.Item)) continue; // GC and Skip hold nothing
      const fresh = struct.id.clock + struct.length - Math.max(struct.id.clock, this.known(struct.id.client));
      if (fresh <= 0) continue; // the document has it already: Yjs skips it
      const problem = this.itemProblem(struct, fresh);
      if (problem) return problem;
    }
    const deletion = this.countStoredDeletions();
    if (deletion) return deletion;
    for (const length of this.lengths) {
      const problem = length.problem();
      if (problem) return problem;
    }
    return this.commentCountProblem();
  }

  private commentCountProblem(): string | null {
    if (this.newThreads > 0) {
      const root = this.doc.share.get(ARTICLE_TYPES.comments);
      const current = root ? [...root._map.values()].filter((item) => !item.deleted).length : 0;
      if (current + this.newThreads > COMMENT_CAPS.threads) return `more than ${count(COMMENT_CAPS.threads)} comment threads`;
    }
    for (const { current, added } of this.replyCounts.values()) {
      if (current + added > COMMENT_CAPS.replies) return `more than ${count(COMMENT_CAPS.replies)} replies in a comment thread`;
    }
    return null;
  }

  // --- what an item may be, where it goes ---

  private itemProblem(item: Y.Item, fresh: number): string | null {
    const placement = this.placementOf(item);
    if (placement === CYCLE) return 'an insertion placed next to itself';
    const { parent, key } = placement;
    const place = this.placeOf(parent);
    const content = item.content;
    if (place.kind === 'gone') return null;
    if (place.kind === 'too-deep') return `body nesting deeper than ${MAX_BODY_DEPTH} levels`;
    if (place.kind === 'other') return `content inside ${place.what}, which the story schema does not have`;
    if (place.kind === 'root' && !ROOT_NAMES.has(place.name)) return `a root type ${quote(place.name)} the story schema does not have`;
    if (this.sender.commentsOnly && !isCommentPlace(place)) return COMMENTER_REFUSAL;
    if (content instanceof Y.ContentDeleted) return null; // deleted before it was sent: holds nothing
    const type = typeOf(content);
    const values = content instanceof Y.ContentAny ? (content.arr as unknown[]) : null;
    switch (place.kind) {
      case 'root':
        return this.rootProblem(place.name, key, item, fresh);
      case 'picture':
        return values ? this.first(values, (v) => pictureProblem(key, v)) : pictureProblem(key, undefined);
      case 'element': {
        if (!isBodyElement(place.name)) return `content inside an element ${quote(place.name)}, which the story schema does not have`;
        if (key !== null) return values ? this.first(values, (v) => attributeProblem(place.name, key, v)) : `a value of the wrong kind for ${quote(key)} of a ${quote(place.name)}`;
        if (type?.constructor === Y.XmlElement) return elementProblem(place.name, (type as Y.XmlElement).nodeName, place.depth + 1);
        if (type?.constructor === Y.XmlText) return textProblem(place.name);
        return `a value of the wrong kind inside a ${quote(place.name)}`;
      }
      case 'thread':
        return this.threadProblem(place.fresh, key, type, values);
      case 'replies': {
        if (key !== null || !values) return 'a reply that is not {id, author, at, text, mentions}';
        const counted = this.replyCounts.get(parent) ?? { current: parent instanceof Y.Item ? 0 : (parent as AnyType)._length, added: 0 };
        counted.added += values.length;
        this.replyCounts.set(parent, counted);
        return this.first(values, (v) => replyProblem(v, this.sender.username));
      }
      case 'text':
        if (key !== null) return 'an attribute on body text';
        if (content instanceof Y.ContentFormat) return markProblem(content.key, content.value) ?? this.markAuthorProblem(content.key, content.value);
        if (content instanceof Y.ContentString) return this.countText(place.length, item, fresh, true);
        return 'a value of the wrong kind in body text';
    }
  }

  private threadProblem(fresh: boolean, key: string | null, type: AnyType | null, values: unknown[] | null): string | null {
    if (key === null) return 'a value of the wrong kind in a comment thread';
    if (!fresh && !MUTABLE_THREAD_KEYS.has(key)) return `a comment thread’s ${quote(key.slice(0, 40))}, which cannot change once written`;
    if (key === THREAD_KEYS.replies) return type?.constructor === Y.Array ? null : 'comment replies that are not a list';
    if (!values) return `a value of the wrong kind for a comment thread’s ${quote(key.slice(0, 40))}`;
    return this.first(values, (v) => threadValueProblem(key, v, this.sender.username));
  }

  // A suggestion or note naming someone else is refused unless the story knows that very mark.
  private markAuthorProblem(key: string, value: unknown): string | null {
    const { userId, knownMark } = this.sender;
    const author = markAuthor(key, value);
    if (userId === undefined || author === null || author === userId) return null;
    const identity = markIdentity(key, value);
    if (identity !== null && knownMark?.(identity)) return null;
    const what = markNameOf(key) === BODY_MARKS.note ? 'a note' : 'a suggestion';
    return `${what} by ${JSON.stringify(author.slice(0, 40))}, who is not the sender`;
  }

  private first(values: unknown[], problem: (value: unknown) => string | null): string | null {
    for (const value of values) {
      const found = problem(value);
      if (found) return found;
    }
    return null;
  }

  private rootProblem(name: string, key: string | null, item: Y.Item, fresh: number): string | null {
    const content = item.content;
    const type = typeOf(content);
    if (TEXT_ROOTS.has(name)) {
      if (key !== null || !(content instanceof Y.ContentString)) return `a value of the wrong kind in the ${name}`;
      return this.countText(this.rootLength(name), item, fresh, false);
    }
    switch (name) {
      case ARTICLE_TYPES.body:
        if (key === null && type?.constructor === Y.XmlElement) return elementProblem(null, (type as Y.XmlElement).nodeName, 1);
        if (key === null && type?.constructor === Y.XmlText) return textProblem(null);
        return 'a value of the wrong kind in the body';
      case ARTICLE_TYPES.meta:
        if (key === null || !(content instanceof Y.ContentAny)) return 'a value of the wrong kind in meta';
        return this.first(content.arr, (v) => metaProblem(key, v));
      case ARTICLE_TYPES.pictures:
        return key === null && type?.constructor === Y.Map ? null : 'a picture that is not a map of its fields';
      case ARTICLE_TYPES.comments:
        if (key === null || key.length > COMMENT_CAPS.id || type?.constructor !== Y.Map) return 'a comment thread that is not a map of its fields under its id';
        this.newThreads++;
        return null;
    }
    return `a root type ${quote(name)} the story schema does not have`;
  }

  // Adds the item's new characters, less those the update itself deletes, to `length` (and the body's).
  private countText(length: FieldLength, item: Y.Item, fresh: number, inBody: boolean): null {
    const end = item.id.clock + item.length;
    const added = fresh - this.deletedIn(item.id.client, end - fresh, end);
    length.inserted += added;
    if (inBody) this.body.inserted += added;
    return null;
  }

  private deletedIn(client: number, from: number, to: number): number {
    const ranges = this.deletes.get(client);
    if (!ranges) return 0;
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].clock + ranges[mid].len <= from) lo = mid + 1;
      else hi = mid;
    }
    let deleted = 0;
    for (let i = lo; i < ranges.length && ranges[i].clock < to; i++) {
      deleted += Math.min(to, ranges[i].clock + ranges[i].len) - Math.max(from, ranges[i].clock);
    }
    return deleted;
  }

  private rootLength(name: string): FieldLength {
    let length = this.rootLengths.get(name);
    if (!length) {
      const current = (this.doc.share.get(name) as AnyType | undefined)?._length ?? 0;
      length = this.length(name, FIELD_CAPS[name as 'headline' | 'standfirst'], current);
      this.rootLengths.set(name, length);
    }
    return length;
  }

  // Visible characters the update deletes from the document's own text, per field; and why a
  // deletion is refused (comment threads and replies stay; a commenter deletes only in them).
  private countStoredDeletions(): string | null {
    for (const [client, ranges] of this.deletes) {
      const structs = this.doc.store.clients.get(client);
      const known = this.known(client);
      if (!structs) continue;
      for (const { clock, len } of ranges) {
        const end = Math.min(clock + len, known);
        if (clock >= end) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
          const item = structs[i];
          if (!(item instanceof Y.Item) || item.deleted) continue;
          const place = this.storedPlace(item.parent as AnyType);
          const refused = this.deletionProblem(place, item.parentSub);
          if (refused) return refused;
          if (item.parentSub !== null || !(item.content instanceof Y.ContentString)) continue;
          const overlap = Math.min(end, item.id.clock + item.length) - Math.max(clock, item.id.clock);
          if (place.kind === 'text') {
            place.length.deleted += overlap;
            this.body.deleted += overlap;
          } else if (place.kind === 'root' && TEXT_ROOTS.has(place.name)) {
            this.rootLength(place.name).deleted += overlap;
          }
        }
      }
    }
    return null;
  }

  private deletionProblem(place: Place, key: string | null): string | null {
    if (place.kind === 'gone') return null;
    if (this.sender.commentsOnly && !isCommentPlace(place)) return COMMENTER_REFUSAL;
    if (place.kind === 'root' && place.name === ARTICLE_TYPES.comments) return 'deletes a comment thread (threads are resolved, not deleted)';
    if (place.kind === 'replies') return 'deletes a reply to a comment';
    if (place.kind === 'thread' && (key === null || !MUTABLE_THREAD_KEYS.has(key))) return `a comment thread’s ${quote((key ?? '').slice(0, 40))}, which cannot change once written`;
    return null;
  }

  // --- placements: where an item goes, following its neighbours when the update left its parent out ---

  private structAt(id: Y.ID): Struct | null {
    if (id.clock < this.known(id.client)) return Y.getItem(this.doc.store, id);
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  }

  // The type whose item has id `id`: the document's, or one this update creates; GONE when nothing is there to hold content.
  private typeAt(id: Y.ID): ParentRef {
    const struct = this.structAt(id);
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return NO_PARENT;
    return id.clock < this.known(id.client) ? (struct.content.type as AnyType) : struct;
  }

  // Iterative: an update may chain any number of insertions, each placed after the one before.
  private placementOf(item: Y.Item): Placement {
    const chain: Y.Item[] = [];
    let result: Placement;
    for (let current = item; ; ) {
      const memo = this.placements.get(current);
      if (memo) {
        result = memo === VISITING ? CYCLE : memo;
        break;
      }
      const parent = current.parent as unknown;
      if (typeof parent === 'string') {
        result = { parent, key: current.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        result = { parent: this.typeAt(parent), key: current.parentSub };
        break;
      }
      // No parent written: Yjs takes the left neighbour's (origin), else the right one's.
      const ref = current.origin ?? current.rightOrigin;
      const neighbour = ref === null ? null : this.structAt(ref);
      if (!(neighbour instanceof Y.Item)) {
        result = GONE_PLACEMENT;
        break;
      }
      if (neighbour.id.clock < this.known(neighbour.id.client)) {
        result = { parent: neighbour.parent as AnyType, key: neighbour.parentSub };
        break;
      }
      chain.push(current);
      this.placements.set(current, VISITING);
      current = neighbour;
    }
    for (const link of chain) this.placements.set(link, result);
    if (chain.length === 0) this.placements.set(item, result);
    return result;
  }

  private placeOf(parent: ParentRef): Place {
    if (parent === NO_PARENT) return GONE;
    if (typeof parent === 'string') return { kind: 'root', name: parent };
    if (parent instanceof Y.Item) return this.newPlace(parent);
    return this.storedPlace(parent as AnyType);
  }

  // The place of a type this update creates. Iterative and bounded: a chain of new types longer
  // than any body may nest is refused as too deep without walking it to its end.
  private newPlace(item: Y.Item): Place {
    const chain: Y.Item[] = [];
    let place: Place | undefined;
    for (let current = item; place === undefined; ) {
      const memo = this.newPlaces.get(current);
      if (memo) place = memo;
      else if (chain.length > MAX_BODY_DEPTH + 1) place = TOO_DEEP;
      else {
        chain.push(current);
        const { parent } = this.placementOf(current);
        if (parent instanceof Y.Item) current = parent;
        else place = this.placeOf(parent);
      }
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      place = this.childPlace(place, (chain[i].content as Y.ContentType).type as AnyType, null);
      this.newPlaces.set(chain[i], place);
    }
    return place;
  }

  // The place of `type`, created inside a parent at `parent`.
  private childPlace(parent: Place, type: AnyType, stored: AnyType | null): Place {
    switch (parent.kind) {
      case 'gone':
      case 'too-deep':
        return parent;
      case 'root':
        if (parent.name === ARTICLE_TYPES.pictures && type.constructor === Y.Map) return { kind: 'picture' };
        if (parent.name === ARTICLE_TYPES.comments && type.constructor === Y.Map) return { kind: 'thread', fresh: stored === null };
        if (parent.name !== ARTICLE_TYPES.body) break;
        if (type.constructor === Y.XmlElement) return { kind: 'element', name: (type as Y.XmlElement).nodeName, depth: 1 };
        if (type.constructor === Y.XmlText) return this.textPlace(stored);
        break;
      case 'element':
        if (parent.depth > MAX_BODY_DEPTH) return TOO_DEEP;
        if (!isBodyElement(parent.name)) return { kind: 'other', what: `an element ${quote(parent.name)}` };
        if (type.constructor === Y.XmlElement) return { kind: 'element', name: (type as Y.XmlElement).nodeName, depth: parent.depth + 1 };
        if (type.constructor === Y.XmlText) return this.textPlace(stored);
        break;
      case 'thread':
        if (type.constructor === Y.Array) return { kind: 'replies' };
        break;
      case 'picture':
      case 'text':
      case 'replies':
      case 'other':
        break; // whatever is created inside these is 'other' (below)
    }
    return { kind: 'other', what: describe(type) };
  }

  private textPlace(stored: AnyType | null): Place {
    return { kind: 'text', length: this.length('a body text block', BODY_CAPS.block, stored?._length ?? 0) };
  }

  // The place of a type the document has, found by walking up from it (at most as far as a body may nest).
  private storedPlace(type: AnyType): Place {
    const memo = this.storedPlaces.get(type);
    if (memo) return memo;
    const chain: AnyType[] = [];
    let place: Place | undefined;
    for (let current = type; place === undefined; ) {
      const known = this.storedPlaces.get(current);
      if (known) place = known;
      else if (current._item === null) place = { kind: 'root', name: this.rootName(current) };
      else if (chain.length > MAX_BODY_DEPTH + 1) place = TOO_DEEP;
      else {
        chain.push(current);
        current = current._item.parent as AnyType;
      }
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      place = this.childPlace(place, chain[i], chain[i]);
      this.storedPlaces.set(chain[i], place);
    }
    return place;
  }

  private rootName(type: AnyType): string {
    this.rootNames ??= new Map([...this.doc.share].map(([name, root]) => [root as AnyType, name]));
    return this.rootNames.get(type) ?? '';
  }
}

/**
 * Why `update` (decoded) from `sender` may not be applied to `doc`, whose body holds `bodyLength`
 * characters now, or null when it keeps the story inside its schema and caps. Assumes the update
 * builds only on content `doc` has or the update brings (the room checks that first). Without a
 * sender's username, comment authors are checked for shape only.
 */
export function checkUpdateContent(doc: Y.Doc, update: DecodedUpdate, bodyLength: number, sender: Sender = {}): string | null {
  return new UpdateCheck(doc, update, bodyLength, sender).run();
}
