// A story's pictures, reactive: read from the document's `pictures` array, and the actions on
// them — add uploaded images (credit prefilled from the file), attach an image to a picture
// imported without one, edit a field, remove. Stored pictures are fetched with the session
// token in the header and shown from blob URLs (a URL with the token would end up in logs).
// Offline, an added image waits on this device (shown from its local copy, marked "waiting to
// upload") and is uploaded when the server is back.
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { addPicture, pictureMap, picturesArray, readPictures, setPictureImage, type Picture, type PictureField } from '../../../model/article-schema.ts';
import type { PickedImageFile } from '../../../model/desktop-bridge.ts';
import type { Api } from './api.ts';
import type { PendingPictures } from './pending-pictures.ts';
import { isUnreachable } from './picture-uploads.ts';

/** An image being uploaded, shown until it becomes a picture. */
export interface PendingUpload {
  key: string;
  name: string;
}

/** Where waiting images are kept, and who uploads them once the server is reachable. */
export interface WaitingImages {
  store: PendingPictures;
  /** Called after an image was put aside, so that it gets uploaded as soon as possible. */
  onwaiting: () => void;
}

/** The pictures of one open story. */
export class PictureList {
  pictures = $state<Picture[]>([]);
  uploads = $state<PendingUpload[]>([]);
  /** Pictures whose image waits on this device, with a local URL to show it. */
  waiting = $state<Record<string, string>>({});
  /** Previews of stored pictures by hash, as blob URLs. */
  previews = $state<Record<string, string>>({});
  /** Hashes whose preview could not be fetched (unreachable, gone); tried again when the network returns. */
  unavailable = $state<Record<string, true>>({});
  error = $state<string | null>(null);
  private readonly array: Y.Array<Y.Map<string>>;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
  private readonly fetching = new Set<string>();
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly api: Api,
    private readonly articleId: string,
    private readonly images: WaitingImages,
  ) {
    this.array = picturesArray(doc);
    this.array.observeDeep(this.read);
    window.addEventListener('online', this.retryPreviews);
    this.read();
    void images.store.forArticle(articleId).then((kept) => {
      for (const picture of kept) this.showWaiting(picture.pictureId, picture.data, picture.type);
      this.read();
    });
  }

  private readonly read = (): void => {
    this.pictures = readPictures(this.doc);
    this.fetchPreviews();
    // A waiting picture that has its image now (uploaded here or in the background) waits no more.
    const uploaded = this.pictures.filter((p) => p.hash && this.waiting[p.id]);
    if (uploaded.length === 0) return;
    const waiting = { ...this.waiting };
    for (const { id } of uploaded) {
      URL.revokeObjectURL(waiting[id]);
      delete waiting[id];
    }
    this.waiting = waiting;
  };

  // Fetches the preview of each stored picture not shown yet (once each; failures wait for the network).
  private fetchPreviews(): void {
    for (const { hash } of this.pictures) {
      if (!hash || hash in this.previews || hash in this.unavailable || this.fetching.has(hash)) continue;
      this.fetching.add(hash);
      this.api
        .picture(hash)
        .then(
          (blob) => {
            if (!this.destroyed) this.previews = { ...this.previews, [hash]: URL.createObjectURL(blob) };
          },
          () => {
            if (!this.destroyed) this.unavailable = { ...this.unavailable, [hash]: true };
          },
        )
        .finally(() => this.fetching.delete(hash));
    }
  }

  private readonly retryPreviews = (): void => {
    this.unavailable = {};
    this.fetchPreviews();
  };

  private showWaiting(pictureId: string, data: Uint8Array, type: string): void {
    // A copy: a Blob from a view over a shared buffer is not allowed, and the copy is small.
    this.waiting = { ...this.waiting, [pictureId]: URL.createObjectURL(new Blob([data.slice()], { type })) };
  }

  /** The Y.Map of picture `id`, for binding its fields. */
  mapOf(id: string): Y.Map<string> | undefined {
    return pictureMap(this.doc, id);
  }

  // Keeps an image on this device and adds its picture now; the image is uploaded later.
  private async putAside(file: PickedImageFile): Promise<void> {
    const pictureId = uuidv4();
    await this.images.store.put({ pictureId, articleId: this.articleId, name: file.name, type: file.type, data: file.data });
    this.showWaiting(pictureId, file.data, file.type);
    addPicture(this.doc, { id: pictureId });
    this.images.onwaiting();
  }

  // Uploads one image; the picture appears when the server has stored it.
  private async upload(file: PickedImageFile, then: (hash: string, credit: string, copyright: string) => void): Promise<'done' | 'unreachable'> {
    const pending = { key: uuidv4(), name: file.name };
    this.uploads = [...this.uploads, pending];
    try {
      const stored = await this.api.uploadPicture(file.data, file.type);
      then(stored.hash, stored.credit, stored.copyright);
      return 'done';
    } catch (error) {
      if (isUnreachable(error)) return 'unreachable';
      this.error = `${file.name} could not be added: ${(error as Error).message}`;
      return 'done';
    } finally {
      this.uploads = this.uploads.filter((u) => u.key !== pending.key);
    }
  }

  /** Adds each image as a new picture, its credit and copyright prefilled from the file; offline, it waits on this device. */
  async add(files: PickedImageFile[]): Promise<void> {
    this.error = null;
    await Promise.all(
      files.map(async (file) => {
        if (!navigator.onLine) return this.putAside(file);
        const outcome = await this.upload(file, (hash, credit, copyright) => addPicture(this.doc, { id: uuidv4(), hash, credit, copyright }));
        if (outcome === 'unreachable') await this.putAside(file);
      }),
    );
  }

  /** Gives picture `id` (imported without an image) its image; fills credit and copyright only where empty. */
  async attach(id: string, file: PickedImageFile): Promise<void> {
    this.error = null;
    const outcome = await this.upload(file, (hash, credit, copyright) => setPictureImage(this.doc, id, { hash, credit, copyright }));
    if (outcome === 'unreachable') this.error = `${file.name} could not be attached: the server cannot be reached. Try again when you are online.`;
  }

  /** Removes picture `id` from the story (a waiting image of it is dropped when the upload finds it gone). */
  remove(id: string): void {
    const index = this.array.toArray().findIndex((map) => map.get('id' satisfies PictureField) === id);
    if (index >= 0) this.array.delete(index, 1);
  }

  /** Stops following the document. */
  destroy(): void {
    this.destroyed = true;
    this.array.unobserveDeep(this.read);
    window.removeEventListener('online', this.retryPreviews);
    for (const url of [...Object.values(this.waiting), ...Object.values(this.previews)]) URL.revokeObjectURL(url);
  }
}
