// Deciding an upload's type by its magic bytes.
import { describe, expect, it } from 'vitest';
import { detectImageType } from '../../server/pictures/image-type.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectImageType', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0]), 'image/png'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['GIF87a', bytes('GIF87a', [1]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1]), 'image/gif'],
  ])('knows a %s', (_name, file, mimeType) => expect(detectImageType(file)?.mimeType).toBe(mimeType));

  it.each([
    ['an empty file', bytes()],
    ['text', bytes('Not a picture')],
    ['two bytes of a JPEG', bytes([0xff, 0xd8])],
    ['a PNG signature cut short', bytes([0x89], 'PNG\r\n')],
    ['a RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'WAVE')],
    ['RIFF too short to say', bytes('RIFF', [0, 0])],
    ['a GIF of an unknown version', bytes('GIF90a')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['TIFF', bytes([0x49, 0x49, 0x2a, 0x00])],
    ['a JPEG signature later in the file', bytes('xx', [0xff, 0xd8, 0xff])],
  ])('refuses %s', (_name, file) => expect(detectImageType(file)).toBeNull());
});
