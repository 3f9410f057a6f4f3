// Reading the credit and copyright embedded in an image: value shapes, IIM character sets, and
// which source wins when several say something.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { embeddedCredit, iimText, metadataText } from '../../server/pictures/embedded-credit.ts';
import { imageWithXmp, jpegWithExif, jpegWithIptc, xmpPacket } from '../support/fixture-images.ts';

// Only the blocks the image has, so that several images' blocks can be combined.
const blocksOf = async (image: Buffer) => {
  const { exif, xmp, iptc } = await sharp(image).metadata();
  return Object.fromEntries(Object.entries({ exif, xmp, iptc }).filter(([, block]) => block !== undefined));
};

describe('metadataText', () => {
  it.each([
    ['a trimmed string', '  Ann  Snapper \0', 'Ann Snapper'],
    ['a list, joined', ['Bo Lens', '', 'Cy Shutter'], 'Bo Lens, Cy Shutter'],
    ['a language alternative: the default', [{ lang: 'fr', value: 'Droits' }, { lang: 'x-default', value: 'Rights' }], 'Rights'],
    ['a language alternative without a default: the first', [{ lang: 'fr', value: 'Droits' }, { lang: 'de', value: 'Rechte' }], 'Droits'],
    ['a single language entry', { lang: 'x-default', value: 'Rights' }, 'Rights'],
    ['a number (not text)', 42, ''],
    ['nothing', undefined, ''],
  ])('reads %s', (_what, value, text) => expect(metadataText(value)).toBe(text));
});

describe('iimText', () => {
  it('reads UTF-8 bytes as UTF-8 and anything else as Latin-1', () => {
    expect(iimText(Buffer.from('Crédit', 'utf8').toString('latin1'))).toBe('Crédit');
    expect(iimText(Buffer.from('Crédit', 'latin1').toString('latin1'))).toBe('Crédit');
    expect(iimText(['Ann', Buffer.from('Zoë', 'utf8').toString('latin1')])).toEqual(['Ann', 'Zoë']);
    expect(iimText(undefined)).toBeUndefined();
  });
});

describe('embeddedCredit', () => {
  it('finds nothing in an image without metadata, or in blocks that cannot be read', async () => {
    expect(await embeddedCredit({})).toEqual({ credit: '', copyright: '' });
    expect(await embeddedCredit({ exif: Buffer.from('garbage'), xmp: Buffer.from('<x'), iptc: Buffer.from([1, 2, 3]) })).toEqual({ credit: '', copyright: '' });
  });

  it('reads EXIF Artist and Copyright', async () => {
    expect(await embeddedCredit(await blocksOf(await jpegWithExif('Ann', '(c) Ann')))).toEqual({ credit: 'Ann', copyright: '(c) Ann' });
  });

  it('prefers the XMP credit line, then the IPTC credit, then creators, then EXIF', async () => {
    const exif = await blocksOf(await jpegWithExif('Exif Artist', 'Exif Copyright'));
    const xmpCredit = await blocksOf(await imageWithXmp('jpeg', xmpPacket({ credit: 'Xmp Credit', creators: ['Xmp Creator'] })));
    const xmpCreator = await blocksOf(await imageWithXmp('jpeg', xmpPacket({ creators: ['Xmp Creator'] })));
    const iptc = await blocksOf(await jpegWithIptc({ 80: 'Iptc Byline', 110: 'Iptc Credit', 116: 'Iptc Copyright' }));
    const iptcByline = await blocksOf(await jpegWithIptc({ 80: 'Iptc Byline' }));

    const mix = (...parts: { exif?: Buffer; xmp?: Buffer; iptc?: Buffer }[]) => embeddedCredit(Object.assign({}, ...parts));
    expect((await mix(exif, iptc, xmpCredit)).credit).toBe('Xmp Credit');
    expect((await mix(exif, iptc, xmpCreator)).credit).toBe('Iptc Credit');
    expect((await mix(exif, iptcByline, xmpCreator)).credit).toBe('Xmp Creator');
    expect((await mix(exif, iptcByline)).credit).toBe('Iptc Byline');
    expect((await mix(exif)).credit).toBe('Exif Artist');
    expect((await mix(exif, iptc)).copyright).toBe('Iptc Copyright');
  });
});
