// A story's pictures as the credits index keeps them.
import type { Picture } from '../../model/article-schema.ts';
import type { PictureUse } from '../storage/store.ts';
import { isPictureHash } from './picture-hash.ts';

/**
 * The index entries of a story's pictures, in story order: caption and credit trimmed, and a hash
 * only when well formed (any client can write the document; a malformed hash names no image).
 */
export function pictureUses(pictures: Picture[]): PictureUse[] {
  return pictures.map((p) => ({ pictureId: p.id, hash: isPictureHash(p.hash) ? p.hash : '', caption: p.caption.trim(), credit: p.credit.trim() }));
}
