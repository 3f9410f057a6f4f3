// Save as PDF in main: the dialog first (a cancel renders nothing), then printToPDF, then the file.
import { describe, expect, it, vi } from 'vitest';
import { PDF_OPTIONS, savePdf, savePdfDialogOptions } from '../../electron/main/pdf-save.ts';

function deps(filePath: string | null) {
  return {
    showSaveDialog: vi.fn(async () => ({ canceled: filePath === null, filePath: filePath ?? '' })),
    printToPDF: vi.fn(async () => Uint8Array.from([0x25, 0x50, 0x44, 0x46])),
    fs: { writeFile: vi.fn(async () => {}) },
  };
}

describe('savePdf', () => {
  it('offers a safe .pdf name with a PDF filter', () => {
    expect(savePdfDialogOptions('../../Bridge: reopens')).toEqual({
      title: 'Save as PDF',
      defaultPath: 'Bridge reopens.pdf',
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    expect(savePdfDialogOptions('Story.PDF').defaultPath).toBe('Story.PDF');
  });

  it('renders with the print options and writes the bytes where the user chose', async () => {
    const d = deps('/home/ana/Bridge.pdf');
    expect(await savePdf(d, 'Bridge.pdf')).toBe(true);
    expect(d.printToPDF).toHaveBeenCalledWith(PDF_OPTIONS);
    expect(d.fs.writeFile).toHaveBeenCalledWith('/home/ana/Bridge.pdf', Uint8Array.from([0x25, 0x50, 0x44, 0x46]));
  });

  it('a cancelled dialog renders and writes nothing', async () => {
    const d = deps(null);
    expect(await savePdf(d, 'Bridge.pdf')).toBe(false);
    expect(d.printToPDF).not.toHaveBeenCalled();
    expect(d.fs.writeFile).not.toHaveBeenCalled();
  });
});
