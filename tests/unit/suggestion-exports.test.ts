// Exports of a story holding open suggestions: never the suggested insertions, always the
// suggested deletions (they are not accepted yet), in plain text, HTML and ninjs, and the word
// count likewise. The readable article (the version view) keeps both, marked.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, replaceText } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import { readableArticle } from '../../model/readable-article.ts';
import { exportText } from '../../model/text-export.ts';
import { articleWordCount } from '../../model/words.ts';

const ANA = { id: 'k3x9Qa01', author: 'user-ana', authorName: 'Ana Lima', at: 1_765_000_000_000 };
const BEN = { id: 'z8y7x6w5', author: 'user-ben', authorName: 'Ben Okafor', at: 1_765_000_100_000 };

/** A story whose body reads `The [+big ]cat [-sat] on the mat.` and a second paragraph only suggested. */
function suggestedDoc(): Y.Doc {
  const doc = new Y.Doc();
  replaceText(headlineText(doc), 'Cats');
  const first = new Y.XmlText();
  first.insert(0, 'The ', {});
  first.insert(4, 'big ', { [BODY_MARKS.insertion]: ANA });
  first.insert(8, 'cat ', {});
  first.insert(12, 'sat', { [BODY_MARKS.deletion]: BEN });
  first.insert(15, ' on the ', {});
  first.insert(23, 'mat', { [BODY_MARKS.strong]: {} });
  first.insert(26, '.', {});
  const second = new Y.XmlText();
  second.insert(0, 'A whole new paragraph.', { [BODY_MARKS.insertion]: BEN });
  const paragraphs = [first, second].map((text) => {
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    paragraph.insert(0, [text]);
    return paragraph;
  });
  bodyFragment(doc).insert(0, paragraphs);
  return doc;
}

const pictureUrl = (hash: string) => `/pictures/${hash}`;

describe('exports of a story with open suggestions', () => {
  it('plain text: without the insertions, with the deletions', () => {
    expect(exportText(suggestedDoc())).toBe('Headline: Cats\n\nThe cat sat on the mat.\n');
  });

  it('HTML: without the insertions, with the deletions as plain text', () => {
    const html = exportHtml(suggestedDoc(), { pictureUrl });
    expect(html).toContain('<p>The cat sat on the <strong>mat</strong>.</p>');
    expect(html).not.toMatch(/big|whole new|<ins|<del|suggestion|Ana Lima|Ben Okafor/);
    // The paragraph holding nothing but an insertion is left empty, not filled with it.
    expect(html).toContain('<p></p>');
  });

  it('ninjs: the body HTML likewise', () => {
    const item = exportNinjs(suggestedDoc(), { id: 'a1', pictureUrl });
    expect(item.body_html).toContain('<p>The cat sat on the <strong>mat</strong>.</p>');
    expect(JSON.stringify(item)).not.toMatch(/big|whole new|Ana Lima|Ben Okafor/);
  });

  it('counts the words as published', () => {
    expect(articleWordCount(suggestedDoc())).toBe(6);
  });

  it('the readable article keeps both, each with who suggested it', () => {
    const [first, second] = readableArticle(suggestedDoc()).body;
    expect(first.runs.map((r) => [r.text, r.insertion?.authorName ?? null, r.deletion?.authorName ?? null])).toEqual([
      ['The ', null, null],
      ['big ', 'Ana Lima', null],
      ['cat ', null, null],
      ['sat', null, 'Ben Okafor'],
      [' on the ', null, null],
      ['mat', null, null],
      ['.', null, null],
    ]);
    expect(second.runs[0].insertion).toEqual(BEN);
  });

  it('reads a malformed suggestion (stored before marks were checked) as plain text', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    text.insert(0, 'kept', { [BODY_MARKS.insertion]: { id: 'bad id', author: 1 } });
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    paragraph.insert(0, [text]);
    bodyFragment(doc).insert(0, [paragraph]);
    expect(exportText(doc)).toBe('kept\n');
  });
});
