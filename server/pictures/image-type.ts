// What an upload is, decided by its first bytes (its magic number), never by its name or the
// Content-Type the client claims.

/** An accepted image type: its MIME type and sharp's name for the format. */
export interface ImageType {
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';
  format: 'jpeg' | 'png' | 'webp' | 'gif';
}

const ascii = (bytes: Uint8Array, start: number, text: string) =>
  bytes.length >= start + text.length && [...text].every((c, i) => bytes[start + i] === c.charCodeAt(0));

const startsWith = (bytes: Uint8Array, prefix: number[]) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** The type of an image file from its magic bytes, or null when it is not a JPEG, PNG, WebP or GIF. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: 'image/png', format: 'png' };
  // RIFF, a 4-byte size, then WEBP.
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return { mimeType: 'image/webp', format: 'webp' };
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return { mimeType: 'image/gif', format: 'gif' };
  return null;
}
