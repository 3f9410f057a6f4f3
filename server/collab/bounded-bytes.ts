// Reading length-prefixed bytes from a client's message without trusting the length.
import * as decoding from 'lib0/decoding';

/**
 * Reads a length-prefixed byte array, refusing a length past the end of the message (lib0's
 * reader would hand out a view into whatever follows the message in the socket's buffer).
 */
export function readBoundedBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new Error(`a length of ${length} bytes runs past the end of the message`);
  return decoding.readUint8Array(decoder, length);
}
