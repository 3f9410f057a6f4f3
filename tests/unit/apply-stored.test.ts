// Filling a document from a story's stored form: the snapshot, then the log after it, in one
// transaction with the origin given.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyStored, storedUpdates } from '../../model/apply-stored.ts';

/** A snapshot of "Rates" and a log that appends " rise" and " again", each a separate update. */
function stored() {
  const source = new Y.Doc();
  const text = source.getText('t');
  text.insert(0, 'Rates');
  const snapshot = Y.encodeStateAsUpdate(source);
  const updates: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => updates.push(update));
  text.insert(5, ' rise');
  text.insert(10, ' again');
  return { snapshot, updates };
}

describe('applyStored', () => {
  it('applies the snapshot and every logged update, in one transaction with the origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = { kind: 'load' };
    applyStored(doc, stored(), origin);
    expect(doc.getText('t').toString()).toBe('Rates rise again');
    expect(origins).toEqual([origin]);
  });

  it('applies the log alone before the first compaction', () => {
    const { snapshot, updates } = stored();
    const doc = new Y.Doc();
    applyStored(doc, { snapshot: null, updates: [snapshot, ...updates] });
    expect(doc.getText('t').toString()).toBe('Rates rise again');
  });

  it('lists the stored content as updates, the snapshot first', () => {
    const content = stored();
    expect(storedUpdates(content)).toEqual([content.snapshot, ...content.updates]);
    expect(storedUpdates({ snapshot: null, updates: content.updates })).toEqual(content.updates);
  });
});
