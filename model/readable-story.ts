// A story's readable content as plain data: what a reader sees and what the exports carry
// (headline, standfirst, byline, slug, tags, the body's blocks, the pictures with their credits).
// The read-only view of any version shows it, and its canonical JSON is the content fingerprint
// that tells whether the live draft still equals the approved revision. The desk is routing, not
// content: moving a story to another desk does not change it.
import type * as Y from 'yjs';
import { headlineText, META_KEYS, readByline, readMetaString, readPictures, readTags, standfirstText, type Picture } from './article-schema.ts';
import { readBody, type BodyBlock } from './body-tree.ts';

/** One version of a story as a reader sees it. */
export interface ReadableStory {
  headline: string;
  standfirst: string;
  byline: string;
  slug: string;
  tags: string[];
  body: BodyBlock[];
  pictures: Picture[];
}

/** The readable content of `doc`. */
export function readableStory(doc: Y.Doc): ReadableStory {
  return {
    headline: headlineText(doc).toString(),
    standfirst: standfirstText(doc).toString(),
    byline: readByline(doc),
    slug: readMetaString(doc, META_KEYS.slug),
    tags: readTags(doc),
    body: readBody(doc),
    pictures: readPictures(doc),
  };
}

// Objects with their keys sorted, so that equal content always writes the same text (a block's
// attributes come in whatever order they were set).
const sortedKeys = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/** The canonical JSON of `story`: equal content, equal text (hashed, it is the content fingerprint). */
export function canonicalStoryJson(story: ReadableStory): string {
  return JSON.stringify(story, sortedKeys);
}
