// Frames for the fuzz test: valid y-websocket messages of every kind the server reads (sync
// step 1 and 2, updates, awareness, awareness queries, saved requests), made from a local
// document and awareness of the fuzzer's own, and mutations of them (bit flips, truncation,
// inserted and appended bytes, corrupted lengths, splices, garbage). Seeded, so a failure
// replays.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { bodyFragment, createPictureMap, headlineText, metaMap, picturesArray, standfirstText } from '../../../model/article-schema.ts';
import { createParagraph } from '../../../model/body-tree.ts';
import { encodeSaved, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../../model/saved-protocol.ts';

const message = (type: number, write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** One fuzzing session's source of frames; start a new one per connection (a fresh client id). */
export class FrameFuzzer {
  private readonly doc = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly pending: Uint8Array[] = [];
  private last: Uint8Array = new Uint8Array([0]);

  constructor(private readonly rng: prng.PRNG) {
    this.doc.on('update', (update: Uint8Array) => this.pending.push(update));
  }

  /** A valid frame of a random kind. */
  valid(): Uint8Array {
    const kind = prng.uint32(this.rng, 0, 9);
    if (kind <= 3) return this.update(kind === 0 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate);
    if (kind === 4) return this.syncStep1();
    if (kind <= 6) return this.awarenessUpdate();
    if (kind === 7) return message(MESSAGE_QUERY_AWARENESS, () => undefined);
    return encodeSaved(prng.uint32(this.rng, 0, 1_000_000));
  }

  /** A valid frame, or with probability `mutateShare` a mutation of one (or garbage). */
  next(mutateShare: number): { frame: Uint8Array; mutated: boolean } {
    const frame = this.valid();
    this.last = frame;
    return prng.real53(this.rng) < mutateShare ? { frame: this.mutate(frame), mutated: true } : { frame, mutated: false };
  }

  private edit(): void {
    const r = prng.uint32(this.rng, 0, 5);
    const text = prng.word(this.rng, 1, 12);
    if (r === 0) headlineText(this.doc).insert(prng.uint32(this.rng, 0, headlineText(this.doc).length), text);
    else if (r === 1) standfirstText(this.doc).insert(0, text);
    else if (r === 2) bodyFragment(this.doc).insert(bodyFragment(this.doc).length, [createParagraph(text)]);
    else if (r === 3) metaMap(this.doc).set('byline', text);
    else if (r === 4) picturesArray(this.doc).push([createPictureMap({ id: text, caption: text })]);
    else if (headlineText(this.doc).length > 2) headlineText(this.doc).delete(0, 1);
    else headlineText(this.doc).insert(0, text);
  }

  private update(type: number): Uint8Array {
    this.edit();
    const update = this.pending.length > 0 ? Y.mergeUpdates(this.pending.splice(0)) : Y.encodeStateAsUpdate(this.doc);
    return message(MESSAGE_SYNC, (e) => {
      encoding.writeVarUint(e, type);
      encoding.writeVarUint8Array(e, update);
    });
  }

  private syncStep1(): Uint8Array {
    const vector = new Map<number, number>();
    for (let i = prng.uint32(this.rng, 0, 3); i > 0; i--) vector.set(prng.uint32(this.rng, 0, 0xffffffff), prng.uint32(this.rng, 0, 1000));
    return message(MESSAGE_SYNC, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(vector));
    });
  }

  private awarenessUpdate(): Uint8Array {
    if (prng.uint32(this.rng, 0, 5) === 0) this.awareness.setLocalState(null);
    else this.awareness.setLocalState({ user: { name: prng.word(this.rng, 1, 20), color: '#1f6feb' }, field: 'body', cursor: prng.uint32(this.rng, 0, 99) });
    return message(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
  }

  private mutate(frame: Uint8Array): Uint8Array {
    const bytes = Uint8Array.from(frame);
    switch (prng.uint32(this.rng, 0, 7)) {
      case 0: {
        // a few bit flips
        for (let i = prng.uint32(this.rng, 1, 4); i > 0; i--) bytes[prng.uint32(this.rng, 0, bytes.length - 1)] ^= 1 << prng.uint32(this.rng, 0, 7);
        return bytes;
      }
      case 1:
        return bytes.slice(0, prng.uint32(this.rng, 0, Math.max(0, bytes.length - 1)));
      case 2: {
        const at = prng.uint32(this.rng, 0, bytes.length);
        return Uint8Array.from([...bytes.slice(0, at), prng.uint32(this.rng, 0, 255), ...bytes.slice(at)]);
      }
      case 3:
        return Uint8Array.from([...bytes, ...prng.uint8Array(this.rng, prng.uint32(this.rng, 1, 16))]);
      case 4: {
        // a corrupted length: the varuint after the message type (and sync kind) made huge
        const at = Math.min(bytes.length - 1, prng.uint32(this.rng, 1, 2));
        return Uint8Array.from([...bytes.slice(0, at), 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes.slice(at + 1)]);
      }
      case 5: {
        // the head of this frame spliced onto the tail of the previous one
        const a = prng.uint32(this.rng, 0, bytes.length);
        const b = prng.uint32(this.rng, 0, this.last.length);
        return Uint8Array.from([...bytes.slice(0, a), ...this.last.slice(b)]);
      }
      case 6: {
        // a known type followed by garbage
        return Uint8Array.from([bytes[0], ...prng.uint8Array(this.rng, prng.uint32(this.rng, 0, 64))]);
      }
      default:
        return prng.uint8Array(this.rng, prng.uint32(this.rng, 0, 32));
    }
  }

  /** Frees the local document. */
  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
