// "Export…": the renderer hands over the finished export and a suggested name; main asks where
// to save it and writes it. The renderer never chooses a path itself.
import { extname } from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';

/** The name offered when the suggestion has nothing usable left. */
export const FALLBACK_EXPORT_NAME = 'story.txt';

/** `suggestedName` made safe as a file name: its last path segment, without characters that Windows, macOS or Linux refuse. */
export function safeFileName(suggestedName: string): string {
  const lastSegment = suggestedName.split(/[\\/]/).pop() ?? '';
  // Control characters and <>:"|?* are refused by at least one of Windows, macOS and Linux.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const cleaned = lastSegment.replace(/[\u0000-\u001f<>:"|?*]/g, '').trim();
  // "." and ".." are not names, and a name of only dots would be hidden or invalid.
  return /^\.*$/.test(cleaned) ? FALLBACK_EXPORT_NAME : cleaned;
}

/** The save dialog's options for `suggestedName`: the safe name, and a filter for its extension. */
export function saveExportDialogOptions(suggestedName: string): SaveDialogOptions {
  const defaultPath = safeFileName(suggestedName);
  const extension = extname(defaultPath).slice(1).toLowerCase();
  const allFiles = { name: 'All files', extensions: ['*'] };
  return {
    title: 'Export story',
    defaultPath,
    filters: extension === '' ? [allFiles] : [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }, allFiles],
  };
}

/** What saveExport needs: the dialog, and node:fs/promises' `writeFile`. */
export interface ExportSaveDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  fs: Pick<typeof import('node:fs/promises'), 'writeFile'>;
}

/** Asks where to save and writes `content` there as UTF-8; false when cancelled. */
export async function saveExport(deps: ExportSaveDeps, suggestedName: string, content: string): Promise<boolean> {
  const result = await deps.showSaveDialog(saveExportDialogOptions(suggestedName));
  if (result.canceled || result.filePath === '') return false;
  await deps.fs.writeFile(result.filePath, content, 'utf8');
  return true;
}
