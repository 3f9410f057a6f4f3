// The article document: the one place that names the Yjs types of a story.
// Everything else in the project reaches the document through these accessors.
import * as Y from 'yjs';
import { clipToCap, FIELD_CAPS, isWholeIn, MAX_ASSIGNEES, MAX_INSTANT, MAX_TARGET_WORDS, PICTURE_CAPS, URGENCY_RANGE } from './article-limits.ts';
import { isUsername } from './people-types.ts';

/** Top-level names of an article's Y.Doc (DESIGN.md, "The article document"). */
export const ARTICLE_TYPES = {
  headline: 'headline',
  standfirst: 'standfirst',
  body: 'body',
  meta: 'meta',
  pictures: 'pictures',
  /** Comment threads on the text (model/comment-threads.ts): a Y.Map of thread id to Y.Map. */
  comments: 'comments',
} as const;

/** Plain keys of the `meta` map. */
export const META_KEYS = {
  byline: 'byline',
  slug: 'slug',
  desk: 'desk',
  tags: 'tags',
  /** Usernames the story is assigned to: a plain list (docs/DOCUMENT.md says why not a Y.Array). */
  assignees: 'assignees',
  /** When the story is due: an instant, ms since the epoch. */
  deadline: 'deadline',
  /** How long it should be, in words. */
  targetWords: 'targetWords',
  /** ninjs urgency, 1 (most) to 9 (least). */
  urgency: 'urgency',
  /** The desk's internal note on the story. */
  planningNote: 'planningNote',
} as const;

/** The desk's facts on a story (issue 17), as plain data; a fact not set (or of the wrong kind) is null or empty. */
export interface DeskFacts {
  assignees: string[];
  deadline: number | null;
  targetWords: number | null;
  urgency: number | null;
  planningNote: string;
}

/** Fields of one picture map in `pictures`, all strings. */
export const PICTURE_FIELDS = ['id', 'hash', 'caption', 'credit', 'copyright', 'alt'] as const;

/** A picture field name. */
export type PictureField = (typeof PICTURE_FIELDS)[number];

/** A picture as plain data. `hash` is '' while the image itself is missing. */
export type Picture = Record<PictureField, string>;

/** The headline, plain text. */
export const headlineText = (doc: Y.Doc): Y.Text => doc.getText(ARTICLE_TYPES.headline);

/** The standfirst (summary under the headline), plain text. */
export const standfirstText = (doc: Y.Doc): Y.Text => doc.getText(ARTICLE_TYPES.standfirst);

/** The rich-text body, edited through y-prosemirror. */
export const bodyFragment = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(ARTICLE_TYPES.body);

/** Plain metadata: byline, slug, desk, tags and anything else plain. */
export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ARTICLE_TYPES.meta);

/** The story's pictures, each a Y.Map of PICTURE_FIELDS. */
export const picturesArray = (doc: Y.Doc): Y.Array<Y.Map<string>> => doc.getArray(ARTICLE_TYPES.pictures);

/** The story's comment threads, each a Y.Map of THREAD_KEYS under its id (model/comment-threads.ts). */
export const commentsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ARTICLE_TYPES.comments);

/** Keys of one comment thread's map. `resolved` and the anchor (`start`, `end`: the editor moves it) change later; the rest is written once. */
export const THREAD_KEYS = {
  /** Which text it is on: `body`, `headline` or `standfirst`. */
  field: 'field',
  /** Where it starts and ends: Yjs relative positions as JSON (Y.relativePositionToJSON). */
  start: 'start',
  end: 'end',
  /** The text it was on when made. */
  quote: 'quote',
  /** Username of who made it, the time (ms since 1970), what they wrote and whom it mentions. */
  author: 'author',
  at: 'at',
  text: 'text',
  mentions: 'mentions',
  /** `{by, at}` once resolved, null while open. */
  resolved: 'resolved',
  /** A Y.Array of plain replies `{id, author, at, text, mentions}`. */
  replies: 'replies',
} as const;

/** The byline, or '' when none is set. */
export function readByline(doc: Y.Doc): string {
  const value = metaMap(doc).get(META_KEYS.byline);
  return typeof value === 'string' ? value : '';
}

/** A string-valued meta entry, or '' when absent or not a string. */
export function readMetaString(doc: Y.Doc, key: string): string {
  const value = metaMap(doc).get(key);
  return typeof value === 'string' ? value : '';
}

/** The tags as strings; anything else stored under `tags` is ignored. */
export function readTags(doc: Y.Doc): string[] {
  const value = metaMap(doc).get(META_KEYS.tags);
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
}

/** The desk's facts; values a client could not have written past the server's check read as unset. */
export function readDeskFacts(doc: Y.Doc): DeskFacts {
  return readMetaDeskFacts(metaMap(doc));
}

/** The desk's facts from a story's `meta` map (as readDeskFacts). */
export function readMetaDeskFacts(meta: Y.Map<unknown>): DeskFacts {
  const note = meta.get(META_KEYS.planningNote);
  const assignees = meta.get(META_KEYS.assignees);
  const deadline = meta.get(META_KEYS.deadline);
  const targetWords = meta.get(META_KEYS.targetWords);
  const urgency = meta.get(META_KEYS.urgency);
  return {
    assignees: Array.isArray(assignees) ? [...new Set(assignees.filter((a): a is string => typeof a === 'string' && isUsername(a)))].slice(0, MAX_ASSIGNEES) : [],
    deadline: isWholeIn(deadline, 0, MAX_INSTANT) ? deadline : null,
    targetWords: isWholeIn(targetWords, 1, MAX_TARGET_WORDS) ? targetWords : null,
    urgency: isWholeIn(urgency, URGENCY_RANGE.most, URGENCY_RANGE.least) ? urgency : null,
    planningNote: typeof note === 'string' ? clipToCap(note, FIELD_CAPS.planningNote) : '',
  };
}

/** One picture map as plain data; missing or non-string fields read as ''. */
export function readPicture(map: Y.Map<string>): Picture {
  const picture = {} as Picture;
  for (const field of PICTURE_FIELDS) {
    const value = map.get(field);
    picture[field] = typeof value === 'string' ? value : '';
  }
  return picture;
}

/** The picture maps of the story, in order; any other value stored in `pictures` (a client wrote it) is skipped. */
export function pictureMaps(doc: Y.Doc): Y.Map<string>[] {
  return picturesArray(doc)
    .toArray()
    .filter((entry: unknown): entry is Y.Map<string> => entry instanceof Y.Map);
}

/** Every picture as plain data, in story order. */
export function readPictures(doc: Y.Doc): Picture[] {
  return pictureMaps(doc).map(readPicture);
}

/** Builds a picture map ready to insert into `pictures`; unset fields become '', each is cut to its cap. */
export function createPictureMap(fields: Partial<Picture> & { id: string }): Y.Map<string> {
  const map = new Y.Map<string>();
  for (const field of PICTURE_FIELDS) map.set(field, clipToCap(fields[field] ?? '', PICTURE_CAPS[field]));
  return map;
}

/** Appends a picture to the story, in one transaction. */
export function addPicture(doc: Y.Doc, fields: Partial<Picture> & { id: string }): void {
  doc.transact(() => picturesArray(doc).push([createPictureMap(fields)]));
}

/** The map of picture `id`, or undefined when the story has no such picture. */
export function pictureMap(doc: Y.Doc, id: string): Y.Map<string> | undefined {
  return pictureMaps(doc).find((map) => map.get('id' satisfies PictureField) === id);
}

/**
 * Gives picture `id` its uploaded image: sets `hash`, and `credit` and `copyright` only where
 * still empty (what someone typed wins over what the file says; what the file says is cut to the
 * field's cap). With `onlyIfMissing`, a picture that got an image meanwhile (someone attached
 * another) keeps it. Returns whether it changed.
 */
export function setPictureImage(
  doc: Y.Doc,
  id: string,
  image: { hash: string; credit: string; copyright: string },
  onlyIfMissing = false,
): boolean {
  const map = pictureMap(doc, id);
  if (!map || (onlyIfMissing && map.get('hash' satisfies PictureField))) return false;
  const current = readPicture(map);
  doc.transact(() => {
    map.set('hash' satisfies PictureField, clipToCap(image.hash, PICTURE_CAPS.hash));
    if (!current.credit.trim() && image.credit) map.set('credit' satisfies PictureField, clipToCap(image.credit, PICTURE_CAPS.credit));
    if (!current.copyright.trim() && image.copyright) map.set('copyright' satisfies PictureField, clipToCap(image.copyright, PICTURE_CAPS.copyright));
  });
  return true;
}

/** Replaces the whole content of a plain-text field (headline or standfirst). */
export function replaceText(text: Y.Text, value: string): void {
  const apply = () => {
    text.delete(0, text.length);
    text.insert(0, value);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}
