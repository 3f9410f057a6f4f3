// A story restricted (or its desk or people changed while it is) shuts its open sockets to whoever
// may no longer see it, on every instance: each one hears the story's new list entry (its own
// writes and the others', through the list's fan-out) and closes its outsiders' sockets with
// ARTICLE_GONE_CLOSE, so that their app drops the story and its copy on that device.
import { ARTICLE_GONE_CLOSE } from '../../model/close-codes.ts';
import { canSee } from '../../model/roles.ts';
import { RestrictedEntries } from '../api/restricted-entries.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { Logger } from '../log.ts';
import type { ArticleGate } from './article-gate.ts';
import type { ListChanges } from './list-changes.ts';

/** Starts closing outsiders' sockets when a story's access changes; returns what stops it. */
export function closeOutsidersOnRestriction(changes: ListChanges, rooms: Rooms, gate: Pick<ArticleGate, 'viewer'>, logger: Logger): () => void {
  const restricted = new RestrictedEntries();
  return changes.listen((event) => {
    if (event.type !== 'article' || !restricted.note(event.article)) return;
    const room = rooms.get(event.article.id);
    if (!room) return;
    for (const connection of [...room.connections]) {
      void gate
        .viewer(connection.user)
        .then((viewer) => {
          if (canSee(viewer, event.article)) return;
          logger.info(`story ${event.article.id} is restricted: closing the connection of ${connection.user.username}, who is not on its desk`);
          room.disconnect(connection, ARTICLE_GONE_CLOSE, 'this story is restricted to its desk');
        })
        .catch((error: unknown) => logger.error(`checking who may stay in restricted story ${event.article.id} failed`, error));
    }
  });
}
