// What an accepted upload holds, read with sharp: its size as shown and the credit embedded in it.
import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../http/http-error.ts';
import { embeddedCredit, type EmbeddedCredit } from './embedded-credit.ts';
import type { ImageType } from './image-type.ts';

/** Largest picture in pixels (sharp's own default limit, made explicit so that the refusal can say so). */
export const MAX_PICTURE_PIXELS = 0x3fff * 0x3fff;

/** Width and height as shown (after the EXIF orientation), and the embedded credit and copyright. */
export interface ImageFacts extends EmbeddedCredit {
  width: number;
  height: number;
}

/** Options for every sharp call on an upload: refuse damaged pixel data, and no more than MAX_PICTURE_PIXELS. */
export const SHARP_INPUT = { failOn: 'warning', limitInputPixels: MAX_PICTURE_PIXELS } as const;

/** The facts of an upload whose magic bytes said `type`; 415 when sharp cannot read it as that, 413 when it has too many pixels. */
export async function readImageFacts(bytes: Buffer, type: ImageType): Promise<ImageFacts> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, SHARP_INPUT).metadata();
  } catch (error) {
    throw new HttpError(415, `the file starts like a ${type.format.toUpperCase()} but cannot be read as one: ${(error as Error).message}`);
  }
  if (metadata.width * metadata.height > MAX_PICTURE_PIXELS) {
    throw new HttpError(413, `the picture has ${metadata.width}×${metadata.height} pixels; at most ${MAX_PICTURE_PIXELS} are accepted`);
  }
  const { exif, xmp, iptc } = metadata;
  return { width: metadata.autoOrient.width, height: metadata.autoOrient.height, ...(await embeddedCredit({ exif, xmp, iptc })) };
}
