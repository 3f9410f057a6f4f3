// Pictures are content-addressed: a picture's name is the sha256 of its bytes, in lowercase hex.
import { createHash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `value` is a picture hash: exactly 64 lowercase hex digits (nothing else ever reaches the disk). */
export const isPictureHash = (value: string): boolean => SHA256_HEX.test(value);

/** The hash of `bytes`. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
