// The pure half of presence shaping: reading a client's awareness update entry by entry before
// anything is applied (y-protocols' format: a count, then client id, clock and JSON state for
// each), and turning one state into the one the server relays (the user part filled in from the
// signed-in account, a checked colour, a cursor y-prosemirror can resolve).
import * as decoding from 'lib0/decoding';
import { readBoundedBytes } from './bounded-bytes.ts';
import * as encoding from 'lib0/encoding';
import { isPresenceCursor, presenceName, presenceTypingAt, TYPING_AT_FIELD, type PresenceUser } from '../../model/presence.ts';
import { checkedColor, userColor } from '../../model/user-colors.ts';
import { PolicyViolation } from './transport.ts';

/** One entry of an awareness update; its state is still the client's bytes (JSON text, unparsed). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Uint8Array;
}

/** The account a presence state is shaped for. */
export interface PresenceAccount {
  id: string;
  displayName: string;
  role: string;
}


/**
 * The entries of awareness update `update`. Throws PolicyViolation when it has more than
 * `maxEntries` entries (checked before any is read) or a state over `maxStateBytes`, and an
 * Error when the bytes are malformed. Parses no JSON.
 */
export function readAwarenessEntries(update: Uint8Array, maxEntries: number, maxStateBytes: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new PolicyViolation(`presence update with ${count} entries (at most ${maxEntries} here)`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = readBoundedBytes(decoder);
    if (state.length > maxStateBytes) throw new PolicyViolation(`presence state of ${state.length} bytes (at most ${maxStateBytes})`);
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the presence entries');
  return entries;
}

/** Encodes entries whose states are JSON text as an awareness update. */
export function encodeAwarenessEntries(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses an entry's state: null (a removal) or an object. Throws on anything else. */
export function parsePresenceState(state: Uint8Array): Record<string, unknown> | null {
  const value: unknown = JSON.parse(decoder.decode(state));
  if (value !== null && !isRecord(value)) throw new Error('a presence state must be an object or null');
  return value;
}

/** A shaped state (JSON text), and what the client claimed about itself that the server replaced (for the log), if anything. */
export interface ShapedPresence {
  json: string;
  claimed: string | null;
}

/**
 * The state the server keeps and relays for `state` sent by `account`: `user.id`, `user.name`
 * and `user.role` from the account; `user.color` kept only when it is `#rrggbb`, else the
 * account's palette colour; a cursor y-prosemirror could not resolve replaced by null; a
 * `typingAt` that is not a non-negative safe integer left out. Everything else is kept as sent
 * (its size is bounded by the caller).
 */
export function shapePresenceState(state: Record<string, unknown>, account: PresenceAccount): ShapedPresence {
  const sent = isRecord(state.user) ? state.user : null;
  const user: PresenceUser = {
    id: account.id,
    name: presenceName(account.displayName) ?? account.id,
    role: account.role,
    color: checkedColor(sent?.color) ?? userColor(account.id),
  };
  const shaped: Record<string, unknown> = { ...state, user };
  if (!isPresenceCursor(state.cursor)) shaped.cursor = null;
  if (TYPING_AT_FIELD in state && presenceTypingAt(state[TYPING_AT_FIELD]) === null) delete shaped[TYPING_AT_FIELD];
  // The app sends the account's own id, display name and colour: only something else is a claim.
  const forged =
    sent !== null &&
    ((sent.id !== undefined && sent.id !== user.id) || (sent.name !== undefined && presenceName(sent.name) !== user.name) || (sent.role !== undefined && sent.role !== user.role));
  const claimed = forged ? JSON.stringify({ id: sent.id, name: sent.name, role: sent.role }).slice(0, 200) : null;
  return { json: JSON.stringify(shaped), claimed };
}
