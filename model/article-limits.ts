// The caps of a story's fields, defined once for the server (which refuses an update that would
// pass one) and the app (whose inputs stop at them). Lengths are in UTF-16 code units, as
// JavaScript strings and the `maxlength` attribute count them.
import type { PictureField } from './article-schema.ts';
import { USERNAME_MAX } from './people-types.ts';
import type { ImportedArticle } from './text-import.ts';

/** The longest each plain field may be, in characters. */
export const FIELD_CAPS = {
  headline: 500,
  standfirst: 1_500,
  byline: 200,
  slug: 100,
  desk: 100,
  /** One tag. */
  tag: 100,
  /** The desk's planning note (internal; ninjs `ednote`). */
  planningNote: 2_000,
  /** One assignee's username (model/people-types.ts USERNAME_MAX). */
  assignee: USERNAME_MAX,
} as const;

/** The most tags a story may have. */
export const MAX_TAGS = 50;

/** The most people a story may be assigned to. */
export const MAX_ASSIGNEES = 10;

/** The longest target length a story may have, in words. */
export const MAX_TARGET_WORDS = 100_000;

/** Urgency as ninjs has it: 1 (most urgent) to 9 (least). */
export const URGENCY_RANGE = { most: 1, least: 9 } as const;

/** The latest instant a JavaScript Date can hold (ms since the epoch); a deadline is 0 to this. */
export const MAX_INSTANT = 8_640_000_000_000_000;

/** The longest each picture field may be; `hash` is a sha256 in hex, `id` a UUID with room to spare. */
export const PICTURE_CAPS: Record<PictureField, number> = {
  id: 100,
  hash: 64,
  caption: 2_000,
  credit: 300,
  copyright: 500,
  alt: 1_000,
};

/**
 * The body's caps. One text block (a paragraph or heading) holds up to BODY_CAPS.block
 * characters: generous, because the real editing traces (a 107,000-character paper typed as
 * one text) must fit; the whole body, every block together, up to BODY_CAPS.body.
 */
export const BODY_CAPS = {
  block: 150_000,
  body: 1_000_000,
} as const;

/** How deep elements may nest in the body (a top-level paragraph is at depth 1; each list level adds two). */
export const MAX_BODY_DEPTH = 20;

/** The longest link target. */
export const MAX_HREF_LENGTH = 2_048;

/**
 * Meta keys other than the known ones hold "anything else plain" (DESIGN.md): a JSON value
 * (no Yjs type, bytes or subdocument) of at most this many characters as JSON, under a key of
 * at most MAX_META_KEY_LENGTH characters. How many there may be is bounded by the story's quota.
 */
export const MAX_META_VALUE_LENGTH = 2_000;

/** Comment threads (model/comment-threads.ts): how many a story, and replies a thread, may hold; how long each piece may be. */
export const COMMENT_CAPS = {
  threads: 500,
  replies: 200,
  /** One comment or reply, in characters. */
  text: 5_000,
  /** The text a thread quotes from where it was made. */
  quote: 500,
  /** A thread's or reply's id. */
  id: 100,
  /** Usernames one comment mentions. */
  mentions: 20,
} as const;

/** The longest meta key. */
export const MAX_META_KEY_LENGTH = 100;

/** Whether `value` is a whole number from `min` to `max`: the shape of the desk's number facts. */
export const isWholeIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** `text` cut to at most `cap` characters, never between the two halves of a surrogate pair. */
export function clipToCap(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(cap - 1)) ? cap - 1 : cap;
  return text.slice(0, end);
}

/** Why an imported story would not fit a story's caps (naming the first field over its cap), or null. */
export function importedArticleProblem(article: ImportedArticle): string | null {
  const over = (label: string, text: string, cap: number) => (text.length > cap ? `${label} over ${cap} characters` : null);
  const paragraphs = article.paragraphs.reduce((sum, p) => sum + p.length, 0);
  return (
    over('headline', article.headline, FIELD_CAPS.headline) ??
    over('standfirst', article.standfirst, FIELD_CAPS.standfirst) ??
    over('byline', article.byline, FIELD_CAPS.byline) ??
    article.paragraphs.map((p, i) => over(`paragraph ${i + 1}`, p, BODY_CAPS.block)).find((p) => p !== null) ??
    (paragraphs > BODY_CAPS.body ? `body over ${BODY_CAPS.body} characters` : null) ??
    article.pictures
      .map((p, i) => over(`picture caption ${i + 1}`, p.caption, PICTURE_CAPS.caption) ?? over(`picture credit ${i + 1}`, p.credit, PICTURE_CAPS.credit))
      .find((problem) => problem !== null) ??
    null
  );
}
