// HTML export: structure, escaping, safe links, heading levels, marks, lists and figures.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, replaceText, standfirstText } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { bodyHtml, escapeHtml, exportHtml } from '../../model/html-export.ts';

type Run = [text: string, attributes?: Record<string, unknown>];

const opts = { pictureUrl: (hash: string) => `/api/pictures/${hash}` };

// Appends an element to `parent` (integrated first, as y-prosemirror does) and fills it with formatted runs.
function addElement(parent: Y.XmlFragment | Y.XmlElement, name: string, runs: Run[] = [], attrs: Record<string, unknown> = {}) {
  const element = new Y.XmlElement(name);
  parent.push([element]);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  if (runs.length > 0) {
    const text = new Y.XmlText();
    element.push([text]);
    for (const [s, attributes] of runs) text.insert(text.length, s, attributes ?? {});
  }
  return element;
}

const bodyOf = (build: (body: Y.XmlFragment) => void) => {
  const doc = new Y.Doc();
  build(bodyFragment(doc));
  return doc;
};

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });
});

describe('exportHtml', () => {
  it('writes a complete article: headline, standfirst, byline, body, figures', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'Headline here');
    replaceText(standfirstText(doc), 'Summary here');
    metaMap(doc).set(META_KEYS.byline, 'By Jane Doe');
    addElement(bodyFragment(doc), BODY_NODES.paragraph, [['Body text.']]);
    addPicture(doc, { id: 'p1', hash: 'abc123', caption: 'A crowd', credit: 'Gage Skidmore', copyright: '© 2021', alt: 'People' });
    expect(exportHtml(doc, opts)).toBe(
      [
        '<article>',
        '<h1>Headline here</h1>',
        '<p class="standfirst">Summary here</p>',
        '<p class="byline">By Jane Doe</p>',
        '<p>Body text.</p>',
        '<figure><img src="/api/pictures/abc123" alt="People"><figcaption>A crowd <span class="credit">Picture Credit: Gage Skidmore</span> <span class="copyright">© 2021</span></figcaption></figure>',
        '</article>',
      ].join('\n'),
    );
  });

  it('escapes script in the headline, caption and every other field', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), '<script>alert(1)</script>');
    replaceText(standfirstText(doc), 'a & b');
    metaMap(doc).set(META_KEYS.byline, '<b>me</b>');
    addElement(bodyFragment(doc), BODY_NODES.paragraph, [['<img src=x onerror=alert(1)>']]);
    addPicture(doc, { id: 'p', hash: 'h"x', caption: '<script>steal()</script>', credit: '<i>Ann</i>', copyright: '"c"', alt: '" onload="x' });
    const html = exportHtml(doc, opts);
    expect(html).not.toMatch(/<script|<img src=x|<b>|<i>/);
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('<figcaption>&lt;script&gt;steal()&lt;/script&gt; ');
    expect(html).toContain('<p class="standfirst">a &amp; b</p>');
    expect(html).toContain('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('<img src="/api/pictures/h&quot;x" alt="&quot; onload=&quot;x">');
    expect(html).toContain('Picture Credit: &lt;i&gt;Ann&lt;/i&gt;');
  });

  it('writes no image for a picture whose hash has no URL (nothing stored under it), keeping its caption and credit', () => {
    const doc = new Y.Doc();
    addPicture(doc, { id: 'p', hash: 'not-stored', caption: 'Docks', credit: 'Ann' });
    const html = exportHtml(doc, { pictureUrl: () => null });
    expect(html).not.toContain('<img');
    expect(html).toContain('<figure><figcaption>Docks <span class="credit">Picture Credit: Ann</span></figcaption></figure>');
  });

  it('leaves out empty header fields and pictures with nothing to show', () => {
    const doc = new Y.Doc();
    addPicture(doc, { id: 'empty' });
    expect(exportHtml(doc, opts)).toBe('<article>\n</article>');
  });

  it('writes a figure without <img> until the image is attached', () => {
    const doc = new Y.Doc();
    addPicture(doc, { id: 'p', credit: 'Reuters' });
    expect(exportHtml(doc, opts)).toContain('<figure><figcaption><span class="credit">Picture Credit: Reuters</span></figcaption></figure>');
    expect(exportHtml(doc, opts)).not.toContain('<img');
  });

  it('contains exactly the body HTML that bodyHtml gives', () => {
    const doc = bodyOf((body) => addElement(body, BODY_NODES.paragraph, [['x', { [BODY_MARKS.strong]: {} }]]));
    replaceText(headlineText(doc), 'H');
    expect(exportHtml(doc, opts)).toContain(`\n${bodyHtml(doc)}\n`);
  });
});

describe('bodyHtml', () => {
  it('writes strong, em and safe links with rel="noopener noreferrer"', () => {
    const doc = bodyOf((body) =>
      addElement(body, BODY_NODES.paragraph, [
        ['plain '],
        ['bold', { [BODY_MARKS.strong]: {} }],
        [' '],
        ['italic', { [BODY_MARKS.em]: {} }],
        [' '],
        ['both', { [BODY_MARKS.strong]: {}, [BODY_MARKS.em]: {} }],
        [' '],
        ['link', { [BODY_MARKS.link]: { href: 'https://x' } }],
        [' bold link', { [BODY_MARKS.link]: { href: 'https://x' }, [BODY_MARKS.strong]: {} }],
      ]),
    );
    expect(bodyHtml(doc)).toBe(
      '<p>plain <strong>bold</strong> <em>italic</em> <strong><em>both</em></strong> ' +
        '<a href="https://x" rel="noopener noreferrer">link<strong> bold link</strong></a></p>',
    );
  });

  it('drops a javascript: href but keeps the text', () => {
    const doc = bodyOf((body) =>
      addElement(body, BODY_NODES.paragraph, [
        ['click', { [BODY_MARKS.link]: { href: 'javascript:alert(1)' } }],
        [' data', { [BODY_MARKS.link]: { href: ' JAVASCRIPT:alert(1)' } }],
        [' mail', { [BODY_MARKS.link]: { href: 'mailto:a@b.c' } }],
      ]),
    );
    const html = bodyHtml(doc);
    expect(html).not.toMatch(/javascript/i);
    expect(html).toBe('<p>click data<a href="mailto:a@b.c" rel="noopener noreferrer"> mail</a></p>');
  });

  it('escapes quotes in an href', () => {
    const doc = bodyOf((body) => addElement(body, BODY_NODES.paragraph, [['x', { [BODY_MARKS.link]: { href: 'https://x/"><script>' } }]]));
    expect(bodyHtml(doc)).toBe('<p><a href="https://x/&quot;&gt;&lt;script&gt;" rel="noopener noreferrer">x</a></p>');
  });

  it('maps heading levels to h2–h4 and clamps anything else', () => {
    const doc = bodyOf((body) => {
      for (const level of [2, 3, 4, 1, 6, '3']) addElement(body, BODY_NODES.heading, [[`L${level}`]], { level });
      addElement(body, BODY_NODES.heading, [['none']]);
    });
    expect(bodyHtml(doc).split('\n')).toEqual([
      '<h2>L2</h2>',
      '<h3>L3</h3>',
      '<h4>L4</h4>',
      '<h2>L1</h2>',
      '<h4>L6</h4>',
      '<h3>L3</h3>',
      '<h2>none</h2>',
    ]);
  });

  it('writes blockquotes and bullet and ordered lists', () => {
    const doc = bodyOf((body) => {
      addElement(addElement(body, BODY_NODES.blockquote), BODY_NODES.paragraph, [['Quoted']]);
      const ul = addElement(body, BODY_NODES.bulletList);
      addElement(addElement(ul, BODY_NODES.listItem), BODY_NODES.paragraph, [['one']]);
      addElement(addElement(ul, BODY_NODES.listItem), BODY_NODES.paragraph, [['two']]);
      const ol = addElement(body, BODY_NODES.orderedList, [], { order: 3 });
      addElement(addElement(ol, BODY_NODES.listItem), BODY_NODES.paragraph, [['three']]);
    });
    expect(bodyHtml(doc).split('\n')).toEqual([
      '<blockquote><p>Quoted</p></blockquote>',
      '<ul><li><p>one</p></li><li><p>two</p></li></ul>',
      '<ol start="3"><li><p>three</p></li></ol>',
    ]);
  });

  it('keeps the text of an unknown element in a paragraph', () => {
    const doc = bodyOf((body) => addElement(body, 'marquee', [['<odd>']]));
    expect(bodyHtml(doc)).toBe('<p>&lt;odd&gt;</p>');
  });

  it('is empty for an empty body', () => {
    expect(bodyHtml(new Y.Doc())).toBe('');
  });
});
