// The small rendition the editor and the story list show: WebP, at most 640 px wide.
import sharp from 'sharp';
import { HttpError } from '../http/http-error.ts';
import { SHARP_INPUT } from './image-facts.ts';

/** Widest preview, in pixels. */
export const PREVIEW_MAX_WIDTH = 640;
// A very tall strip (a scanned page, an infographic) stays a small file and within WebP's 16383 px.
const PREVIEW_MAX_HEIGHT = 4 * PREVIEW_MAX_WIDTH;

/** The MIME type of every preview. */
export const PREVIEW_MIME_TYPE = 'image/webp';

/**
 * Renders the preview of an image: upright (EXIF orientation applied), never enlarged, first
 * frame of an animation, metadata dropped. Decoding every pixel here is also what proves the
 * upload is not damaged: 415 when it is.
 */
export async function renderPreview(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes, SHARP_INPUT)
      .autoOrient()
      .resize({ width: PREVIEW_MAX_WIDTH, height: PREVIEW_MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch (error) {
    throw new HttpError(415, `the picture is damaged and cannot be shown: ${(error as Error).message}`);
  }
}
