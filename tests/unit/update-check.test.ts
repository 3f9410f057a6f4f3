// The document check a room runs on every update before applying it (model/update-check.ts):
// each kind of refusal, the caps (a replace within a cap passes, deleting never counts against
// it), and everything the app itself writes — y-prosemirror's edits for the whole body schema,
// a real story imported from text, the real editing traces — passes.
import { readFileSync } from 'node:fs';
import { Node as PMNode, type Mark } from 'prosemirror-model';
import { updateYFragment } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BODY_CAPS, FIELD_CAPS, MAX_BODY_DEPTH, MAX_HREF_LENGTH, PICTURE_CAPS } from '../../model/article-limits.ts';
import {
  addPicture,
  bodyFragment,
  headlineText,
  META_KEYS,
  metaMap,
  pictureMap,
  picturesArray,
  setPictureImage,
  standfirstText,
} from '../../model/article-schema.ts';
import { BodyLength } from '../../model/body-length.ts';
import { ATTRIBUTE_VALUES } from '../../model/body-rules.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { newArticleDoc } from '../../model/new-article.ts';
import { importArticleIntoDoc, parseArticleText } from '../../model/text-import.ts';
import { checkUpdateContent } from '../../model/update-check.ts';
import { loadTrace, replayConcurrent, type ConcurrentTrace, type Patch } from '../support/editing-traces.ts';
import { itWithSharedData, SAMPLE_ARTICLE, traceFile } from '../support/shared-data.ts';

/** The server's copy of a story, with the body length a room keeps. */
class Mirror {
  readonly doc = new Y.Doc();
  readonly body = new BodyLength(this.doc);

  check(update: Uint8Array): string | null {
    return checkUpdateContent(this.doc, Y.decodeUpdate(update), this.body.value);
  }

  /** Checks `update`, expects it to pass, applies it. */
  accept(update: Uint8Array): void {
    expect(this.check(update)).toBeNull();
    Y.applyUpdate(this.doc, update);
  }

  /** Stores `update` without checking it (a story written before documents were checked). */
  storeUnchecked(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
  }
}

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/** The update `edit` makes on `client`, in one transaction (as the client would send it). */
function change(client: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  let update = EMPTY_UPDATE; // an edit that changes nothing sends nothing
  const capture = (made: Uint8Array) => (update = made);
  client.on('update', capture);
  try {
    client.transact(() => edit(client));
  } finally {
    client.off('update', capture);
  }
  return update;
}

/** The update `edit` would make on `client`, made on a copy: for edits the server refuses, which the client must not keep. */
function attempt(client: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client));
  return change(copy, edit);
}

/** A story on the server and a client in sync with it, after `setup` (written by the client and checked). */
function article(setup?: (doc: Y.Doc) => void) {
  const mirror = new Mirror();
  const client = new Y.Doc();
  if (setup) mirror.accept(change(client, setup));
  return { mirror, client };
}

/** What the check says of `edit` on a fresh story. */
const refusalOf = (edit: (doc: Y.Doc) => void) => article().mirror.check(change(new Y.Doc(), edit));

const text = (content: string, attributes?: Record<string, unknown>) => {
  const t = new Y.XmlText();
  t.insert(0, content, attributes);
  return t;
};
const element = (name: string, attrs: Record<string, unknown> = {}, children: (Y.XmlElement | Y.XmlText)[] = []) => {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  el.insert(0, children);
  return el;
};
const paragraph = (content: string, attributes?: Record<string, unknown>) => element(BODY_NODES.paragraph, {}, [text(content, attributes)]);
const intoBody = (...nodes: (Y.XmlElement | Y.XmlText)[]) => (doc: Y.Doc) => bodyFragment(doc).insert(bodyFragment(doc).length, nodes);
const firstText = (doc: Y.Doc) => (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('checkUpdateContent refuses', () => {
  it.each<[string, (doc: Y.Doc) => void, RegExp]>([
    ['a root type the schema does not name', (doc) => doc.getMap('evil').set('x', 1), /^a root type “evil” the story schema does not have$/],
    ['the headline written as an array', (doc) => doc.getArray('headline').push(['x']), /^a value of the wrong kind in the headline$/],
    ['a map entry on the standfirst', (doc) => doc.getMap('standfirst').set('x', 'y'), /^a value of the wrong kind in the standfirst$/],
    ['formatting in the headline', (doc) => headlineText(doc).insert(0, 'x', { bold: true }), /wrong kind in the headline/],
    ['the body written as a map', (doc) => doc.getMap('body').set('x', 1), /^a value of the wrong kind in the body$/],
    ['meta written as a text', (doc) => doc.getText('meta').insert(0, 'x'), /^a value of the wrong kind in meta$/],
    ['a string pushed into pictures', (doc) => doc.getArray('pictures').push(['boom']), /^a picture that is not a map of its fields$/],
    ['a picture field the schema lacks', (doc) => picturesArray(doc).push([new Y.Map([['exif', 'x']])]), /^a picture field “exif” the schema does not have$/],
    ['a picture field that is not text', (doc) => picturesArray(doc).push([new Y.Map<unknown>([['credit', 5]]) as Y.Map<string>]), /^picture credit must be text$/],
    ['a Yjs text as a picture caption', (doc) => picturesArray(doc).push([new Y.Map<unknown>([['caption', new Y.Text('x')]]) as Y.Map<string>]), /^picture caption must be text$/],
    ['a number as byline', (doc) => metaMap(doc).set(META_KEYS.byline, 5), /^meta “byline” must be text$/],
    ['a number as desk', (doc) => metaMap(doc).set(META_KEYS.desk, 5), /^meta “desk” must be text$/],
    ['a Yjs type in meta', (doc) => metaMap(doc).set('extra', new Y.Map()), /^a value of the wrong kind in meta$/],
    ['bytes in meta', (doc) => metaMap(doc).set('extra', new Uint8Array([1, 2])), /^a value of the wrong kind in meta$/],
    ['tags as one string', (doc) => metaMap(doc).set(META_KEYS.tags, 'a, b'), /^tags must be a list of at most 50 texts/],
    ['a number among the tags', (doc) => metaMap(doc).set(META_KEYS.tags, ['a', 1]), /^tags must be/],
    ['51 tags', (doc) => metaMap(doc).set(META_KEYS.tags, Array.from({ length: 51 }, (_, i) => `t${i}`)), /^tags must be/],
    ['a tag over its cap', (doc) => metaMap(doc).set(META_KEYS.tags, ['x'.repeat(FIELD_CAPS.tag + 1)]), /^tags must be/],
    ['bytes nested in another meta value', (doc) => metaMap(doc).set('extra', { photo: new Uint8Array([1]) }), /^meta “extra” is not a plain value/],
    ['another meta value over 2,000 characters', (doc) => metaMap(doc).set('notes', 'x'.repeat(2001)), /^meta “notes” is not a plain value of at most 2,000 characters$/],
    ['a meta key over 100 characters', (doc) => metaMap(doc).set('k'.repeat(101), 1), /^a meta key over 100 characters$/],
    ['an element the body schema lacks', intoBody(element('video', {}, [text('x')])), /^an element “video” the body schema does not have$/],
    ['heading level 99', intoBody(element(BODY_NODES.heading, { level: 99 }, [text('x')])), /^heading level 99 outside 2, 3, 4$/],
    ['heading level 1 (the headline’s)', intoBody(element(BODY_NODES.heading, { level: 1 }, [text('x')])), /^heading level 1 outside/],
    ['a heading level as text', intoBody(element(BODY_NODES.heading, { level: '2' }, [text('x')])), /^heading level "2" outside/],
    ['a list starting below 0', intoBody(element(BODY_NODES.orderedList, { order: -1 }, [element(BODY_NODES.listItem, {}, [paragraph('x')])])), /^list start -1/],
    ['an attribute the schema lacks', intoBody(element(BODY_NODES.paragraph, { style: 'color:red' }, [text('x')])), /^an attribute “style” the body schema does not have on “paragraph”$/],
    ['a mark the schema lacks', intoBody(paragraph('x', { underline: {} })), /^a mark “underline” the body schema does not have$/],
    ['a javascript: link', intoBody(paragraph('x', { link: { href: 'javascript:alert(1)' } })), /^an unsafe or over-long link$/],
    ['a link over 2,048 characters', intoBody(paragraph('x', { link: { href: `https://example.org/${'a'.repeat(MAX_HREF_LENGTH)}` } })), /unsafe or over-long link/],
    ['a mark whose value is not its attributes', intoBody(paragraph('x', { strong: true })), /^a mark “strong” whose value is not its attributes$/],
    ['a mark attribute the mark lacks', intoBody(paragraph('x', { link: { href: 'https://example.org', onclick: 'x' } })), /^an attribute “onclick” the mark “link” does not have$/],
    ['text directly in the body', intoBody(text('x')), /^text directly inside the body$/],
    ['a list item directly in the body', intoBody(element(BODY_NODES.listItem, {}, [paragraph('x')])), /^a “list_item” inside the body$/],
    ['a paragraph directly in a list', intoBody(element(BODY_NODES.bulletList, {}, [paragraph('x')])), /^a “paragraph” inside a “bullet_list”$/],
    ['text directly in a quote', intoBody(element(BODY_NODES.blockquote, {}, [text('x')])), /^text directly inside a “blockquote”$/],
    ['an embed in body text', intoBody(element(BODY_NODES.paragraph, {}, [(() => {
      const t = new Y.XmlText();
      t.insertEmbed(0, { image: 'https://example.org/x.png' });
      return t;
    })()])), /^a value of the wrong kind in body text$/],
    ['an attribute on body text', intoBody(element(BODY_NODES.paragraph, {}, [(() => {
      const t = text('x');
      t.setAttribute('data-x', 'y');
      return t;
    })()])), /^an attribute on body text$/],
    ['a map in the body', (doc) => bodyFragment(doc).insert(0, [new Y.Map() as unknown as Y.XmlElement]), /^a value of the wrong kind in the body$/],
  ])('%s', (_name, edit, expected) => {
    expect(refusalOf(edit)).toMatch(expected);
  });

  it(`nesting deeper than ${MAX_BODY_DEPTH} levels, and passes it at ${MAX_BODY_DEPTH}`, () => {
    const nested = (levels: number) => (doc: Y.Doc) => {
      let parent: Y.XmlFragment = bodyFragment(doc);
      for (let depth = 1; depth < levels; depth++) {
        const quote = new Y.XmlElement(BODY_NODES.blockquote);
        parent.insert(0, [quote]);
        parent = quote;
      }
      parent.insert(0, [paragraph('deep')]);
    };
    expect(refusalOf(nested(MAX_BODY_DEPTH))).toBeNull();
    expect(refusalOf(nested(MAX_BODY_DEPTH + 1))).toBe(`body nesting deeper than ${MAX_BODY_DEPTH} levels`);
  });

  it('10,000 levels of nesting in one update (without walking them all)', () => {
    const update = change(new Y.Doc(), (doc) => {
      let parent: Y.XmlFragment = bodyFragment(doc);
      for (let depth = 0; depth < 10_000; depth++) {
        const quote = new Y.XmlElement(BODY_NODES.blockquote);
        parent.insert(0, [quote]);
        parent = quote;
      }
    });
    expect(article().mirror.check(update)).toBe(`body nesting deeper than ${MAX_BODY_DEPTH} levels`);
  });

  it('nesting built one level per update, at the level that passes the limit', () => {
    const { mirror, client } = article();
    let parent: Y.XmlFragment = bodyFragment(client);
    for (let depth = 1; depth <= MAX_BODY_DEPTH; depth++) {
      const quote = new Y.XmlElement(BODY_NODES.blockquote);
      mirror.accept(change(client, () => parent.insert(0, [quote])));
      parent = quote;
    }
    const deepest = parent;
    expect(mirror.check(change(client, () => deepest.insert(0, [paragraph('too deep')])))).toBe(`body nesting deeper than ${MAX_BODY_DEPTH} levels`);
  });

  it('writing into an element the schema lacks that the story already holds; deleting it passes', () => {
    const { mirror, client } = article();
    const legacy = change(client, intoBody(element('video', {}, [text('kept')])));
    mirror.storeUnchecked(legacy);
    expect(mirror.check(attempt(client, (doc) => firstText(doc).insert(4, ' more')))).toBe('content inside an element “video”, which the story schema does not have');
    expect(mirror.check(attempt(client, (doc) => (bodyFragment(doc).get(0) as Y.XmlElement).insert(0, [paragraph('x')])))).toBe(
      'content inside an element “video”, which the story schema does not have',
    );
    expect(mirror.check(change(client, (doc) => bodyFragment(doc).delete(0, 1)))).toBeNull();
  });

  it('an insertion placed next to itself', () => {
    // Two items of one client, each placed after the other: Yjs could never integrate them.
    const source = new Y.Doc();
    headlineText(source).insert(0, 'ab');
    headlineText(source).insert(1, 'X'); // a second item, after 'a'
    const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(source));
    const [first, second] = structs.filter((s): s is Y.Item => s instanceof Y.Item && s.content instanceof Y.ContentString && s.length === 1);
    const cyclic = { structs, ds: Y.decodeUpdate(Y.encodeStateAsUpdate(source)).ds };
    for (const [item, other] of [
      [first, second],
      [second, first],
    ]) {
      item.parent = null;
      item.origin = other.id;
      item.rightOrigin = null;
    }
    expect(checkUpdateContent(new Y.Doc(), cyclic, 0)).toBe('an insertion placed next to itself');
  });
});

describe('checkUpdateContent: caps', () => {
  it.each<[string, (doc: Y.Doc) => void, string]>([
    ['headline', (doc) => headlineText(doc).insert(0, 'x'.repeat(FIELD_CAPS.headline + 1)), 'headline over 500 characters'],
    ['headline of 5 MB', (doc) => headlineText(doc).insert(0, 'x'.repeat(5 * 1024 * 1024)), 'headline over 500 characters'],
    ['standfirst', (doc) => standfirstText(doc).insert(0, 'x'.repeat(FIELD_CAPS.standfirst + 1)), 'standfirst over 1,500 characters'],
    ['byline', (doc) => metaMap(doc).set(META_KEYS.byline, 'x'.repeat(FIELD_CAPS.byline + 1)), 'byline over 200 characters'],
    ['slug', (doc) => metaMap(doc).set(META_KEYS.slug, 'x'.repeat(FIELD_CAPS.slug + 1)), 'slug over 100 characters'],
    ['desk', (doc) => metaMap(doc).set(META_KEYS.desk, 'x'.repeat(FIELD_CAPS.desk + 1)), 'desk over 100 characters'],
    ...(['caption', 'credit', 'copyright', 'alt', 'id', 'hash'] as const).map((field): [string, (doc: Y.Doc) => void, string] => [
      `picture ${field}`,
      // Written as a client could (addPicture cuts each field to its cap).
      (doc) => picturesArray(doc).push([new Y.Map([['id', 'p1'], [field, 'x'.repeat(PICTURE_CAPS[field] + 1)]])]),
      `picture ${field} over ${PICTURE_CAPS[field].toLocaleString('en-US')} characters`,
    ]),
    ['a body text block', intoBody(paragraph('x'.repeat(BODY_CAPS.block + 1))), 'a body text block over 150,000 characters'],
  ])('%s', (_name, edit, expected) => {
    expect(refusalOf(edit)).toBe(expected);
  });

  it('refuses the character that passes the cap, typed one at a time', () => {
    const { mirror, client } = article();
    for (let i = 0; i < FIELD_CAPS.headline; i += 50) mirror.accept(change(client, (doc) => headlineText(doc).insert(i, 'y'.repeat(50))));
    expect(mirror.check(attempt(client, (doc) => headlineText(doc).insert(10, 'z')))).toBe('headline over 500 characters');
  });

  it('passes a replace within the cap (delete and insert in one update), also at the cap', () => {
    const { mirror, client } = article((doc) => headlineText(doc).insert(0, 'a'.repeat(FIELD_CAPS.headline)));
    mirror.accept(change(client, (doc) => replaceAll(headlineText(doc), 'b'.repeat(FIELD_CAPS.headline))));
    mirror.accept(change(client, (doc) => {
      headlineText(doc).delete(100, 20);
      headlineText(doc).insert(100, 'c'.repeat(20));
    }));
    expect(headlineText(mirror.doc).length).toBe(FIELD_CAPS.headline);
    expect(mirror.check(attempt(client, (doc) => replaceAll(headlineText(doc), 'd'.repeat(FIELD_CAPS.headline + 1))))).toBe('headline over 500 characters');
  });

  it('counts only what stays of what one update inserts and deletes again', () => {
    const { mirror, client } = article();
    mirror.accept(change(client, (doc) => {
      headlineText(doc).insert(0, 'x'.repeat(600));
      headlineText(doc).delete(0, 200);
    }));
    expect(headlineText(mirror.doc).length).toBe(400);
  });

  it('lets a field stored over its cap shrink, and refuses what would keep it over', () => {
    const { mirror, client } = article();
    mirror.storeUnchecked(change(client, (doc) => headlineText(doc).insert(0, 'o'.repeat(600))));
    mirror.accept(change(client, (doc) => headlineText(doc).delete(0, 50)));
    expect(mirror.check(attempt(client, (doc) => headlineText(doc).insert(0, 'x')))).toBe('headline over 500 characters');
    mirror.accept(change(client, (doc) => {
      headlineText(doc).delete(0, 100);
      headlineText(doc).insert(0, 'new');
    }));
    expect(headlineText(mirror.doc).length).toBe(453);
    // Content the story already has, sent again (a client's whole state), is skipped as Yjs skips it.
    expect(mirror.check(Y.encodeStateAsUpdate(client))).toBeNull();
  });

  it('refuses the body past its cap across blocks, and passes a replace at the cap', () => {
    const block = BODY_CAPS.block - 10_000;
    const blocks = Math.floor(BODY_CAPS.body / block);
    const rest = BODY_CAPS.body - blocks * block;
    const { mirror, client } = article();
    for (let i = 0; i < blocks; i++) mirror.accept(change(client, intoBody(paragraph('w'.repeat(block)))));
    mirror.accept(change(client, intoBody(paragraph('r'.repeat(rest)))));
    expect(mirror.body.value).toBe(BODY_CAPS.body);
    expect(mirror.check(attempt(client, intoBody(paragraph('one more'))))).toBe('the body over 1,000,000 characters');
    mirror.accept(change(client, (doc) => {
      firstText(doc).delete(0, 5);
      firstText(doc).insert(0, 'fives');
    }));
    // Deleting a whole block makes room again.
    mirror.accept(change(client, (doc) => bodyFragment(doc).delete(0, 1)));
    mirror.accept(change(client, intoBody(paragraph('one more'))));
    expect(mirror.body.value).toBe(BODY_CAPS.body - block + 'one more'.length);
  });
});

const replaceAll = (t: Y.Text, value: string) => {
  t.delete(0, t.length);
  t.insert(0, value);
};

// ProseMirror documents of the whole body schema, as the editor would hold them.
const s = bodySchema;
const pmText = (value: string, marks: Mark[] = []) => s.text(value, marks);
const pmP = (...content: PMNode[]) => s.node(BODY_NODES.paragraph, null, content);
const pmHeading = (level: number, value: string) => s.node(BODY_NODES.heading, { level }, [pmText(value)]);
const pmQuote = (...blocks: PMNode[]) => s.node(BODY_NODES.blockquote, null, blocks);
const pmItem = (...blocks: PMNode[]) => s.node(BODY_NODES.listItem, null, blocks);
const pmBullets = (...items: PMNode[]) => s.node(BODY_NODES.bulletList, null, items);
const pmOrdered = (order: number, ...items: PMNode[]) => s.node(BODY_NODES.orderedList, { order }, items);
const pmDoc = (...blocks: PMNode[]) => s.node('doc', null, blocks);
const strong = s.marks[BODY_MARKS.strong].create();
const em = s.marks[BODY_MARKS.em].create();
const link = (href: string) => s.marks[BODY_MARKS.link].create({ href });

// A list nested `levels` deep: each level is a list and an item, so inside a quote 9 levels put the last paragraph at depth 20.
function nestedList(levels: number, leaf: string): PMNode {
  let list = pmBullets(pmItem(pmP(pmText(leaf))));
  for (let level = levels - 1; level > 0; level--) list = pmBullets(pmItem(pmP(pmText(`level ${level}`)), list));
  return list;
}

describe('checkUpdateContent passes what the app writes', () => {
  it('every edit y-prosemirror makes for the full body schema: marks, links, headings, quotes, lists nested to the limit', () => {
    const { mirror, client } = article();
    const fragment = bodyFragment(client);
    const meta = { mapping: new Map(), isOMark: new Map() };
    const steps: PMNode[] = [
      pmDoc(pmP()),
      pmDoc(pmP(pmText('Plain'))),
      pmDoc(
        pmHeading(2, 'Title'),
        pmP(pmText('Plain '), pmText('bold', [strong]), pmText(' and '), pmText('both', [strong, em]), pmText(' with a '), pmText('link', [link('https://example.org/a')])),
        pmQuote(pmP(pmText('Quoted')), pmP(pmText('twice'))),
        pmBullets(pmItem(pmP(pmText('one')), pmOrdered(3, pmItem(pmP(pmText('nested'))))), pmItem(pmP(pmText('two')))),
        pmHeading(3, 'Sub'),
        pmHeading(4, 'Subsub'),
      ),
      // heading level changed, bold removed, italic added, link retargeted, a block split
      pmDoc(
        pmHeading(3, 'Title'),
        pmP(pmText('Plain bold and '), pmText('both', [em]), pmText(' with a '), pmText('link', [link('mailto:desk@example.org')])),
        pmP(pmText('split off')),
        pmQuote(pmP(pmText('Quoted'))),
        pmOrdered(1, pmItem(pmP(pmText('one'))), pmItem(pmP(pmText('two')))),
        pmHeading(2, 'Sub'),
      ),
      // lists nested to the deepest the schema allows, inside a quote
      pmDoc(pmHeading(3, 'Title'), pmQuote(nestedList(Math.floor((MAX_BODY_DEPTH - 2) / 2), 'deepest'))),
      // everything deleted but one empty paragraph
      pmDoc(pmP()),
    ];
    for (const next of steps) mirror.accept(change(client, () => updateYFragment(client, fragment, next, meta)));
    expect(bodyFragment(mirror.doc).toString()).toBe(fragment.toString());
  });

  it('pictures and meta as the app writes them', () => {
    const { mirror, client } = article();
    mirror.accept(change(client, (doc) => addPicture(doc, { id: 'p1', credit: 'From the file' })));
    mirror.accept(change(client, (doc) => setPictureImage(doc, 'p1', { hash: 'a'.repeat(64), credit: 'x', copyright: '© Agency' })));
    mirror.accept(change(client, (doc) => pictureMap(doc, 'p1')!.set('caption', 'c'.repeat(PICTURE_CAPS.caption))));
    mirror.accept(change(client, (doc) => {
      metaMap(doc).set(META_KEYS.byline, 'By Ana');
      metaMap(doc).set(META_KEYS.desk, 'News');
      metaMap(doc).set(META_KEYS.slug, 'budget-vote');
      metaMap(doc).set(META_KEYS.tags, ['politics', 'budget']);
      metaMap(doc).set('wordTarget', { min: 400, max: 800, notes: ['short'] });
    }));
    mirror.accept(change(client, (doc) => picturesArray(doc).delete(0, 1)));
  });

  itWithSharedData('a real story from ../shared/samples imported from text', [SAMPLE_ARTICLE], () => {
    const { mirror, client } = article((doc) => bodyFragment(doc).insert(0, [paragraph('')]));
    let n = 0;
    mirror.accept(change(client, (doc) => importArticleIntoDoc(doc, parseArticleText(readFileSync(SAMPLE_ARTICLE, 'utf8')), () => `pic-${++n}`)));
    expect(mirror.body.value).toBeGreaterThan(1000);
  });

  // seph-blog1 (a blog post) whole; of automerge-paper (a 105,000-character paper, where Yjs's own
  // editing of one long text dominates the time) its first 60,000 keystrokes.
  describe.each([
    ['seph-blog1', Infinity],
    ['automerge-paper', 60_000],
  ])('the real keystroke trace %s replayed into a body paragraph', (name, keystrokes) => {
    const file = traceFile(name);
    const which = keystrokes === Infinity ? 'every keystroke' : `each of its first ${keystrokes.toLocaleString('en-US')} keystrokes`;
    itWithSharedData(`passes ${which}`, [file], () => {
      const trace = loadTrace<{ txns: { patches: Patch[] }[]; endContent: string }>(name);
      const { mirror, client } = article((doc) => bodyFragment(doc).insert(0, [paragraph('')]));
      const txns = trace.txns.slice(0, keystrokes);
      for (const { patches } of txns) {
        const update = change(client, (doc) => {
          for (const [pos, del, ins] of patches) {
            if (del > 0) firstText(doc).delete(pos, del);
            if (ins) firstText(doc).insert(pos, ins);
          }
        });
        const refused = mirror.check(update);
        if (refused) throw new Error(`refused a keystroke of ${name}: ${refused}`);
        Y.applyUpdate(mirror.doc, update);
      }
      expect(firstText(mirror.doc).toString()).toBe(firstText(client).toString());
      if (txns.length === trace.txns.length) expect(firstText(mirror.doc).toString()).toBe(trace.endContent);
      expect(mirror.body.value).toBe(firstText(client).length);
    }, 180_000);
  });

  describe.each(['friendsforever', 'clownschool'])('the real concurrent trace %s, one client per author', (name) => {
    const file = traceFile(name);
    itWithSharedData('passes every transaction, in the order they reach the server', [file], async () => {
      const trace = loadTrace<ConcurrentTrace>(name);
      const mirror = new Mirror();
      const base = Y.encodeStateAsUpdate(newArticleDoc());
      mirror.accept(base);
      await replayConcurrent(trace, base, firstText, (_agent, update) => {
        const refused = mirror.check(update);
        if (refused) throw new Error(`refused a transaction of ${name}: ${refused}`);
        Y.applyUpdate(mirror.doc, update);
      });
      expect(firstText(mirror.doc).toString()).toBe(trace.endContent);
      expect(mirror.body.value).toBe(trace.endContent.length);
    }, 120_000);
  });
});

describe('body rules', () => {
  it('have a value check for every attribute of every body element', () => {
    const attrs = Object.values(bodySchema.nodes).flatMap((type) => Object.keys(type.spec.attrs ?? {}));
    expect(attrs.length).toBeGreaterThan(0);
    for (const attr of attrs) expect(ATTRIBUTE_VALUES[attr], attr).toBeTypeOf('function');
  });
});
