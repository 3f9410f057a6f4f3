// Pictures added while offline: the image bytes wait in IndexedDB until they can be uploaded.
import * as idb from 'lib0/indexeddb';

/** An image waiting to be uploaded for picture `pictureId` of story `articleId`. */
export interface PendingPicture {
  pictureId: string;
  articleId: string;
  name: string;
  type: string;
  data: Uint8Array;
}

const STORE = 'pending';

/** The waiting pictures of one user on this device. */
export class PendingPictures {
  private readonly db: Promise<IDBDatabase>;

  constructor(userId: string) {
    this.db = idb.openDB(`newsroom:${userId}:pictures`, (db) => idb.createStores(db, [[STORE]]));
  }

  private async store(mode: 'readonly' | 'readwrite'): Promise<IDBObjectStore> {
    const [store] = idb.transact(await this.db, [STORE], mode);
    return store;
  }

  /** Keeps an image until it is uploaded. */
  async put(picture: PendingPicture): Promise<void> {
    await idb.put(await this.store('readwrite'), picture as unknown as string, picture.pictureId);
  }

  /** The waiting images of a story. */
  async forArticle(articleId: string): Promise<PendingPicture[]> {
    const all = (await idb.getAll(await this.store('readonly'))) as unknown as PendingPicture[];
    return all.filter((p) => p.articleId === articleId);
  }

  /** Drops an image once it is uploaded. */
  async remove(pictureId: string): Promise<void> {
    await idb.del(await this.store('readwrite'), pictureId);
  }
}
