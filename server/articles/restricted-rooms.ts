// Who may no longer see a restricted story loses its open sockets, on every instance: when the
// story's access changes (each instance hears the new list entry: its own writes and the others',
// through the list's fan-out), and at each recheck (a person taken off the story's desk, by the
// app or the command line). Their sockets close with ARTICLE_GONE_CLOSE, so that their app drops
// the story and its copy on that device.
import type { ArticleListItem } from '../../model/api-types.ts';
import { ARTICLE_GONE_CLOSE } from '../../model/close-codes.ts';
import { canSee, type ArticleAccess } from '../../model/roles.ts';
import { RestrictedEntries } from '../api/restricted-entries.ts';
import type { Room } from '../collab/room.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { Logger } from '../log.ts';
import type { ArticleGate } from './article-gate.ts';
import type { ListChanges } from './list-changes.ts';

/** How often the open restricted stories' sockets are checked against their people's desks. */
export const RESTRICTED_RECHECK_MS = 4000;

/** Starts closing outsiders' sockets to restricted stories (`known`: those restricted at start); returns what stops it. */
export function closeOutsidersOfRestricted(
  changes: ListChanges,
  rooms: Rooms,
  gate: Pick<ArticleGate, 'viewer'>,
  logger: Logger,
  known: ArticleListItem[],
  recheckMs = RESTRICTED_RECHECK_MS,
): () => void {
  const restricted = new RestrictedEntries();
  for (const article of known) restricted.note(article);

  // Closes the sockets in `room` of everyone `access` leaves out.
  const closeOutsiders = (room: Room, access: ArticleAccess) => {
    for (const connection of [...room.connections]) {
      void gate
        .viewer(connection.user)
        .then((viewer) => {
          if (connection.closed || canSee(viewer, access)) return;
          logger.info(`story ${room.articleId} is restricted: closing the connection of ${connection.user.username}, who may not see it`);
          room.disconnect(connection, ARTICLE_GONE_CLOSE, 'this story is restricted to its desk');
        })
        .catch((error: unknown) => logger.error(`checking who may stay in restricted story ${room.articleId} failed`, error));
    }
  };

  const stopListening = changes.listen((event) => {
    if (event.type !== 'article' || !restricted.note(event.article)) return;
    const room = rooms.get(event.article.id);
    if (room) closeOutsiders(room, event.article);
  });
  const timer = setInterval(() => {
    for (const [id, access] of restricted.all()) {
      const room = rooms.get(id);
      if (room) closeOutsiders(room, access);
    }
  }, recheckMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
