// The body editor's caps (renderer/src/lib/body-limits.ts): a local edit past a text block's or
// the body's cap, or nesting deeper than the schema allows, is not made; deleting always is, and
// remote changes are never stopped.
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { sinkListItem } from 'prosemirror-schema-list';
import { ySyncPluginKey } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import { BODY_CAPS, MAX_BODY_DEPTH } from '../../model/article-limits.ts';
import { BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { bodyLimitProblem } from '../../renderer/src/lib/body-limits.ts';

const s = bodySchema;
const p = (text = '') => s.node(BODY_NODES.paragraph, null, text ? [s.text(text)] : []);
const item = (...blocks: PMNode[]) => s.node(BODY_NODES.listItem, null, blocks);
const list = (...items: PMNode[]) => s.node(BODY_NODES.bulletList, null, items);
const doc = (...blocks: PMNode[]) => s.node('doc', null, blocks);
const stateOf = (content: PMNode) => EditorState.create({ schema: s, doc: content });

// A list `levels` deep whose innermost item holds `leaf`, followed by a sibling item to sink.
function nested(levels: number): PMNode {
  let inner = list(item(p('leaf')), item(p('sibling')));
  for (let level = 1; level < levels; level++) inner = list(item(p(`level ${level}`), inner));
  return doc(inner);
}

describe('bodyLimitProblem', () => {
  it('lets typing, splitting and deleting through', () => {
    const state = stateOf(doc(p('Hello')));
    expect(bodyLimitProblem(state.tr.insertText(' world', 6))).toBeNull();
    expect(bodyLimitProblem(state.tr.split(3))).toBeNull();
    expect(bodyLimitProblem(state.tr.delete(1, 3))).toBeNull();
    expect(bodyLimitProblem(state.tr.setSelection(TextSelection.create(state.doc, 2)))).toBeNull();
  });

  it('stops a paragraph past its cap, and a paste that would make one', () => {
    const full = stateOf(doc(p('x'.repeat(BODY_CAPS.block)), p('next')));
    expect(bodyLimitProblem(full.tr.insertText('y', 5))).toBe('A paragraph holds at most 150,000 characters.');
    // A replace within the cap is fine.
    expect(bodyLimitProblem(full.tr.insertText('abc', 2, 5))).toBeNull();
    const empty = stateOf(doc(p()));
    expect(bodyLimitProblem(empty.tr.insertText('z'.repeat(BODY_CAPS.block + 1), 1))).toMatch(/at most 150,000/);
  });

  it('lets a paragraph stored over its cap shrink, but not grow', () => {
    const over = stateOf(doc(p('o'.repeat(BODY_CAPS.block + 10))));
    expect(bodyLimitProblem(over.tr.delete(1, 100))).toBeNull();
    expect(bodyLimitProblem(over.tr.insertText('!', 1))).toMatch(/at most/);
  });

  it(`stops sinking a list item deeper than ${MAX_BODY_DEPTH} levels, and lets it at the limit`, () => {
    const sink = (levels: number) => {
      const state = stateOf(nested(levels));
      let siblingAt = -1;
      state.doc.descendants((node, pos) => {
        if (node.isText && node.text === 'sibling') siblingAt = pos;
      });
      const at = state.apply(state.tr.setSelection(TextSelection.create(state.doc, siblingAt + 1)));
      let problem: string | null | undefined;
      sinkListItem(s.nodes[BODY_NODES.listItem])(at, (tr) => (problem = bodyLimitProblem(tr)));
      return problem;
    };
    // n levels put the innermost items' paragraphs at depth 2n + 1; sinking one adds a list and an item.
    const deepestAllowed = Math.floor((MAX_BODY_DEPTH - 3) / 2);
    expect(sink(deepestAllowed)).toBeNull();
    expect(sink(deepestAllowed + 1)).toBe(`Lists and quotes nest at most ${MAX_BODY_DEPTH} levels deep.`);
  });

  it('stops a paste nested deeper than the limit', () => {
    const state = stateOf(doc(p('start')));
    expect(bodyLimitProblem(state.tr.replaceWith(0, state.doc.content.size, nested(MAX_BODY_DEPTH).content))).toMatch(/nest at most/);
  });

  it('stops the body past its cap', () => {
    const block = BODY_CAPS.block - 1_000;
    const blocks = Array.from({ length: Math.ceil(BODY_CAPS.body / block) - 1 }, () => p('w'.repeat(block)));
    const nearly = stateOf(doc(...blocks, p('w'.repeat(BODY_CAPS.body - blocks.length * block))));
    expect(nearly.doc.textContent.length).toBe(BODY_CAPS.body);
    expect(bodyLimitProblem(nearly.tr.insertText('!', 1))).toBe("A story's body holds at most 1,000,000 characters.");
    expect(bodyLimitProblem(nearly.tr.insertText('!', 1, 2))).toBeNull();
  });

  it('never stops a change from another client', () => {
    const state = stateOf(doc(p()));
    const remote = state.tr.insertText('z'.repeat(BODY_CAPS.block + 1), 1).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(bodyLimitProblem(remote)).toBeNull();
  });
});
