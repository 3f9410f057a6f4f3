// The body editor and a body it cannot show (stored before documents were checked): an element
// or mark the schema lacks is never handed to y-prosemirror, which would delete it from the shared
// document; the body is shown read-only with a message instead, whether it was there when the
// story opened or arrives later. A heading level out of range is simply shown clamped.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import BodyEditor from '../../renderer/src/components/BodyEditor.svelte';

const element = (name: string, attrs: Record<string, unknown>, content: string) => {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  const text = new Y.XmlText();
  text.insert(0, content);
  el.insert(0, [text]);
  return el;
};

function mount(doc: Y.Doc) {
  return render(BodyEditor, { fragment: bodyFragment(doc), author: { id: 'user-ana', name: 'Ana' }, awareness: new Awareness(doc), undoManager: new ArticleUndo(doc), readOnly: false, typing: [], onfocuschange: vi.fn() });
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('BodyEditor with a body it cannot show', () => {
  it('edits a body of the schema, showing a heading level out of range clamped', async () => {
    const doc = new Y.Doc();
    bodyFragment(doc).insert(0, [createParagraph('Plain words'), element(BODY_NODES.heading, { level: 99 }, 'Clamped')]);
    const { container } = mount(doc);
    await tick();
    expect(screen.getByRole('textbox', { name: 'Body' }).textContent).toContain('Plain words');
    expect(container.querySelector('h4')?.textContent).toBe('Clamped');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bodyFragment(doc).length).toBe(2);
  });

  it('shows a stored body with an element the schema lacks read-only, and deletes nothing', async () => {
    const doc = new Y.Doc();
    bodyFragment(doc).insert(0, [createParagraph('Before'), element('video', { src: 'x' }, 'inside a video'), createParagraph('After')]);
    const before = bodyFragment(doc).toString();
    mount(doc);
    await tick();
    expect(screen.getByRole('alert').textContent).toContain('an element “video” the body schema does not have');
    expect(screen.queryByRole('textbox', { name: 'Body' })).toBeNull();
    expect(screen.getByLabelText('Body (read-only)').textContent).toContain('inside a video');
    expect(bodyFragment(doc).toString()).toBe(before);
  });

  it('switches to read-only when such content arrives while editing, before y-prosemirror can delete it', async () => {
    const doc = new Y.Doc();
    bodyFragment(doc).insert(0, [createParagraph('Typed here')]);
    mount(doc);
    await tick();
    expect(screen.getByRole('textbox', { name: 'Body' })).toBeTruthy();

    // From the server: an old story's content, with a mark the schema lacks.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const underlined = new Y.XmlText();
    underlined.insert(0, 'underlined words', { underline: {} });
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    paragraph.insert(0, [underlined]);
    bodyFragment(remote).insert(1, [paragraph]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'remote');
    await tick();

    expect(screen.getByRole('alert').textContent).toContain('a mark “underline” the body schema does not have');
    expect(bodyFragment(doc).toString()).toBe(bodyFragment(remote).toString());
    expect(screen.getByLabelText('Body (read-only)').textContent).toContain('underlined words');
  });
});
