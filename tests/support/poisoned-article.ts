// A story holding every kind of bad value a client could store before documents were checked:
// for the readers (list, exports, approval, credits, shutdown) that must tolerate them.
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, picturesArray } from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';

/** How deep the poisoned body nests. */
export const POISON_DEPTH = 10_000;

/** The one real picture among the poison, with its credit (so that approval may pass). */
export const POISON_PICTURE = { id: 'real-picture', credit: 'Agency', caption: 'A real picture' };

const element = (name: string, attrs: Record<string, unknown>, content: string) => {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  const text = new Y.XmlText();
  text.insert(0, content);
  el.insert(0, [text]);
  return el;
};

/** A string and a number in `pictures`, beside one real picture (POISON_PICTURE). */
export function poisonPictures(doc: Y.Doc): void {
  const pictures = picturesArray(doc) as unknown as Y.Array<unknown>;
  doc.transact(() => {
    pictures.push(['a string in pictures']);
    addPicture(doc, POISON_PICTURE);
    pictures.push([42]);
  });
}

/**
 * Writes the poison into `doc` in one transaction: the pictures of poisonPictures, meta values of
 * the wrong kind, a 600-character headline, an unknown root, and in the body an unknown element,
 * heading levels 99 and `x<script>`, a mark the schema lacks, text outside any block, and
 * POISON_DEPTH levels of nesting.
 */
export function poison(doc: Y.Doc): void {
  doc.transact(() => {
    poisonPictures(doc);
    metaMap(doc).set(META_KEYS.byline, 42);
    metaMap(doc).set(META_KEYS.desk, { not: 'text' });
    metaMap(doc).set(META_KEYS.tags, 'not a list');
    headlineText(doc).insert(0, 'H'.repeat(600));
    doc.getMap('evil').set('x', 1);
    const body = bodyFragment(doc);
    const underline = new Y.XmlText();
    underline.insert(0, 'underlined', { underline: {} });
    const loose = new Y.XmlText();
    loose.insert(0, 'loose text');
    const strangeMark = new Y.XmlElement(BODY_NODES.paragraph);
    strangeMark.insert(0, [underline]);
    body.insert(body.length, [
      element('video', { src: 'x' }, 'inside a video'),
      element(BODY_NODES.heading, { level: 99 }, 'level ninety-nine'),
      element(BODY_NODES.heading, { level: 'x<script>' }, 'level script'),
      strangeMark,
      loose,
    ]);
    let parent: Y.XmlFragment = body;
    for (let depth = 0; depth < POISON_DEPTH; depth++) {
      const quote = new Y.XmlElement(BODY_NODES.blockquote);
      parent.insert(0, [quote]);
      parent = quote;
    }
    parent.insert(0, [element(BODY_NODES.paragraph, {}, 'the deepest words')]);
  });
}

/** An update that poisons a story whose state is `base` (what it holds now). */
export function poisonUpdate(base: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  poison(doc);
  return Y.encodeStateAsUpdate(doc, before);
}
