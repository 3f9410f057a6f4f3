// The number of characters in a story's body, kept current as the document changes: counted
// once, then adjusted by each transaction's own insertions and deletions (never a walk of the
// whole body per keystroke), so the body's cap can be checked against every update.
import * as Y from 'yjs';
import { bodyFragment } from './article-schema.ts';

// Any Yjs type, whatever its events.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a type's event parameter is invariant: Yjs itself says AbstractType<any>.
type AnyType = Y.AbstractType<any>;

/** The body's length in characters, current after every transaction of `doc`. */
export class BodyLength {
  private count = 0;
  private readonly body: Y.XmlFragment;
  private readonly inBody = new WeakMap<AnyType, boolean>();

  constructor(private readonly doc: Y.Doc) {
    this.body = bodyFragment(doc);
    this.count = this.countAll();
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Characters in the body now. */
  get value(): number {
    return this.count;
  }

  /** Stops following the document. */
  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }

  // Iterative: a body may (in stored data from before its depth was capped) nest very deep.
  private countAll(): number {
    let total = 0;
    const todo: AnyType[] = [this.body as AnyType];
    while (todo.length > 0) {
      const type = todo.pop()!;
      if (type instanceof Y.XmlText) {
        total += type.length;
        continue;
      }
      for (let item = type._start; item !== null; item = item.right) {
        if (!item.deleted && item.content instanceof Y.ContentType) todo.push(item.content.type as AnyType);
      }
    }
    return total;
  }

  private isBodyText(type: unknown): boolean {
    if (!(type instanceof Y.XmlText)) return false;
    const known = this.inBody.get(type);
    if (known !== undefined) return known;
    let current: AnyType = type;
    while (current._item !== null) current = current._item.parent as AnyType;
    const inBody = current === (this.body as AnyType);
    this.inBody.set(type, inBody);
    return inBody;
  }

  private counts(struct: Y.Item | Y.GC): struct is Y.Item {
    return struct instanceof Y.Item && struct.parentSub === null && struct.content instanceof Y.ContentString && this.isBodyText(struct.parent);
  }

  // Runs before Yjs garbage-collects what the transaction deleted, so deleted items still hold their text.
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    const before = transaction.beforeState;
    for (const [client, after] of transaction.afterState) {
      const from = before.get(client) ?? 0;
      if (after <= from) continue;
      const structs = this.doc.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i].id.clock < after; i++) {
        const struct = structs[i];
        if (!struct.deleted && this.counts(struct)) this.count += struct.length;
      }
    }
    // Only what existed before the transaction: what it inserted and deleted again was never counted.
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct.id.clock < (before.get(struct.id.client) ?? 0) && this.counts(struct)) this.count -= struct.length;
    });
  };
}
