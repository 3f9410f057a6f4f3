// Find and replace in the body: a ProseMirror plugin that keeps the matches of the query as the
// document changes (anyone's typing) and highlights them (decorations: `find-match`, and
// `find-current` on the one shown), and the body's side of find and replace for the find bar.
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { findInDoc, type FindQuery, type TextRange } from './find-matches.ts';

interface FindState {
  query: FindQuery | null;
  matches: TextRange[];
  /** The index of the match shown, or -1. */
  current: number;
  decorations: DecorationSet;
}

type FindMeta = { query: FindQuery | null } | { current: number };

const findKey = new PluginKey<FindState>('find');

function withMatches(state: EditorState, query: FindQuery | null, current: number): FindState {
  const matches = query ? findInDoc(state.doc, query) : [];
  const shown = current < matches.length ? current : -1;
  const decorations = DecorationSet.create(
    state.doc,
    matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === shown ? 'find-match find-current' : 'find-match' })),
  );
  return { query, matches, current: shown, decorations };
}

/** The body's find plugin (register it once in the body editor). */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => ({ query: null, matches: [], current: -1, decorations: DecorationSet.empty }),
      apply(tr, previous, _old, state) {
        const meta = tr.getMeta(findKey) as FindMeta | undefined;
        if (meta && 'query' in meta) return withMatches(state, meta.query, -1);
        if (meta) return { ...previous, current: meta.current, decorations: withMatches(state, previous.query, meta.current).decorations };
        return tr.docChanged && previous.query ? withMatches(state, previous.query, previous.current) : previous;
      },
    },
    props: { decorations: (state) => findKey.getState(state)?.decorations },
  });
}

/** The body's side of find and replace. */
export interface BodyFind {
  /** Looks for `query` (null: stops looking); matches() then has them. */
  search(query: FindQuery | null): void;
  /** The matches of the query now (the document may have changed since search). */
  matches(): TextRange[];
  /** Highlights match `index` as the one shown and scrolls it into view (-1: none). */
  show(index: number): void;
  /** Replaces `ranges` (matches of now) with `replacement` in one ProseMirror transaction, keeping each range's marks. */
  replace(ranges: readonly TextRange[], replacement: string): void;
}

/** Find and replace for the body editor `view` (which has findPlugin). */
export function bodyFind(view: EditorView): BodyFind {
  const state = () => findKey.getState(view.state)!;
  return {
    search(query) {
      view.dispatch(view.state.tr.setMeta(findKey, { query } satisfies FindMeta));
    },
    matches: () => state().matches,
    show(index) {
      view.dispatch(view.state.tr.setMeta(findKey, { current: index } satisfies FindMeta));
      view.dom.querySelector('.find-current')?.scrollIntoView({ block: 'center' });
    },
    replace(ranges, replacement) {
      const { tr, schema } = view.state;
      // Last first, so that the positions of those before stay right.
      for (const { from, to } of [...ranges].sort((a, b) => b.from - a.from)) {
        const marks = tr.doc.resolve(from).marksAcross(tr.doc.resolve(to)) ?? [];
        if (replacement === '') tr.delete(from, to);
        else tr.replaceWith(from, to, schema.text(replacement, marks));
      }
      if (tr.docChanged) view.dispatch(tr);
    },
  };
}
