// Pictures: taking an upload (type by magic bytes, size, embedded credit, preview), and giving
// back a stored picture or its preview. Files go to the blob store, facts to the Store.
import type { UploadedPicture } from '../../model/api-types.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import type { AuditLog, PictureRecord, PictureStore, User } from '../storage/store.ts';
import type { BlobStore } from './blob-store.ts';
import { readImageFacts } from './image-facts.ts';
import { detectImageType } from './image-type.ts';
import { isPictureHash, sha256Hex } from './picture-hash.ts';
import { PREVIEW_MIME_TYPE, renderPreview } from './preview.ts';

/** Largest upload: 25 MiB. */
export const MAX_PICTURE_BYTES = 25 * 1024 * 1024;

/** A stored file to send: its bytes, MIME type and the hash that names it. */
export interface PictureFile {
  bytes: Buffer;
  mimeType: string;
  hash: string;
}

const answer = (picture: PictureRecord, duplicate: boolean): UploadedPicture => ({
  hash: picture.hash,
  mimeType: picture.mimeType,
  width: picture.width,
  height: picture.height,
  bytes: picture.bytes,
  credit: picture.credit,
  copyright: picture.copyright,
  duplicate,
});

/** `hash` when it is a well-formed picture hash; 400 otherwise (before anything looks it up). */
export function pictureHashParam(hash: string): string {
  if (!isPictureHash(hash)) throw new HttpError(400, 'a picture hash is 64 lowercase hex digits (sha256)');
  return hash;
}

/** Picture operations over the store (facts) and the blob store (files). */
export class Pictures {
  constructor(
    private readonly store: PictureStore & AuditLog,
    private readonly blobs: BlobStore,
    /** Whether `user` may see the picture (server/articles/article-gate.ts): one only restricted stories they cannot see use is unknown to them. */
    private readonly mayShow: (user: User, picture: PictureRecord) => Promise<boolean> = async () => true,
  ) {}

  /**
   * Stores an upload: 415 unless it is a readable JPEG, PNG, WebP or GIF (whatever it claims),
   * 413 when it has too many pixels. Bytes already stored are not stored again: the answer is
   * the stored picture with `duplicate: true`. `sha256`: the bytes' hash when the caller has it
   * (hashed while the body streamed in), so that a 25 MiB upload is not hashed again here.
   */
  async upload(bytes: Buffer, by: User, sha256 = sha256Hex(bytes)): Promise<UploadedPicture> {
    const type = detectImageType(bytes);
    if (!type) throw new HttpError(415, 'only JPEG, PNG, WebP and GIF pictures are accepted, and this file is none of them');
    const existing = await this.store.getPicture(sha256);
    if (existing) return answer(existing, true);
    const facts = await readImageFacts(bytes, type);
    const preview = await renderPreview(bytes);
    // Files first, facts last: a picture the store knows always has its files.
    const { hash } = await this.blobs.put(bytes, sha256);
    const { hash: previewHash } = await this.blobs.put(preview);
    const { created, picture } = await this.store.addPicture({
      hash,
      mimeType: type.mimeType,
      width: facts.width,
      height: facts.height,
      bytes: bytes.length,
      credit: facts.credit,
      copyright: facts.copyright,
      previewHash,
      uploadedBy: by.id,
      uploadedAt: Date.now(),
    });
    // Someone uploading the same file at the same moment got there first: theirs is the stored one.
    if (!created) return answer(picture, true);
    await this.store.audit({ at: picture.uploadedAt, userId: by.id, action: 'picture.upload', articleId: null, detail: { hash, bytes: bytes.length } });
    return answer(picture, false);
  }

  /** The uploaded file, or 404. */
  async original(hash: string, user: User): Promise<PictureFile> {
    const picture = await this.known(hash, user);
    return { bytes: await this.file(picture.hash), mimeType: picture.mimeType, hash: picture.hash };
  }

  /** The picture's preview (made at upload), or 404. */
  async preview(hash: string, user: User): Promise<PictureFile> {
    const picture = await this.known(hash, user);
    return { bytes: await this.file(picture.previewHash), mimeType: PREVIEW_MIME_TYPE, hash: picture.previewHash };
  }

  /** Which of `hashes` are stored pictures (malformed ones never are). */
  async stored(hashes: string[]): Promise<Set<string>> {
    const wellFormed = [...new Set(hashes.filter(isPictureHash))];
    const found = await Promise.all(wellFormed.map((hash) => this.store.getPicture(hash)));
    return new Set(wellFormed.filter((_, i) => found[i] !== null));
  }

  // The picture, or 404 alike when there is none and when `user` may not see it.
  private async known(hash: string, user: User): Promise<PictureRecord> {
    const picture = await this.store.getPicture(pictureHashParam(hash));
    if (!picture || !(await this.mayShow(user, picture))) throw notFound(`picture ${hash}`);
    return picture;
  }

  private async file(hash: string): Promise<Buffer> {
    const bytes = await this.blobs.get(hash);
    if (!bytes) throw notFound(`the file of picture ${hash}`);
    return bytes;
  }
}
