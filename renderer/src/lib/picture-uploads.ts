// Uploading the images that wait on this device (added while offline) and giving each picture
// its image once the server has it. Used for the open story and for stories synced in the background.
import type * as Y from 'yjs';
import { pictureMap, setPictureImage } from '../../../model/article-schema.ts';
import { ApiError, type Api } from './api.ts';
import type { PendingPictures } from './pending-pictures.ts';

/** Whether an error means "the server could not be reached" (try again later) rather than a refusal. */
export const isUnreachable = (error: unknown) => error instanceof ApiError && error.status === 0;

/**
 * Uploads every waiting image of `articleId` into `doc`. An image the server refuses is dropped
 * and reported through `onrefused` (it would be refused again); an unreachable server leaves the
 * rest waiting. Resolves with how many are still waiting.
 */
export async function uploadWaitingPictures(
  doc: Y.Doc,
  articleId: string,
  api: Api,
  pending: PendingPictures,
  onrefused: (name: string, message: string) => void = () => undefined,
): Promise<number> {
  const waiting = await pending.forArticle(articleId);
  let left = waiting.length;
  for (const picture of waiting) {
    // Removed from the story while it waited: nothing to upload.
    if (pictureMap(doc, picture.pictureId)) {
      try {
        const stored = await api.uploadPicture(picture.data, picture.type);
        // Someone may have attached another image meanwhile; theirs stays.
        setPictureImage(doc, picture.pictureId, stored, true);
      } catch (error) {
        if (isUnreachable(error)) return left;
        onrefused(picture.name, (error as Error).message);
      }
    }
    await pending.remove(picture.pictureId);
    left--;
  }
  return left;
}
