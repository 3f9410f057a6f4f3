// Giving a picture its uploaded image: the hash always, credit and copyright only where empty.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, readPictures, setPictureImage } from '../../model/article-schema.ts';

const image = { hash: 'a'.repeat(64), credit: 'Photo: File Credit', copyright: '© File' };

describe('setPictureImage', () => {
  it('sets the hash and fills credit and copyright from the file where they are empty', () => {
    const doc = new Y.Doc();
    addPicture(doc, { id: 'p1', caption: 'Court steps' });
    expect(setPictureImage(doc, 'p1', image)).toBe(true);
    expect(readPictures(doc)[0]).toMatchObject({ id: 'p1', hash: image.hash, caption: 'Court steps', credit: image.credit, copyright: image.copyright });
  });

  it('keeps a credit someone typed while the image was waiting', () => {
    const doc = new Y.Doc();
    addPicture(doc, { id: 'p1', credit: 'Dana Desk/Newsroom' });
    setPictureImage(doc, 'p1', image);
    expect(readPictures(doc)[0]).toMatchObject({ hash: image.hash, credit: 'Dana Desk/Newsroom', copyright: image.copyright });
  });

  it('with onlyIfMissing, leaves a picture that got another image meanwhile alone', () => {
    const doc = new Y.Doc();
    addPicture(doc, { id: 'p1', hash: 'b'.repeat(64) });
    expect(setPictureImage(doc, 'p1', image, true)).toBe(false);
    expect(readPictures(doc)[0].hash).toBe('b'.repeat(64));
    expect(setPictureImage(doc, 'p1', image)).toBe(true);
    expect(readPictures(doc)[0].hash).toBe(image.hash);
  });

  it('returns false for a picture that was removed', () => {
    const doc = new Y.Doc();
    expect(setPictureImage(doc, 'gone', image)).toBe(false);
    expect(readPictures(doc)).toEqual([]);
  });
});
