// A story's readable content as plain data: what a reader sees and what the exports carry
// (headline, standfirst, byline, slug, tags, the body's blocks, the pictures with their credits).
// The read-only view of any version shows it, and its canonical JSON is the content fingerprint
// that tells whether the live draft still equals the approved revision. The desk is routing, not
// content: moving a story to another desk does not change it.
import type * as Y from 'yjs';
import { headlineText, META_KEYS, readByline, readMetaString, readPictures, readTags, standfirstText, type Picture } from './article-schema.ts';
import { readBody, type BodyBlock } from './body-tree.ts';

/** One version of a story as a reader sees it. */
export interface ReadableArticle {
  headline: string;
  standfirst: string;
  byline: string;
  slug: string;
  tags: string[];
  body: BodyBlock[];
  pictures: Picture[];
}

/** The readable content of `doc`. */
export function readableArticle(doc: Y.Doc): ReadableArticle {
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

// `value` with every object's keys sorted, deeply (an attribute's value may be an object too).
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sorted(item)]));
}

// The blocks with their attributes' keys sorted (they come in whatever order they were set); the
// rest of the story has a fixed shape already.
const sortedBlocks = (blocks: BodyBlock[]): BodyBlock[] =>
  blocks.map((block) => ({ ...block, attrs: sorted(block.attrs) as BodyBlock['attrs'], children: sortedBlocks(block.children) }));

/**
 * The canonical JSON of `story`: equal content, equal text (hashed, it is the content fingerprint).
 * Only what can vary in order is sorted, so that a long story is written in one plain pass.
 */
export function canonicalArticleJson(article: ReadableArticle): string {
  return JSON.stringify({ ...article, body: sortedBlocks(article.body) });
}
