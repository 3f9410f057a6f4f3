// How messages between instances travel as bytes: a story's messages (fanout.ts) with their
// sender, and the newsroom-wide ones. The same bytes go through Redis and over direct links.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FanoutMessage } from './fanout.ts';
import type { LoggedRange } from './peer-relays.ts';

// A message's kind travels as its index here: never reorder, only append.
const KINDS = ['update', 'awareness', 'query-awareness', 'catch-up', 'stored'] as const;

function writeRange(encoder: encoding.Encoder, range: LoggedRange): void {
  encoding.writeVarUint(encoder, range.stream);
  encoding.writeVarUint(encoder, range.from);
  encoding.writeVarUint(encoder, range.upto);
}

function readRange(decoder: decoding.Decoder): LoggedRange {
  return { stream: decoding.readVarUint(decoder), from: decoding.readVarUint(decoder), upto: decoding.readVarUint(decoder) };
}

/** A story message's sender: its instance, and the message's number among that instance's messages about the story (null from an older version). */
export interface Sender {
  instanceId: string;
  seq: number | null;
}

/**
 * The message as it travels, through Redis and over a direct link alike. The sender's field is
 * "instance" or "instance:number": an instance of an older version reads it as some other
 * instance's id, and the number lets a receiver that gets both copies drop the second.
 */
export function encodeMessage(sender: Sender, message: FanoutMessage): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, sender.seq === null ? sender.instanceId : `${sender.instanceId}:${sender.seq}`);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  if (message.kind === 'update' || message.kind === 'awareness') encoding.writeVarUint8Array(encoder, message.update);
  // After the update, so that an instance of an older version reads it as before.
  if (message.kind === 'update' && message.logged) writeRange(encoder, message.logged);
  if (message.kind === 'stored') writeRange(encoder, message.range);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** A newsroom message: the sender, then the payload. */
export function encodeNewsroom(instanceId: string, payload: string): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instanceId);
  encoding.writeVarString(encoder, payload);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** Reads a newsroom message (throws on one it cannot read). */
export function decodeNewsroom(bytes: Uint8Array): { from: string; payload: string } {
  const decoder = decoding.createDecoder(bytes);
  return { from: decoding.readVarString(decoder), payload: decoding.readVarString(decoder) };
}

/** Reads a story message (throws on one it cannot read). */
export function decodeMessage(bytes: Uint8Array): { from: Sender; message: FanoutMessage } {
  const decoder = decoding.createDecoder(bytes);
  const from = readSender(decoding.readVarString(decoder));
  const kind = KINDS[decoding.readVarUint(decoder)];
  switch (kind) {
    case 'update': {
      const update = decoding.readVarUint8Array(decoder);
      // Without a range: from an instance of an older version, which publishes only what it stored.
      return { from, message: { kind, update, logged: decoding.hasContent(decoder) ? readRange(decoder) : null } };
    }
    case 'awareness':
      return { from, message: { kind, update: decoding.readVarUint8Array(decoder) } };
    case 'stored':
      return { from, message: { kind, range: readRange(decoder) } };
    case 'query-awareness':
    case 'catch-up':
      return { from, message: { kind } };
    default:
      throw new Error('unknown message kind');
  }
}

// "instance" or "instance:number" (an instance id is a UUID: it has no colon).
function readSender(field: string): Sender {
  const colon = field.indexOf(':');
  if (colon === -1) return { instanceId: field, seq: null };
  const digits = field.slice(colon + 1);
  const seq = Number(digits);
  if (!/^\d+$/.test(digits) || !Number.isSafeInteger(seq)) throw new Error('unreadable message number');
  return { instanceId: field.slice(0, colon), seq };
}
