// "Add Picture…": the user picks one or more pictures, and main reads them (each up to a size
// limit) for the renderer, which never gets a file path or file-system access of its own.
import { basename, extname } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { PickedImageFile } from '../../model/desktop-bridge.ts';

/** The largest picture read: a camera JPEG is a few MiB; a file past this is not a news picture. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/** The most pictures one pick may return, which also caps one IPC answer at 20 × 25 MiB. */
export const MAX_IMAGES_PER_PICK = 20;

/**
 * The MIME type for each extension the dialog offers. This is only a label for the renderer:
 * the server decides what a picture is by its magic bytes, so a misnamed file gains nothing.
 */
export const IMAGE_TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The type for a file with any other extension (reachable through All files), as the browser fallback uses. */
export const UNKNOWN_IMAGE_TYPE = 'application/octet-stream';

/** The open dialog's options: several files at once, pictures first. */
export const OPEN_IMAGE_FILES_OPTIONS: OpenDialogOptions = {
  title: 'Add pictures',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Pictures', extensions: Object.keys(IMAGE_TYPES_BY_EXTENSION) },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** What openImageFiles needs: the dialog, and node:fs/promises' `open`. */
export interface ImageFileImportDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  fs: Pick<typeof import('node:fs/promises'), 'open'>;
}

/** The MIME type by the file name's extension (case-insensitive); UNKNOWN_IMAGE_TYPE for anything else. */
export function imageTypeFor(fileName: string): string {
  const extension = extname(fileName).slice(1).toLowerCase();
  return Object.hasOwn(IMAGE_TYPES_BY_EXTENSION, extension) ? IMAGE_TYPES_BY_EXTENSION[extension] : UNKNOWN_IMAGE_TYPE;
}

/**
 * Asks for pictures and returns each one's name, type and bytes, in the order picked; [] when
 * cancelled. Rejects, returning nothing, if more than MAX_IMAGES_PER_PICK were picked or any
 * one is not a regular file, is over MAX_IMAGE_BYTES, or cannot be read.
 */
export async function openImageFiles(deps: ImageFileImportDeps): Promise<PickedImageFile[]> {
  const result = await deps.showOpenDialog(OPEN_IMAGE_FILES_OPTIONS);
  if (result.canceled || result.filePaths.length === 0) return [];
  if (result.filePaths.length > MAX_IMAGES_PER_PICK) {
    throw new Error(`Pick at most ${MAX_IMAGES_PER_PICK} pictures at a time (${result.filePaths.length} were picked)`);
  }
  const pictures: PickedImageFile[] = [];
  // One at a time, so at most one file is open and a refusal stops before reading the rest.
  for (const path of result.filePaths) pictures.push(await readImageFile(deps.fs, path));
  return pictures;
}

async function readImageFile(fs: ImageFileImportDeps['fs'], path: string): Promise<PickedImageFile> {
  const name = basename(path);
  // One handle for the checks and the read, so the file checked is the file read.
  const handle = await fs.open(path, 'r');
  try {
    const stats = await handle.stat();
    // All files lets the user pick a device such as /dev/zero, whose size says 0 but whose read never ends.
    if (!stats.isFile()) throw new Error(`${name} is not a regular file`);
    if (stats.size > MAX_IMAGE_BYTES) throw tooLarge(name, stats.size);
    const bytes = await handle.readFile();
    // The file may have grown since the check.
    if (bytes.byteLength > MAX_IMAGE_BYTES) throw tooLarge(name, bytes.byteLength);
    return { name, type: imageTypeFor(name), data: ownBytes(bytes) };
  } finally {
    await handle.close();
  }
}

function tooLarge(name: string, size: number): Error {
  return new Error(`${name} is too large to add (${size} bytes; the limit is ${MAX_IMAGE_BYTES})`);
}

/**
 * A plain Uint8Array over exactly these bytes. IPC's structured clone copies a typed array's
 * whole ArrayBuffer, so a Buffer that is a view into a larger (pooled) one would send the rest of
 * it along; and the renderer should get the contract's Uint8Array, not a Node Buffer.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  const wholeBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return wholeBuffer ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);
}
