// Two people typing at one spot keep their words whole, as in Google Docs: the real body editor
// (ProseMirror and y-prosemirror with lib/same-spot-typing.ts), the headline and standfirst
// bindings and a map field's binding, each on its own Y.Doc, with every keystroke delivered to
// the other before the next (as a server relays them) or typed at the same time by both.
// Keys reach the editor as in a browser: the text node changes and ProseMirror reads the change.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, META_KEYS, metaMap, standfirstText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { type BodyEditor } from '../../renderer/src/lib/body-editor.ts';
import { bodyEditorFixture } from './body-editor-fixture.ts';
import { bindMapString, bindText } from '../../renderer/src/lib/text-binding.ts';

const { mountEditor, defer } = bodyEditorFixture();

/** Ana's and Ben's documents, with what each sends the other held until `deliver`. */
function twoPeople(setup: (doc: Y.Doc) => void) {
  const ana = new Y.Doc();
  const ben = new Y.Doc();
  setup(ana);
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
  const outbox = new Map<Y.Doc, Uint8Array[]>([
    [ana, []],
    [ben, []],
  ]);
  for (const doc of [ana, ben]) doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'network' && outbox.get(doc)!.push(update));
  const deliver = () => {
    for (const update of outbox.get(ana)!.splice(0)) Y.applyUpdate(ben, update, 'network');
    for (const update of outbox.get(ben)!.splice(0)) Y.applyUpdate(ana, update, 'network');
  };
  return { ana, ben, deliver };
}

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Puts the editor's caret `offset` characters into `block` (at the end of a text node where two meet). */
async function putCaret(editor: BodyEditor, block: Element, offset: number) {
  editor.focus();
  const texts = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let left = offset;
  let node = texts.nextNode() as Text;
  while (left > node.length) {
    left -= node.length;
    node = texts.nextNode() as Text;
  }
  document.getSelection()!.collapse(node, left);
  await macrotask(); // ProseMirror reads the new DOM selection into its state
}

/** A mounted body editor that can be typed into. */
interface Screen {
  editor: BodyEditor;
  mount: HTMLElement;
  /** Types one key at the caret. */
  type(key: string): Promise<void>;
  /** The text of paragraph `n`, as shown. */
  paragraph(n: number): string;
}

/** The body editor on `doc`, its caret at `offset` in paragraph `n`. */
async function bodyScreen(doc: Y.Doc, n: number, offset: number): Promise<Screen> {
  const { editor, mount } = mountEditor(doc);
  await putCaret(editor, mount.querySelectorAll('p')[n], offset);
  return {
    editor,
    mount,
    async type(key) {
      // The other window's editor may have had the focus: ProseMirror puts its own caret back in the DOM.
      editor.focus();
      await macrotask();
      const selection = document.getSelection()!;
      let node = selection.focusNode!;
      let offset = selection.focusOffset;
      if (node.nodeType !== Node.TEXT_NODE) {
        // Between nodes (the start or end of a block): type into the text node next to the caret.
        const next = node.childNodes[offset];
        node = next?.nodeType === Node.TEXT_NODE ? next : node.childNodes[offset - 1];
        offset = node === next ? 0 : (node as Text).length;
      }
      const text = node as Text;
      text.data = text.data.slice(0, offset) + key + text.data.slice(offset);
      selection.collapse(text, offset + key.length);
      await macrotask(); // ProseMirror's DOM observer turns the change into a transaction
    },
    paragraph: (i) => mount.querySelectorAll('p')[i].textContent ?? '',
  };
}

/** Types `words[0]` on `screens[0]` and `words[1]` on `screens[1]`, key by key in turn; each key reaches the other before the next unless `together`. */
async function typeInTurn(screens: { type(key: string): void | Promise<void> }[], words: string[], deliver: () => void, together: boolean) {
  for (let i = 0; i < Math.max(...words.map((w) => w.length)); i++) {
    for (const [who, screen] of screens.entries()) {
      if (i < words[who].length) await screen.type(words[who][i]);
      if (!together) deliver();
    }
    deliver();
  }
}

// Words the issue saw interleaved ("BABABA--abnean--ABABAB"), and words whose letters repeat the
// other's first letter, which the editors recorded after the colleague's letter.
const WORD_PAIRS = [
  ['AAA-ana-AAA', 'BBB-ben-BBB'],
  ['note', 'nine'],
  ['bob', 'bill'],
];

/** `text` is `before`, then both words whole in either order, then `after`. */
const expectWordsWhole = (text: string, before: string, words: string[], after: string) =>
  expect([`${before}${words[0]}${words[1]}${after}`, `${before}${words[1]}${words[0]}${after}`]).toContain(text);

describe('same-spot typing in the body', () => {
  for (const words of WORD_PAIRS) {
    for (const together of [false, true]) {
      it(`keeps "${words[0]}" and "${words[1]}" whole, typed at one caret ${together ? 'at the same time' : 'key by key in turn'}`, async () => {
        const { ana, ben, deliver } = twoPeople((doc) => appendParagraphs(doc, ['The bridge reopened today.']));
        const screens = [await bodyScreen(ana, 0, 'The bridge '.length), await bodyScreen(ben, 0, 'The bridge '.length)];
        await typeInTurn(screens, words, deliver, together);
        for (const screen of screens) expectWordsWhole(screen.paragraph(0), 'The bridge ', words, 'reopened today.');
        expect(screens[0].paragraph(0)).toBe(screens[1].paragraph(0));
        expect(bodyFragment(ana).toString()).toBe(bodyFragment(ben).toString());
      });
    }
  }

  it('keeps words whole at the start of a block', async () => {
    const { ana, ben, deliver } = twoPeople((doc) => appendParagraphs(doc, ['First.', 'Second.']));
    const screens = [await bodyScreen(ana, 1, 0), await bodyScreen(ben, 1, 0)];
    await typeInTurn(screens, ['AAA-ana ', 'BBB-ben '], deliver, false);
    for (const screen of screens) {
      expectWordsWhole(screen.paragraph(1), '', ['AAA-ana ', 'BBB-ben '], 'Second.');
      expect(screen.paragraph(0)).toBe('First.');
    }
  });

  it('undoes and redoes only one’s own word, and typing goes on after the redone word', async () => {
    const { ana, ben, deliver } = twoPeople((doc) => appendParagraphs(doc, ['The bridge reopened.']));
    const [anaScreen, benScreen] = [await bodyScreen(ana, 0, 11), await bodyScreen(ben, 0, 11)];
    await typeInTurn([anaScreen, benScreen], ['AAA-ana ', 'BBB-ben '], deliver, false);
    const both = anaScreen.paragraph(0);
    expectWordsWhole(both, 'The bridge ', ['AAA-ana ', 'BBB-ben '], 'reopened.');

    anaScreen.editor.run('undo');
    deliver();
    for (const screen of [anaScreen, benScreen]) expect(screen.paragraph(0)).toBe('The bridge BBB-ben reopened.');
    anaScreen.editor.run('redo');
    deliver();
    for (const screen of [anaScreen, benScreen]) expect(screen.paragraph(0)).toBe(both);
    // Ana's caret is after her word again; Ben's after his.
    await typeInTurn([anaScreen, benScreen], ['ana', 'ben'], deliver, false);
    for (const screen of [anaScreen, benScreen]) expectWordsWhole(screen.paragraph(0), 'The bridge ', ['AAA-ana ana', 'BBB-ben ben'], 'reopened.');
  });

  it('keeps the caret where it was when a colleague deletes the letter before it', async () => {
    const { ana, ben, deliver } = twoPeople((doc) => appendParagraphs(doc, ['The bridge reopened.']));
    const [anaScreen, benScreen] = [await bodyScreen(ana, 0, 'The bridge'.length), await bodyScreen(ben, 0, 0)];
    ((bodyFragment(ben).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete('The bridg'.length, 1);
    deliver();
    await anaScreen.type('s');
    deliver();
    for (const screen of [anaScreen, benScreen]) expect(screen.paragraph(0)).toBe('The bridgs reopened.');
  });

  it('types into bold text and after a link as ProseMirror says: bold goes on, the link does not', async () => {
    const { ana, ben, deliver } = twoPeople((doc) => {
      appendParagraphs(doc, ['Bold and link.']);
      const text = (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.format(0, 4, { strong: {} });
      text.format(9, 4, { link: { href: 'https://example.com/' } });
    });
    const [anaScreen, benScreen] = [await bodyScreen(ana, 0, 4), await bodyScreen(ben, 0, 0)];
    for (const key of 'er') await anaScreen.type(key);
    // Right after the link ("Bolder and link|.").
    await putCaret(anaScreen.editor, anaScreen.mount.querySelector('p')!, 'Bolder and link'.length);
    await anaScreen.type('s');
    deliver();
    for (const doc of [ana, ben]) {
      expect((bodyFragment(doc).get(0) as Y.XmlElement).get(0).toString()).toBe('<strong>Bolder</strong> and <link href="https://example.com/">link</link>s.');
    }
    expect(benScreen.mount.querySelector('strong')!.textContent).toBe('Bolder');
    expect(benScreen.mount.querySelector('a')!.textContent).toBe('link');
  });
});

/** A plain field in a frame of its own (each person's window has its own focus), bound as the app binds it. */
function fieldScreen(bind: (field: HTMLInputElement | HTMLTextAreaElement) => () => void, tag: 'input' | 'textarea', caret: number) {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const field = frame.contentDocument!.createElement(tag);
  frame.contentDocument!.body.append(field);
  defer(bind(field));
  field.focus();
  field.setSelectionRange(caret, caret);
  return {
    field,
    // As a browser types: the value changes, the caret sits after the key, an input event fires.
    type(key: string) {
      const at = field.selectionStart!;
      field.value = field.value.slice(0, at) + key + field.value.slice(field.selectionEnd!);
      field.setSelectionRange(at + key.length, at + key.length);
      field.dispatchEvent(new Event('input'));
    },
  };
}

describe('same-spot typing in the plain fields', () => {
  for (const words of WORD_PAIRS) {
    for (const together of [false, true]) {
      it(`keeps "${words[0]}" and "${words[1]}" whole in the headline and the standfirst, typed ${together ? 'at the same time' : 'key by key in turn'}`, async () => {
        for (const [text, singleLine] of [[headlineText, true], [standfirstText, false]] as const) {
          const { ana, ben, deliver } = twoPeople((doc) => text(doc).insert(0, 'Bridge reopens today'));
          const screens = [ana, ben].map((doc) => fieldScreen((field) => bindText(field, text(doc), { singleLine }), 'textarea', 'Bridge '.length));
          await typeInTurn(screens, words, deliver, together);
          for (const { field } of screens) expectWordsWhole(field.value, 'Bridge ', words, 'reopens today');
          expect(text(ana).toString()).toBe(text(ben).toString());
          expect(screens[0].field.value).toBe(text(ana).toString());
        }
      });
    }
  }

  it('keeps words whole in a byline (a plain value: each key sends it whole), typed key by key in turn', async () => {
    for (const words of WORD_PAIRS) {
      const { ana, ben, deliver } = twoPeople((doc) => metaMap(doc).set(META_KEYS.byline, 'By  and'));
      const screens = [ana, ben].map((doc) => fieldScreen((field) => bindMapString(field, metaMap(doc), META_KEYS.byline), 'input', 3));
      await typeInTurn(screens, words, deliver, false);
      for (const { field } of screens) expectWordsWhole(field.value, 'By ', words, ' and');
    }
  });
});
