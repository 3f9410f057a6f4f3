// Exports of a story holding open suggestions: never the suggested insertions, always the
// suggested deletions (they are not accepted yet), in plain text, HTML and ninjs, and the word
// count likewise. The readable article (the version view) keeps both, marked, and approval lists
// each open one as a blocker.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, replaceText } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { approvalBlockers, refusalMessage, standingBlockers, submitWarning } from '../../model/approval-blockers.ts';
import { exportHtml } from '../../model/html-export.ts';
import { openSuggestionsIn } from '../../model/open-suggestions.ts';
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

describe('open suggestions as approval blockers', () => {
  it('lists each open suggestion once, in document order, across blocks, and names it in the refusal after the pictures', () => {
    const doc = suggestedDoc();
    // The insertion continued in the second paragraph is the same suggestion (one id).
    const text = ((bodyFragment(doc).get(1) as Y.XmlElement).get(0) as Y.XmlText);
    text.insert(text.length, ' More.', { [BODY_MARKS.insertion]: ANA });
    const suggestions = openSuggestionsIn(readableArticle(doc).body);
    expect(suggestions.map((s) => [s.kind, s.id, s.text])).toEqual([
      ['insertion', ANA.id, 'big More.'],
      ['deletion', BEN.id, 'sat'],
      ['insertion', BEN.id, 'A whole new paragraph.'],
    ]);
    const blockers = approvalBlockers({ pictures: [{ id: 'p1', hash: 'h', caption: 'Cats', credit: '', copyright: '', alt: '' }], suggestions });
    expect(blockers.map((b) => [b.kind, b.suggestionId ?? b.pictureId, b.position, b.waivable])).toEqual([
      ['missing-credit', 'p1', 1, false],
      ['open-suggestion', ANA.id, 1, false],
      ['open-suggestion', BEN.id, 2, false],
      ['open-suggestion', BEN.id, 3, false],
    ]);
    expect(refusalMessage(standingBlockers(blockers, { allowMissingImages: true }))).toContain(
      'Picture 1 (“Cats”) has no credit. Add one in Pictures and submit the story again, then approve. Ana Lima’s suggested insertion of “big More.” is still open. Accept or reject it and submit the story again, then approve.',
    );
    expect(submitWarning(blockers[2])).toBe('Ben Okafor’s suggested deletion of “sat” is still open. An editor cannot approve the story until it is accepted or rejected.');
  });
});
