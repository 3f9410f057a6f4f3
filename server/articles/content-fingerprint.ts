// The content fingerprint: a SHA-256 of a version's readable content in canonical JSON
// (model/readable-article.ts). Stored with every revision and with the story's list entry, it tells
// whether the live draft still equals the approved revision: unlike comparing Yjs state vectors,
// it sees deletions, and a draft changed back to the approved text compares equal again.
import { createHash } from 'node:crypto';
import { canonicalArticleJson, type ReadableArticle } from '../../model/readable-article.ts';

/** The fingerprint of `story`: 64 lowercase hex digits. */
export function contentFingerprint(article: ReadableArticle): string {
  return createHash('sha256').update(canonicalArticleJson(article)).digest('hex');
}
