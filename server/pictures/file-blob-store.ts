// The default blob store: files under DATA/pictures/ab/abcdef… (the first two hex digits make a
// directory, so no directory grows past a few thousand entries). A file is written under a
// temporary name in its final directory, synced, then renamed into place: the rename is atomic,
// so a crash leaves at worst a stray temporary file (swept at the next start), never half a file
// under a real hash.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.ts';
import { isPictureHash, sha256Hex } from './picture-hash.ts';

/** The blob directory inside a data dir. */
export const blobDirectory = (dataDir: string) => join(dataDir, 'pictures');

/** Suffix of the files being written. */
export const TEMPORARY_SUFFIX = '.tmp';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

// Makes a rename in `dir` durable. Windows cannot open a directory for syncing; there the rename
// is as durable as its file system makes it.
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Blobs as files under a directory. */
export class FileBlobStore implements BlobStore {
  private constructor(private readonly root: string) {}

  /** Opens the store under `dataDir`, removing temporary files a crash may have left. */
  static async open(dataDir: string): Promise<FileBlobStore> {
    const store = new FileBlobStore(blobDirectory(dataDir));
    await mkdir(store.root, { recursive: true });
    await store.sweepTemporaryFiles();
    return store;
  }

  // Only a well-formed hash ever becomes a path: nothing a caller sends can point elsewhere.
  private path(hash: string): string {
    if (!isPictureHash(hash)) throw new Error(`not a picture hash: ${JSON.stringify(hash)}`);
    return join(this.root, hash.slice(0, 2), hash);
  }

  async put(bytes: Uint8Array, hash = sha256Hex(bytes)): Promise<{ hash: string; created: boolean }> {
    const target = this.path(hash);
    if (await this.has(hash)) return { hash, created: false };
    const dir = join(this.root, hash.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const temporary = join(dir, `.${hash}.${randomUUID()}${TEMPORARY_SUFFIX}`);
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Two uploads of the same bytes may race here: both renames put identical content in place.
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(dir);
    return { hash, created: true };
  }

  async get(hash: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(hash));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await stat(this.path(hash))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private async sweepTemporaryFiles(): Promise<void> {
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(this.root, entry.name);
      for (const name of await readdir(dir)) if (name.endsWith(TEMPORARY_SUFFIX)) await rm(join(dir, name), { force: true });
    }
  }
}
