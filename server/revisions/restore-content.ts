// Restoring a revision: its content is written into the live document as ordinary, minimal
// edits, so that what equals the revision keeps its identity and a colleague's typing elsewhere
// merges with the restore instead of being replaced by it. Lives on the server, not in model/,
// because y-prosemirror brings prosemirror-view with it.
import * as Y from 'yjs';
import { simpleDiffString } from 'lib0/diff';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import {
  bodyFragment,
  createPictureMap,
  headlineText,
  metaMap,
  PICTURE_FIELDS,
  picturesArray,
  readPicture,
  readPictures,
  standfirstText,
  type Picture,
} from '../../model/article-schema.ts';
import { bodySchema } from '../../model/body-schema.ts';

// One edit from the current text to `wanted`: the common start and end stay untouched.
function restoreText(text: Y.Text, wanted: string): void {
  const { index, remove, insert } = simpleDiffString(text.toString(), wanted);
  if (remove > 0) text.delete(index, remove);
  if (insert !== '') text.insert(index, insert);
}

// Meta holds plain values; a Yjs type a client put there anyway is compared and copied as JSON.
const plain = (value: unknown): unknown => (value instanceof Y.AbstractType ? value.toJSON() : value);

function restoreMeta(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const [key, value] of source.entries()) {
    const wanted = plain(value);
    if (JSON.stringify(plain(target.get(key))) !== JSON.stringify(wanted)) target.set(key, structuredClone(wanted));
  }
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
}

function restorePictureFields(map: Y.Map<string>, picture: Picture): void {
  for (const field of PICTURE_FIELDS) if (map.get(field) !== picture[field]) map.set(field, picture[field]);
}

// A picture entry's id, or null for a value that is not a picture map (a client wrote it).
const idOf = (entry: unknown) => (entry instanceof Y.Map ? readPicture(entry as Y.Map<string>).id : null);

// By picture id: extra pictures (and anything in `pictures` that is not one) go, missing ones
// come back, kept ones get the revision's fields (their maps keep their identity), and the
// order becomes the revision's.
function restorePictures(target: Y.Array<Y.Map<string>>, source: Picture[]): void {
  const wanted = new Set(source.map((picture) => picture.id));
  const seen = new Set<string>();
  const keep = target.toArray().map((entry) => {
    const id = idOf(entry);
    if (id === null) return false;
    const first = !seen.has(id);
    seen.add(id);
    return first && wanted.has(id);
  });
  for (let i = keep.length - 1; i >= 0; i--) if (!keep[i]) target.delete(i, 1);

  source.forEach((picture, index) => {
    const at = target.toArray().findIndex((entry) => idOf(entry) === picture.id);
    if (at === index) return restorePictureFields(target.get(index), picture);
    // Everything before `index` is in place already, so a kept picture can only sit further on:
    // moving it means re-creating it here.
    if (at > index) target.delete(at, 1);
    target.insert(index, [createPictureMap(picture)]);
  });
}

/** Makes `target`'s content equal `source`'s (headline, standfirst, meta, pictures, body) with minimal edits, in one transaction. */
export function restoreContent(target: Y.Doc, source: Y.Doc): void {
  target.transact(() => {
    restoreText(headlineText(target), headlineText(source).toString());
    restoreText(standfirstText(target), standfirstText(source).toString());
    restoreMeta(metaMap(target), metaMap(source));
    restorePictures(picturesArray(target), readPictures(source));
    // y-prosemirror's own sync step: unchanged blocks keep their Yjs identity, changed text is diffed.
    const body = yXmlFragmentToProseMirrorRootNode(bodyFragment(source), bodySchema);
    updateYFragment(target, bodyFragment(target), body, { mapping: new Map(), isOMark: new Map() });
  });
}
