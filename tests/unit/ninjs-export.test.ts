// ninjs export: IPTC ninjs 1.x field names, optional fields, body HTML and picture associations.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, replaceText, standfirstText } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { bodyHtml, exportHtml } from '../../model/html-export.ts';
import { exportNinjs, type NinjsItem } from '../../model/ninjs-export.ts';
import { exportText } from '../../model/text-export.ts';

const pictureUrl = (hash: string) => `https://news.example/api/pictures/${hash}`;

function fullDoc(): Y.Doc {
  const doc = new Y.Doc();
  replaceText(headlineText(doc), 'Putin hits back <at> Biden');
  replaceText(standfirstText(doc), 'The summary.');
  metaMap(doc).set(META_KEYS.byline, 'By Jane Doe');
  metaMap(doc).set(META_KEYS.slug, 'putin-biden');
  metaMap(doc).set(META_KEYS.tags, ['politics', 'russia', 7]);
  metaMap(doc).set(META_KEYS.urgency, 2);
  metaMap(doc).set(META_KEYS.planningNote, 'Hold for the Kremlin reaction');
  metaMap(doc).set(META_KEYS.assignees, ['ana']);
  metaMap(doc).set(META_KEYS.deadline, Date.UTC(2024, 4, 1, 16));
  metaMap(doc).set(META_KEYS.targetWords, 600);
  appendParagraphs(doc, ['First.']);
  const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
  bodyFragment(doc).push([paragraph]);
  const text = new Y.XmlText();
  paragraph.push([text]);
  text.insert(0, 'Bold', { [BODY_MARKS.strong]: {} });
  addPicture(doc, { id: 'p1', hash: 'abc', caption: 'Biden speaks', credit: 'Gage Skidmore', copyright: '© GS', alt: 'A man at a lectern' });
  addPicture(doc, { id: 'p2', credit: 'Reuters' });
  return doc;
}

describe('exportNinjs', () => {
  it('writes the ninjs 1.x fields of the story', () => {
    const doc = fullDoc();
    const item = exportNinjs(doc, { id: 'art-1', pictureUrl, versionCreated: '2024-05-01T10:00:00Z' });
    expect(item.uri).toBe('urn:newsroom:article:art-1');
    expect(item.type).toBe('text');
    expect(item.headline).toBe('Putin hits back <at> Biden');
    expect(item.byline).toBe('By Jane Doe');
    expect(item.description_text).toBe('The summary.');
    expect(item.slugline).toBe('putin-biden');
    expect(item.subject).toEqual([{ name: 'politics' }, { name: 'russia' }]);
    expect(item.versioncreated).toBe('2024-05-01T10:00:00Z');
    expect(item.urgency).toBe(2);
    expect(item.ednote).toBe('Hold for the Kremlin reaction');
    expect(item.body_html).toBe('<p>First.</p>\n<p><strong>Bold</strong></p>');
  });

  it('shares the body HTML with exportHtml, without headline or figures', () => {
    const doc = fullDoc();
    const item = exportNinjs(doc, { id: 'a', pictureUrl });
    expect(item.body_html).toBe(bodyHtml(doc));
    expect(exportHtml(doc, { pictureUrl })).toContain(item.body_html);
    expect(item.body_html).not.toMatch(/<h1|<figure|standfirst/);
  });

  it('lists pictures as associations picture1, picture2, … with credit, caption, copyright and renditions', () => {
    const item = exportNinjs(fullDoc(), { id: 'a', pictureUrl });
    expect(Object.keys(item.associations)).toEqual(['picture1', 'picture2']);
    expect(item.associations.picture1).toEqual({
      type: 'picture',
      uri: 'urn:newsroom:picture:p1',
      description_text: 'Biden speaks',
      byline: 'Gage Skidmore',
      copyrightnotice: '© GS',
      renditions: { original: { href: 'https://news.example/api/pictures/abc' } },
    });
    expect(item.associations.picture2).toEqual({
      type: 'picture',
      uri: 'urn:newsroom:picture:p2',
      byline: 'Reuters',
      renditions: {},
    });
  });

  it('writes no alt text and no field outside ninjs 1.x', () => {
    const release = { embargoedUntil: Date.UTC(2024, 4, 2), holdNote: null, killNote: null };
    const item = exportNinjs(fullDoc(), { id: 'a', pictureUrl, versionCreated: '2024-05-01T10:00:00Z', version: { version: 2, amendment: null }, release });
    // Every ninjs 1.x field this export may write; the type keeps the list in step with NinjsItem.
    const fields: Record<keyof NinjsItem, true> = {
      uri: true,
      type: true,
      headline: true,
      byline: true,
      description_text: true,
      body_html: true,
      slugline: true,
      urgency: true,
      ednote: true,
      subject: true,
      versioncreated: true,
      version: true,
      embargoed: true,
      pubstatus: true,
      associations: true,
    };
    expect(Object.keys(item).sort()).toEqual(Object.keys(fields).sort());
    expect(JSON.stringify(item)).not.toContain('A man at a lectern');
    expect(JSON.stringify(item)).not.toContain('creditline');
  });

  it('gives a picture whose hash has no URL (nothing stored under it) no renditions', () => {
    const item = exportNinjs(fullDoc(), { id: 'a', pictureUrl: () => null });
    expect(item.associations.picture1).toMatchObject({ byline: 'Gage Skidmore', renditions: {} });
  });

  it('keeps the desk facts (the planning note, assignees, deadline, target) out of the text and HTML exports', () => {
    const doc = fullDoc();
    for (const exported of [exportText(doc), exportHtml(doc, { pictureUrl })]) {
      expect(exported).not.toContain('Kremlin reaction');
      expect(exported).not.toMatch(/\bana\b|600|urgency/);
    }
  });

  it('leaves out an urgency outside 1 to 9 and a planning note that is not text (written before the server checked)', () => {
    const doc = new Y.Doc();
    metaMap(doc).set(META_KEYS.urgency, 12);
    metaMap(doc).set(META_KEYS.planningNote, 5);
    const item = exportNinjs(doc, { id: 'a', pictureUrl });
    expect(item).not.toHaveProperty('urgency');
    expect(item).not.toHaveProperty('ednote');
  });

  it('leaves out empty optional fields and is plain JSON', () => {
    const item = exportNinjs(new Y.Doc(), { id: 'a b', pictureUrl });
    expect(item).toEqual({ uri: 'urn:newsroom:article:a%20b', type: 'text', headline: '', body_html: '', associations: {} });
    expect(JSON.parse(JSON.stringify(item))).toEqual(item);
  });
});
