// The photographer credit and copyright already embedded in an image, to prefill a picture's
// fields. The metadata blocks come from sharp (which finds them in every accepted format) and
// are read with exifr. The first non-empty source wins:
//   credit:    XMP photoshop:Credit, IPTC Credit (2:110): the credit line meant for publication;
//              then who took it: XMP dc:creator, IPTC By-line (2:80), EXIF Artist;
//   copyright: XMP dc:rights, IPTC CopyrightNotice (2:116), EXIF Copyright.
// XMP comes before IPTC-IIM at each rank: it is the current form of IPTC Core and always Unicode,
// where IIM's character set is often unstated (see iimText).
import { createRequire } from 'node:module';

// exifr's ES module build leaves `sidecar` off its exports, and which build an import gets
// depends on the loader (vitest takes the ES one, tsx the UMD one): require the UMD build everywhere.
const exifr = createRequire(import.meta.url)('exifr') as Pick<typeof import('exifr'), 'parse' | 'sidecar'>;

/** The raw metadata blocks of an image, as sharp's metadata() gives them. */
export interface MetadataBlocks {
  exif?: Buffer;
  xmp?: Buffer;
  iptc?: Buffer;
}

/** Credit and copyright found in a file; '' when none. */
export interface EmbeddedCredit {
  credit: string;
  copyright: string;
}

type Fields = Record<string, unknown>;

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const isLangAlt = (value: unknown): value is { lang: unknown; value: unknown } =>
  typeof value === 'object' && value !== null && 'value' in value && 'lang' in value;

/** One metadata value as plain text: lists joined with ", ", a language alternative's default (or first) entry. */
export function metadataText(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\0+/g, ' ').replace(/\s+/g, ' ').trim();
  if (isLangAlt(value)) return metadataText(value.value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isLangAlt)) return metadataText(value.find((v) => v.lang === 'x-default') ?? value[0]);
    return value.map(metadataText).filter((text) => text !== '').join(', ');
  }
  return '';
}

/**
 * IIM text as exifr reads it: one character per byte. Most tools write UTF-8 there (with or
 * without the 1:90 marker), older ones Latin-1: bytes that are valid UTF-8 are read as UTF-8.
 */
export function iimText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(iimText);
  if (typeof value !== 'string') return value;
  try {
    return UTF8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

// A metadata block that cannot be read counts as absent: it must not cost the upload.
async function read(parse: () => Promise<unknown>): Promise<Fields> {
  try {
    const fields = await parse();
    return typeof fields === 'object' && fields !== null ? (fields as Fields) : {};
  } catch {
    return {};
  }
}

const field = (fields: Fields, group: string, name: string): unknown => (fields[group] as Fields | undefined)?.[name];

const firstText = (...values: unknown[]) => values.map(metadataText).find((text) => text !== '') ?? '';

/** The credit and copyright in an image's metadata blocks. */
export async function embeddedCredit(blocks: MetadataBlocks): Promise<EmbeddedCredit> {
  const { exif, xmp, iptc } = blocks;
  // sharp gives JPEG and WebP EXIF with its "Exif\0\0" header, PNG's without; exifr wants the TIFF structure.
  const tiff = exif && exif.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER) ? exif.subarray(EXIF_HEADER.length) : exif;
  const none: Fields = {};
  const [x, i, e] = await Promise.all([
    xmp ? read(() => exifr.sidecar(xmp, { xmp: true }, 'xmp')) : none,
    iptc ? read(() => exifr.sidecar(iptc, { iptc: true }, 'iptc')) : none,
    tiff ? read(() => exifr.parse(tiff, { ifd0: { pick: ['Artist', 'Copyright'] }, exif: false, gps: false, interop: false, ifd1: false })) : none,
  ]);
  return {
    credit: firstText(field(x, 'photoshop', 'Credit'), iimText(i.Credit), field(x, 'dc', 'creator'), iimText(i.Byline), e.Artist),
    copyright: firstText(field(x, 'dc', 'rights'), iimText(i.CopyrightNotice), e.Copyright),
  };
}
