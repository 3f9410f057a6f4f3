// The content fingerprint: a SHA-256 of a version's readable content in canonical JSON
// (model/readable-story.ts). Stored with every revision and with the story's list entry, it tells
// whether the live draft still equals the approved revision: unlike comparing Yjs state vectors,
// it sees deletions, and a draft changed back to the approved text compares equal again.
import { createHash } from 'node:crypto';
import { canonicalStoryJson, type ReadableStory } from '../../model/readable-story.ts';

/** The fingerprint of `story`: 64 lowercase hex digits. */
export function contentFingerprint(story: ReadableStory): string {
  return createHash('sha256').update(canonicalStoryJson(story)).digest('hex');
}
