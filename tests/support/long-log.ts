// A long log after a story's snapshot, as a crash leaves it: for the tests and the bench of
// opening and folding such a story.
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import { bodyFragment } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';

/**
 * Appends a paragraph to the stored story `articleId` and types `keys` letters into it, each its
 * own log entry (the new paragraph one more), with no server running on `dataDir`; the
 * paragraph's index in the body and its text.
 */
export async function typeIntoStoredLog(dataDir: string, articleId: string, keys: number): Promise<{ paragraph: number; text: string }> {
  const store = await SqliteStore.open(dataDir);
  try {
    const doc = new Y.Doc();
    applyStored(doc, await store.loadDocument(articleId));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    appendParagraphs(doc, ['']);
    const paragraph = bodyFragment(doc).length - 1;
    const text = (bodyFragment(doc).get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < keys; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < updates.length; i += 1000) await store.appendUpdates(articleId, updates.slice(i, i + 1000));
    return { paragraph, text: text.toString() };
  } finally {
    await store.close();
  }
}
