// The desk's name written into the story itself when the story changes desk: the server's change,
// live for everyone in the story and stored like any edit (the story's list entry and its exports
// read the name there).
import { META_KEYS, metaMap } from '../../model/article-schema.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { NameDeskInStory } from './desks.ts';

/** Writes a story's desk name through its room (opened for the change when nobody has it open). */
export function deskNameInStory(rooms: Rooms): NameDeskInStory {
  return async (articleId, name, by) => {
    const room = await rooms.acquire(articleId);
    try {
      // The same name again (a page that wrote it, a repeated request) is no change to log.
      if (metaMap(room.doc).get(META_KEYS.desk) === name) return;
      room.changeAsServer('desk', by.id, (doc) => metaMap(doc).set(META_KEYS.desk, name));
    } finally {
      room.release();
    }
  };
}
