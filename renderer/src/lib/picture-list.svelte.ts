// A story's pictures, reactive: read from the document's `pictures` array, and the actions on
// them — add uploaded images (credit prefilled from the file), attach an image to a picture
// imported without one, edit a field, remove.
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { addPicture, picturesArray, readPictures, type Picture, type PictureField } from '../../../model/article-schema.ts';
import type { PickedImageFile } from '../../../model/desktop-bridge.ts';
import type { Api } from './api.ts';

/** An image being uploaded, shown until it becomes a picture. */
export interface PendingUpload {
  key: string;
  name: string;
}

/** The pictures of one open story. */
export class PictureList {
  pictures = $state<Picture[]>([]);
  uploads = $state<PendingUpload[]>([]);
  error = $state<string | null>(null);
  private readonly array: Y.Array<Y.Map<string>>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly api: Api,
  ) {
    this.array = picturesArray(doc);
    this.array.observeDeep(this.read);
    this.read();
  }

  private readonly read = (): void => {
    this.pictures = readPictures(this.doc);
  };

  /** The Y.Map of picture `id`, for binding its fields. */
  mapOf(id: string): Y.Map<string> | undefined {
    return this.array.toArray().find((map) => map.get('id' satisfies PictureField) === id);
  }

  // Uploads one image; the picture appears when the server has stored it.
  private async upload(file: PickedImageFile, then: (hash: string, credit: string, copyright: string) => void): Promise<void> {
    const pending = { key: uuidv4(), name: file.name };
    this.uploads = [...this.uploads, pending];
    try {
      const stored = await this.api.uploadPicture(file.data, file.type);
      then(stored.hash, stored.credit, stored.copyright);
    } catch (error) {
      this.error = `${file.name} could not be added: ${(error as Error).message}`;
    } finally {
      this.uploads = this.uploads.filter((u) => u.key !== pending.key);
    }
  }

  /** Adds each image as a new picture, its credit and copyright prefilled from the file. */
  async add(files: PickedImageFile[]): Promise<void> {
    this.error = null;
    await Promise.all(files.map((file) => this.upload(file, (hash, credit, copyright) => addPicture(this.doc, { id: uuidv4(), hash, credit, copyright }))));
  }

  /** Gives picture `id` (imported without an image) its image; fills credit and copyright only where empty. */
  async attach(id: string, file: PickedImageFile): Promise<void> {
    this.error = null;
    await this.upload(file, (hash, credit, copyright) => {
      const map = this.mapOf(id);
      if (!map) return;
      this.doc.transact(() => {
        map.set('hash' satisfies PictureField, hash);
        if (!map.get('credit')?.trim() && credit) map.set('credit' satisfies PictureField, credit);
        if (!map.get('copyright')?.trim() && copyright) map.set('copyright' satisfies PictureField, copyright);
      });
    });
  }

  /** Removes picture `id` from the story. */
  remove(id: string): void {
    const index = this.array.toArray().findIndex((map) => map.get('id' satisfies PictureField) === id);
    if (index >= 0) this.array.delete(index, 1);
  }

  /** Stops following the document. */
  destroy(): void {
    this.array.unobserveDeep(this.read);
  }
}
