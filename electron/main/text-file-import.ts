// "Import Text…": the user picks a plain-text story, and main reads it (up to a size limit)
// for the renderer, which never gets a file path or file-system access of its own.
import { basename } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { PickedTextFile } from '../../model/desktop-bridge.ts';

/** The largest file imported: a story is a few KiB; anything near this is not one. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The open dialog's options: one file, .txt or .md first. */
export const OPEN_TEXT_FILE_OPTIONS: OpenDialogOptions = {
  title: 'Import text',
  properties: ['openFile'],
  filters: [
    { name: 'Text files', extensions: ['txt', 'md'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** What openTextFile needs: the dialog, and node:fs/promises' `open`. */
export interface TextFileImportDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  fs: Pick<typeof import('node:fs/promises'), 'open'>;
}

/** Asks for a file and returns its name and UTF-8 text; null when cancelled; rejects a file over MAX_IMPORT_BYTES. */
export async function openTextFile(deps: TextFileImportDeps): Promise<PickedTextFile | null> {
  const result = await deps.showOpenDialog(OPEN_TEXT_FILE_OPTIONS);
  const [path] = result.filePaths;
  if (result.canceled || path === undefined) return null;
  // One handle for the size check and the read, so the file checked is the file read.
  const handle = await deps.fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMPORT_BYTES) throw new Error(`${basename(path)} is too large to import (${size} bytes; the limit is ${MAX_IMPORT_BYTES})`);
    const text = await handle.readFile({ encoding: 'utf8' });
    // Editors on Windows like to start UTF-8 files with a byte-order mark; it is not text.
    return { name: basename(path), text: text.replace(/^\uFEFF/, '') };
  } finally {
    await handle.close();
  }
}
