// "Save as PDF": main asks where to save, then renders the asking window's page with Chromium's
// printToPDF (the page's print stylesheet decides what is on it) and writes the file.
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { safeFileName } from './export-save.ts';

/** printToPDF's options: A4, the print stylesheet's own margins and backgrounds off, an outline from the headings. */
export const PDF_OPTIONS = { pageSize: 'A4', printBackground: false, preferCSSPageSize: true, generateDocumentOutline: true } as const;

/** The save dialog for a PDF named after `suggestedName` (always ending in .pdf). */
export function savePdfDialogOptions(suggestedName: string): SaveDialogOptions {
  const name = safeFileName(suggestedName);
  return {
    title: 'Save as PDF',
    defaultPath: /\.pdf$/i.test(name) ? name : `${name}.pdf`,
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
  };
}

/** What savePdf needs: the dialog, the window's printToPDF, and node:fs/promises' `writeFile`. */
export interface PdfSaveDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  printToPDF(options: typeof PDF_OPTIONS): Promise<Uint8Array>;
  fs: Pick<typeof import('node:fs/promises'), 'writeFile'>;
}

/** Asks where to save, then renders and writes the PDF; false when cancelled (nothing rendered). */
export async function savePdf(deps: PdfSaveDeps, suggestedName: string): Promise<boolean> {
  const result = await deps.showSaveDialog(savePdfDialogOptions(suggestedName));
  if (result.canceled || result.filePath === '') return false;
  await deps.fs.writeFile(result.filePath, await deps.printToPDF(PDF_OPTIONS));
  return true;
}
