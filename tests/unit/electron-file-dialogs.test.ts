// Import Text… and Export…: fake dialogs, real files in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FALLBACK_EXPORT_NAME, safeFileName, saveExport, saveExportDialogOptions } from '../../electron/main/export-save.ts';
import { MAX_IMPORT_BYTES, OPEN_TEXT_FILE_OPTIONS, openTextFile } from '../../electron/main/text-file-import.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-dialogs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const picking = (filePaths: string[], canceled = false) => vi.fn(async () => ({ canceled, filePaths }));

describe('openTextFile', () => {
  it('offers .txt and .md files, one at a time', () => {
    expect(OPEN_TEXT_FILE_OPTIONS.properties).toEqual(['openFile']);
    expect(OPEN_TEXT_FILE_OPTIONS.filters?.[0].extensions).toEqual(['txt', 'md']);
  });

  it('returns the picked file name and its text, without a byte-order mark', async () => {
    const file = join(dir, 'story.txt');
    writeFileSync(file, '\uFEFFHeadline\n\nFirst paragraph — with “quotes”.\nPicture Credit: Gage Skidmore\n');
    const showOpenDialog = picking([file]);
    expect(await openTextFile({ showOpenDialog, fs: fsPromises })).toEqual({
      name: 'story.txt',
      text: 'Headline\n\nFirst paragraph — with “quotes”.\nPicture Credit: Gage Skidmore\n',
    });
    expect(showOpenDialog).toHaveBeenCalledWith(OPEN_TEXT_FILE_OPTIONS);
  });

  it('returns null when cancelled', async () => {
    expect(await openTextFile({ showOpenDialog: picking([], true), fs: fsPromises })).toBeNull();
    expect(await openTextFile({ showOpenDialog: picking([]), fs: fsPromises })).toBeNull();
  });

  it('refuses a file over the size limit, and accepts one exactly at it', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'));
    await expect(openTextFile({ showOpenDialog: picking([big]), fs: fsPromises })).rejects.toThrow(/too large/);
    const limit = join(dir, 'limit.txt');
    writeFileSync(limit, Buffer.alloc(MAX_IMPORT_BYTES, 'a'));
    expect((await openTextFile({ showOpenDialog: picking([limit]), fs: fsPromises }))?.text).toHaveLength(MAX_IMPORT_BYTES);
  });

  it('rejects when the picked file cannot be read', async () => {
    await expect(openTextFile({ showOpenDialog: picking([join(dir, 'gone.txt')]), fs: fsPromises })).rejects.toThrow(/ENOENT/);
  });
});

describe('safeFileName and the save dialog options', () => {
  it('keeps only the last path segment, without characters some system refuses', () => {
    expect(safeFileName('Budget: 2025/26 "final"?.txt')).toBe('26 final.txt');
    expect(safeFileName('..\\..\\Windows\\evil.html')).toBe('evil.html');
    expect(safeFileName('a\u0000b\u001fc.json')).toBe('abc.json');
    expect(safeFileName('Story.html')).toBe('Story.html');
  });

  it('falls back when nothing usable is left', () => {
    for (const name of ['', '..', '/', 'a/..', '???', '   ']) expect(safeFileName(name), name).toBe(FALLBACK_EXPORT_NAME);
  });

  it('filters by the suggested extension, with All files as the alternative', () => {
    expect(saveExportDialogOptions('Story.HTML')).toMatchObject({
      defaultPath: 'Story.HTML',
      filters: [{ name: 'HTML file', extensions: ['html'] }, { name: 'All files', extensions: ['*'] }],
    });
    expect(saveExportDialogOptions('README').filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});

describe('saveExport', () => {
  it('writes the content where the user chose, as UTF-8', async () => {
    const target = join(dir, 'out.html');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
    expect(await saveExport({ showSaveDialog, fs: fsPromises }, 'story.html', '<h1>Élection</h1>')).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('<h1>Élection</h1>');
    expect(showSaveDialog).toHaveBeenCalledWith(saveExportDialogOptions('story.html'));
  });

  it('writes nothing and returns false when cancelled', async () => {
    const writeFile = vi.fn(async () => {});
    expect(await saveExport({ showSaveDialog: async () => ({ canceled: true, filePath: '' }), fs: { writeFile } }, 'a.txt', 'x')).toBe(false);
    expect(writeFile).not.toHaveBeenCalled();
  });
});
