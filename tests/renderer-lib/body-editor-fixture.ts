// The real body editor (ProseMirror and y-prosemirror) mounted in jsdom for the renderer-lib
// tests, one way for all of them. jsdom lays nothing out, so ranges answer with empty rectangles
// (ProseMirror and y-prosemirror ask where the caret is); every editor mounted in a test is
// destroyed, and the page emptied, after it.
import { afterEach } from 'vitest';
import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment } from '../../model/article-schema.ts';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import { createBodyEditor, type BodyEditor } from '../../renderer/src/lib/body-editor.ts';

/** What createBodyEditor takes. */
export type BodyEditorOptions = Parameters<typeof createBodyEditor>[1];

const NO_RECT = { top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0, x: 0, y: 0, toJSON: () => ({}) };

/** What a test file gets from bodyEditorFixture. */
export interface BodyEditorFixture {
  /** The body editor on `doc`'s body as a test user (its own undo manager and awareness, no-op callbacks; `options` override any of them). */
  mountEditor: (doc: Y.Doc, options?: Partial<BodyEditorOptions>) => { editor: BodyEditor; mount: HTMLElement };
  /** Runs `cleanup` after the test, with the editors' own. */
  defer: (cleanup: () => void) => void;
}

/** Call once at the top of a test file: stubs layout and registers the clean-up after each test. */
export function bodyEditorFixture(): BodyEditorFixture {
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => NO_RECT;
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    document.body.replaceChildren();
  });
  const mountEditor: BodyEditorFixture['mountEditor'] = (doc, options = {}) => {
    const mount = document.createElement('div');
    document.body.append(mount);
    const own = options.undoManager ? null : new ArticleUndo(doc);
    const editor = createBodyEditor(mount, {
      fragment: bodyFragment(doc),
      author: { id: 'user-test', name: 'Tester' },
      awareness: new Awareness(doc),
      editable: true,
      onState: () => undefined,
      onFocusChange: () => undefined,
      onLimit: () => undefined,
      onLinkRequest: () => undefined,
      ...options,
      undoManager: options.undoManager ?? (own as ArticleUndo),
    });
    cleanups.push(() => {
      editor.destroy();
      own?.close();
    });
    return { editor, mount };
  };
  return { mountEditor, defer: (cleanup) => void cleanups.push(cleanup) };
}
