// A story restricted (or its desk or people changed while it is) shuts its open sockets to whoever
// may no longer see it, on every instance: each one hears the story's new list entry (its own
// writes and the others', through the list's fan-out) and closes its outsiders' sockets with
// ARTICLE_GONE_CLOSE, so that their app drops the story and its copy on that device. A person
// taken off a story's desk is no list change: every few seconds the sockets of the restricted
// stories open here are checked against their people's desks as they are now (a change made on
// another instance or by the CLI included).
import { ARTICLE_GONE_CLOSE } from '../../model/close-codes.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import { canSee, type ArticleAccess, type Viewer } from '../../model/roles.ts';
import { RestrictedEntries } from '../api/restricted-entries.ts';
import type { Room } from '../collab/room.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { Logger } from '../log.ts';
import type { User } from '../storage/store.ts';
import type { ArticleGate } from './article-gate.ts';
import type { ListChanges } from './list-changes.ts';

/** What the closing needs: the list's changes, the rooms, the rules' viewer, and how often to look at desks again. */
export interface OutsiderWatch {
  changes: ListChanges;
  rooms: Rooms;
  gate: Pick<ArticleGate, 'viewer'>;
  logger: Logger;
  /** The restricted stories there are at start. */
  restricted: ArticleListItem[];
  /** How often the sockets of open restricted stories are checked against desks as they are now. */
  recheckMs: number;
}

/** Starts closing outsiders' sockets when a story's access, or a person's desks, change; returns what stops it. */
export function closeOutsidersOnRestriction({ changes, rooms, gate, logger, restricted: atStart, recheckMs }: OutsiderWatch): () => void {
  const restricted = new RestrictedEntries();
  for (const article of atStart) restricted.note(article);

  // Closes the sockets in `room` of those `viewerOf` says may not see `access`.
  const closeOutsiders = (id: string, room: Room, access: ArticleAccess, viewerOf: (user: User) => Promise<Viewer>, why: string) => {
    for (const connection of [...room.connections]) {
      void viewerOf(connection.user)
        .then((viewer) => {
          if (canSee(viewer, access) || !room.connections.has(connection)) return;
          logger.info(`story ${id} is restricted: closing the connection of ${connection.user.username}, ${why}`);
          room.disconnect(connection, ARTICLE_GONE_CLOSE, 'this story is restricted to its desk');
        })
        .catch((error: unknown) => logger.error(`checking who may stay in restricted story ${id} failed`, error));
    }
  };

  const stopListening = changes.listen((event) => {
    if (event.type !== 'article' || !restricted.note(event.article)) return;
    const room = rooms.get(event.article.id);
    if (room) closeOutsiders(event.article.id, room, event.article, (user) => gate.viewer(user), 'who is not on its desk');
  });

  // One desk lookup per person per round, however many restricted stories they have open; a round
  // still running when the next is due makes that one wait (a slow store never piles them up).
  let checking = false;
  const recheck = setInterval(() => {
    if (checking) return;
    checking = true;
    const viewers = new Map<string, Promise<Viewer>>();
    const viewerOf = (user: User) => viewers.get(user.id) ?? viewers.set(user.id, gate.viewer(user)).get(user.id)!;
    for (const [id, access] of restricted.all()) {
      const room = rooms.get(id);
      if (room) closeOutsiders(id, room, access, viewerOf, 'who is no longer on its desk');
    }
    void Promise.allSettled(viewers.values()).finally(() => (checking = false));
  }, recheckMs);
  recheck.unref();

  return () => {
    clearInterval(recheck);
    stopListening();
  };
}
