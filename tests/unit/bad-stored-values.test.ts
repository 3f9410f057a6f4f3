// Readers of a story that already holds bad values (stored before documents were checked): the
// story list entry, the exports, approval's pictures, the credits index, the comparison and a
// restore each skip or read '' for what they cannot read, and never throw.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELD_CAPS, MAX_BODY_DEPTH } from '../../model/article-limits.ts';
import { addPicture, pictureMap, picturesArray, readPictures } from '../../model/article-schema.ts';
import { BodyLength } from '../../model/body-length.ts';
import { bodySchema, BODY_NODES } from '../../model/body-schema.ts';
import { readBody } from '../../model/body-tree.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import { diffArticles } from '../../model/revision-diff.ts';
import { exportText } from '../../model/text-export.ts';
import { articleWordCount } from '../../model/words.ts';
import { summarize } from '../../server/articles/article-summary.ts';
import { pictureUses } from '../../server/pictures/picture-uses.ts';
import { restoreContent } from '../../server/revisions/restore-content.ts';
import { poison, POISON_PICTURE, poisonPictures } from '../support/poisoned-article.ts';

const poisoned = () => {
  const doc = new Y.Doc();
  poison(doc);
  return doc;
};
const urls = { pictureUrl: (hash: string) => `https://news.example/api/pictures/${hash}` };

describe('readers of a story holding bad values', () => {
  it('list it: only the real picture counts, meta of the wrong kind reads as empty, the headline is cut to its cap', () => {
    const summary = summarize(poisoned(), 'someone', 1);
    expect(summary).toMatchObject({ headline: 'H'.repeat(FIELD_CAPS.headline), byline: '', desk: '', slug: '', pictureCount: 1, picturesMissingCredit: 0 });
    expect(summary.wordCount).toBeGreaterThan(0);
  });

  it('read its pictures for approval and the credits index, skipping what is not a picture', () => {
    const doc = poisoned();
    expect(readPictures(doc)).toEqual([{ ...POISON_PICTURE, hash: '', copyright: '', alt: '' }]);
    expect(pictureUses(readPictures(doc))).toEqual([{ pictureId: POISON_PICTURE.id, hash: '', caption: POISON_PICTURE.caption, credit: 'Agency' }]);
    expect(pictureMap(doc, POISON_PICTURE.id)?.get('credit')).toBe('Agency');
  });

  it('export it as text, HTML and ninjs: unknown elements keep their text, headings are clamped, nothing deeper than the limit is read', () => {
    const doc = poisoned();
    const html = exportHtml(doc, urls);
    expect(html).toContain('<h4>level ninety-nine</h4>');
    expect(html).toContain('<h2>level script</h2>');
    expect(html).toContain('<p>inside a video</p>');
    expect(html).not.toContain('<video');
    expect(html).not.toContain('the deepest words');
    expect(html.match(/<blockquote>/g)).toHaveLength(MAX_BODY_DEPTH);
    expect(exportText(doc)).toContain('Picture Credit: Agency');
    const ninjs = exportNinjs(doc, { ...urls, id: 'story' });
    expect(Object.keys(ninjs.associations)).toEqual(['picture1']);
    expect(ninjs.byline).toBeUndefined();
    expect(ninjs.subject).toBeUndefined();
  });

  it('count its words and body length, and compare it with an empty story', () => {
    const doc = poisoned();
    // "inside a video", "level ninety-nine", "level script", "underlined": the loose text and the words below the depth limit are not read.
    expect(articleWordCount(doc)).toBe(8);
    expect(readBody(doc)).toHaveLength(5);
    expect(new BodyLength(doc).value).toBeGreaterThan('the deepest words'.length);
    const diff = diffArticles(new Y.Doc(), doc, { from: 0, to: 'live' }, () => null);
    expect(diff.fields.filter((f) => f.key.startsWith('picture:')).map((f) => f.label)).toEqual(['Picture 1 caption', 'Picture 1 credit']);
  });

  // (Not over the deep nesting: deleting 10,000 nested levels overflows the stack in Yjs's own
  // garbage collection. The server refuses such nesting now, so only a story stored before can hold it.)
  it('restore a clean revision over it, removing what is not a picture', () => {
    const live = new Y.Doc();
    poisonPictures(live);
    const revision = new Y.Doc();
    addPicture(revision, { id: 'other', credit: 'Wire' });
    restoreContent(live, revision);
    expect(picturesArray(live).toArray().every((entry) => entry instanceof Y.Map)).toBe(true);
    expect(readPictures(live).map((p) => p.id)).toEqual(['other']);
  });

  it('render any stored heading level in the editor (toDOM clamps it)', () => {
    const heading = bodySchema.nodes[BODY_NODES.heading];
    const toDOM = heading.spec.toDOM!;
    expect(toDOM(heading.create({ level: 99 }))).toEqual(['h4', 0]);
    expect(toDOM(heading.create({ level: 'x<script>' }))).toEqual(['h2', 0]);
    expect(toDOM(heading.create({ level: 3 }))).toEqual(['h3', 0]);
  });
});
