// Import Text…, Add Picture… and Export…: fake dialogs, real files in a temporary folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FALLBACK_EXPORT_NAME, safeFileName, saveExport, saveExportDialogOptions } from '../../electron/main/export-save.ts';
import {
  imageTypeFor,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_PICK,
  OPEN_IMAGE_FILES_OPTIONS,
  openImageFiles,
  UNKNOWN_IMAGE_TYPE,
} from '../../electron/main/image-file-import.ts';
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

// Real node:fs/promises, with `open` spied on to count the handles and what was done with each.
function spiedFs() {
  const handles: Array<{ path: string; calls: string[] }> = [];
  const open = vi.fn(async (path: string, flags: string) => {
    const handle = await fsPromises.open(path, flags);
    const record = { path, calls: [] as string[] };
    handles.push(record);
    return new Proxy(handle, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          record.calls.push(String(property));
          return value.apply(target, args);
        };
      },
    });
  });
  return { fs: { open: open as unknown as typeof fsPromises.open }, open, handles };
}

// A handle whose stat and read are scripted, for what real files cannot easily show.
function fakeFs(stats: { size: number; isFile?: boolean }, bytes: Uint8Array) {
  const handle = {
    stat: vi.fn(async () => ({ size: stats.size, isFile: () => stats.isFile ?? true })),
    readFile: vi.fn(async () => bytes),
    close: vi.fn(async () => {}),
  };
  const open = vi.fn(async () => handle);
  return { fs: { open: open as unknown as typeof fsPromises.open }, handle };
}

describe('openImageFiles', () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
  const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
  const GIF = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);

  it('offers several files at once, pictures first and All files as the alternative', () => {
    expect(OPEN_IMAGE_FILES_OPTIONS.properties).toEqual(['openFile', 'multiSelections']);
    expect(OPEN_IMAGE_FILES_OPTIONS.filters).toEqual([
      { name: 'Pictures', extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('returns every picked picture in order, with its name, type by extension and exact bytes', async () => {
    const files: Array<[string, Uint8Array]> = [
      ['Rally.PNG', PNG],
      ['crowd.jpg', JPEG],
      ['podium.jpeg', JPEG],
      ['banner.webp', WEBP],
      ['wave.gif', GIF],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    const showOpenDialog = picking(files.map(([name]) => join(dir, name)));
    const { fs, handles } = spiedFs();
    const pictures = await openImageFiles({ showOpenDialog, fs });
    expect(showOpenDialog).toHaveBeenCalledWith(OPEN_IMAGE_FILES_OPTIONS);
    expect(pictures.map(({ name, type }) => [name, type])).toEqual([
      ['Rally.PNG', 'image/png'],
      ['crowd.jpg', 'image/jpeg'],
      ['podium.jpeg', 'image/jpeg'],
      ['banner.webp', 'image/webp'],
      ['wave.gif', 'image/gif'],
    ]);
    pictures.forEach((picture, index) => expect([...picture.data], picture.name).toEqual([...files[index][1]]));
    // One handle per file, checked and read through that same handle, and closed.
    expect(handles.map((handle) => handle.path)).toEqual(files.map(([name]) => join(dir, name)));
    for (const handle of handles) expect(handle.calls).toEqual(['stat', 'readFile', 'close']);
  });

  it('returns plain Uint8Arrays that own exactly their bytes, so structured clone sends nothing more', async () => {
    writeFileSync(join(dir, 'a.png'), PNG);
    const [picture] = await openImageFiles({ showOpenDialog: picking([join(dir, 'a.png')]), fs: fsPromises });
    expect(Buffer.isBuffer(picture.data)).toBe(false);
    expect(picture.data).toBeInstanceOf(Uint8Array);
    expect(picture.data.byteOffset).toBe(0);
    expect(picture.data.buffer.byteLength).toBe(PNG.byteLength);
    expect(structuredClone(picture)).toEqual({ name: 'a.png', type: 'image/png', data: PNG });
  });

  it('copies a read that is a view into a larger buffer, rather than send the rest of that buffer along', async () => {
    const pool = new Uint8Array(64).fill(7);
    pool.set(GIF, 10);
    const view = Buffer.from(pool.buffer, 10, GIF.byteLength);
    const { fs } = fakeFs({ size: GIF.byteLength }, view);
    const [picture] = await openImageFiles({ showOpenDialog: picking(['/pictures/wave.gif']), fs });
    expect(Buffer.isBuffer(picture.data)).toBe(false);
    expect(picture.data.buffer.byteLength).toBe(GIF.byteLength);
    expect([...picture.data]).toEqual([...GIF]);
  });

  it('returns [] and opens nothing when cancelled', async () => {
    for (const showOpenDialog of [picking([], true), picking([join(dir, 'a.png')], true), picking([])]) {
      const { fs, open } = spiedFs();
      expect(await openImageFiles({ showOpenDialog, fs })).toEqual([]);
      expect(open).not.toHaveBeenCalled();
    }
  });

  it(`accepts ${MAX_IMAGES_PER_PICK} pictures in one pick, and refuses more before opening any`, async () => {
    const paths = Array.from({ length: MAX_IMAGES_PER_PICK + 1 }, (_, index) => join(dir, `p${index}.png`));
    for (const path of paths) writeFileSync(path, PNG);
    expect(await openImageFiles({ showOpenDialog: picking(paths.slice(0, MAX_IMAGES_PER_PICK)), fs: fsPromises })).toHaveLength(MAX_IMAGES_PER_PICK);
    const { fs, open } = spiedFs();
    await expect(openImageFiles({ showOpenDialog: picking(paths), fs })).rejects.toThrow(`at most ${MAX_IMAGES_PER_PICK} pictures`);
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a picture over 25 MiB, naming it, without reading it; accepts one exactly at the limit', async () => {
    expect(MAX_IMAGE_BYTES).toBe(25 * 1024 * 1024);
    const small = join(dir, 'small.png');
    const big = join(dir, 'Huge scan.png');
    const after = join(dir, 'after.png');
    writeFileSync(small, PNG);
    writeFileSync(big, Buffer.alloc(MAX_IMAGE_BYTES + 1));
    writeFileSync(after, PNG);
    const { fs, handles } = spiedFs();
    await expect(openImageFiles({ showOpenDialog: picking([small, big, after]), fs })).rejects.toThrow(
      `Huge scan.png is too large to add (${MAX_IMAGE_BYTES + 1} bytes; the limit is ${MAX_IMAGE_BYTES})`,
    );
    // The refused file was checked but not read, its handle closed, and the files after it never opened.
    expect(handles.map((handle) => [handle.path, handle.calls])).toEqual([
      [small, ['stat', 'readFile', 'close']],
      [big, ['stat', 'close']],
    ]);
    const limit = join(dir, 'limit.jpg');
    writeFileSync(limit, Buffer.alloc(MAX_IMAGE_BYTES));
    const [picture] = await openImageFiles({ showOpenDialog: picking([limit]), fs: fsPromises });
    expect(picture.data.byteLength).toBe(MAX_IMAGE_BYTES);
  });

  it('refuses a file that grew past the limit between the size check and the read', async () => {
    const { fs, handle } = fakeFs({ size: 10 }, new Uint8Array(MAX_IMAGE_BYTES + 1));
    await expect(openImageFiles({ showOpenDialog: picking(['/pictures/growing.png']), fs })).rejects.toThrow(/growing\.png is too large/);
    expect(handle.close).toHaveBeenCalledOnce();
  });

  it('refuses what is not a regular file (a folder, a device) without reading it', async () => {
    const folder = join(dir, 'folder.png');
    mkdirSync(folder);
    await expect(openImageFiles({ showOpenDialog: picking([folder]), fs: fsPromises })).rejects.toThrow('folder.png is not a regular file');
    // /dev/zero says its size is 0 and never stops reading.
    const { fs, handle } = fakeFs({ size: 0, isFile: false }, new Uint8Array());
    await expect(openImageFiles({ showOpenDialog: picking(['/dev/zero']), fs })).rejects.toThrow('zero is not a regular file');
    expect(handle.readFile).not.toHaveBeenCalled();
    expect(handle.close).toHaveBeenCalledOnce();
  });

  it('rejects when a picked file cannot be read', async () => {
    await expect(openImageFiles({ showOpenDialog: picking([join(dir, 'gone.png')]), fs: fsPromises })).rejects.toThrow(/ENOENT/);
  });

  it('labels a file picked through All files by its extension too, unknown ones as opaque bytes', async () => {
    writeFileSync(join(dir, 'IMG_0001.HEIC'), JPEG);
    const [picture] = await openImageFiles({ showOpenDialog: picking([join(dir, 'IMG_0001.HEIC')]), fs: fsPromises });
    expect(picture).toMatchObject({ name: 'IMG_0001.HEIC', type: UNKNOWN_IMAGE_TYPE });
    expect([...picture.data]).toEqual([...JPEG]);
  });
});

describe('imageTypeFor', () => {
  it('maps the offered extensions, in any case, to their MIME types', () => {
    expect(imageTypeFor('a.jpg')).toBe('image/jpeg');
    expect(imageTypeFor('a.JPEG')).toBe('image/jpeg');
    expect(imageTypeFor('a.Png')).toBe('image/png');
    expect(imageTypeFor('a.webp')).toBe('image/webp');
    expect(imageTypeFor('a.GIF')).toBe('image/gif');
    expect(imageTypeFor('photo.final.jpg')).toBe('image/jpeg');
  });

  it('gives anything else application/octet-stream, like the browser fallback', () => {
    expect(UNKNOWN_IMAGE_TYPE).toBe('application/octet-stream');
    for (const name of ['a.svg', 'a.heic', 'a.png.exe', 'png', '.png', 'README', 'a.', 'a.constructor', 'a.__proto__', 'a.toString']) {
      expect(imageTypeFor(name), name).toBe(UNKNOWN_IMAGE_TYPE);
    }
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
