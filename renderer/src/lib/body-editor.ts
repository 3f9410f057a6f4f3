// The story body: a ProseMirror editor bound to the document's Y.XmlFragment through
// y-prosemirror, with collaborators' cursors, undo that only undoes this user's changes,
// the usual shortcuts, the commands the toolbar runs, and the body's caps (body-limits.ts).
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { EditorState, Plugin, type Command, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { inputRules, textblockTypeInputRule, wrappingInputRule } from 'prosemirror-inputrules';
import type { MarkType, Node as PMNode, NodeType } from 'prosemirror-model';
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin, yUndoPluginKey } from 'y-prosemirror';
import { MAX_HREF_LENGTH } from '../../../model/article-limits.ts';
import { BODY_MARKS, BODY_NODES, bodySchema, isSafeHref } from '../../../model/body-schema.ts';
import { isDrawableCaretState, presenceName } from '../../../model/presence.ts';
import { labelInk, userColor } from '../../../model/user-colors.ts';
import { bodyLimitProblem } from './body-limits.ts';
import { BODY_KEYS } from './body-shortcuts.ts';
import { bodyFind, findPlugin, type BodyFind } from './find-plugin.ts';
import { bindComments, commentPlugin, commentTarget } from './comment-plugin.svelte.ts';
import { commentThreadsOf, type CommentTarget } from './comment-threads.svelte.ts';
import { scrollOncePerFrame } from './remote-scroll.ts';
import { sameSpotTyping } from './same-spot-typing.ts';
import { smartQuotesPlugins } from './smart-quotes.ts';
import { isSuggesting, openSuggestions, resolveSuggestions, setSuggesting, suggestModePlugin, suggestTransaction, type OpenSuggestion, type SuggestAuthor, type SuggestionScope } from './suggest-mode.ts';

/** What the toolbar shows as active or available. */
export interface ToolbarState {
  strong: boolean;
  em: boolean;
  link: string | null;
  heading2: boolean;
  heading3: boolean;
  blockquote: boolean;
  bulletList: boolean;
  orderedList: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Suggestion mode is on: edits are suggested, not made. */
  suggesting: boolean;
  /** The selection is in an internal note (model/notes.ts). */
  note: boolean;
}

/** Commands the toolbar can run. */
export type BodyCommand = 'strong' | 'em' | 'heading2' | 'heading3' | 'blockquote' | 'bulletList' | 'orderedList' | 'undo' | 'redo' | 'suggest' | 'note';

/** A mounted body editor. */
export interface BodyEditor {
  run(command: BodyCommand): void;
  /** Links the selection to `href` (null removes the link). */
  setLink(href: string | null): void;
  focus(): void;
  /** Find and replace in the body. */
  find: BodyFind;
  /** Accepts (true) or rejects the suggestions in `scope`: a plain edit everyone sees. */
  settle(scope: SuggestionScope, accept: boolean): void;
  /** The selection as something to comment on, or null when none is made. */
  commentTarget(): CommentTarget | null;
  destroy(): void;
}

const nodes = bodySchema.nodes;
const marks = bodySchema.marks;

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  return empty ? !!type.isInSet(state.storedMarks ?? $from.marks()) : state.doc.rangeHasMark(from, to, type);
}

function ancestorOf(state: EditorState, type: NodeType, attrs?: Record<string, unknown>): boolean {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type === type && (!attrs || Object.entries(attrs).every(([k, v]) => node.attrs[k] === v))) return true;
  }
  return false;
}

function linkHref(state: EditorState): string | null {
  const link = marks[BODY_MARKS.link];
  const found = (state.storedMarks ?? state.selection.$from.marks()).find((m) => m.type === link);
  return found ? (found.attrs.href as string) : null;
}

/** The toolbar's view of an editor state. */
export function toolbarState(state: EditorState): ToolbarState {
  const undoManager = yUndoPluginKey.getState(state)?.undoManager as { undoStack: unknown[]; redoStack: unknown[] } | undefined;
  return {
    strong: markActive(state, marks[BODY_MARKS.strong]),
    em: markActive(state, marks[BODY_MARKS.em]),
    link: linkHref(state),
    heading2: ancestorOf(state, nodes[BODY_NODES.heading], { level: 2 }),
    heading3: ancestorOf(state, nodes[BODY_NODES.heading], { level: 3 }),
    blockquote: ancestorOf(state, nodes[BODY_NODES.blockquote]),
    bulletList: ancestorOf(state, nodes[BODY_NODES.bulletList]),
    orderedList: ancestorOf(state, nodes[BODY_NODES.orderedList]),
    canUndo: (undoManager?.undoStack.length ?? 0) > 0,
    canRedo: (undoManager?.redoStack.length ?? 0) > 0,
    suggesting: isSuggesting(state),
    note: markActive(state, marks[BODY_MARKS.note]),
  };
}

const toggleHeading = (level: number): Command => (state, dispatch) =>
  ancestorOf(state, nodes[BODY_NODES.heading], { level })
    ? setBlockType(nodes[BODY_NODES.paragraph])(state, dispatch)
    : setBlockType(nodes[BODY_NODES.heading], { level })(state, dispatch);

const toggleWrap = (type: NodeType): Command => (state, dispatch) => (ancestorOf(state, type) ? lift(state, dispatch) : wrapIn(type)(state, dispatch));

const toggleList = (type: NodeType): Command => (state, dispatch) =>
  ancestorOf(state, type) ? liftListItem(nodes[BODY_NODES.listItem])(state, dispatch) : wrapInList(type)(state, dispatch);

/**
 * Marks the selection as a note by `author` (now), or turns the note in it back into text. The
 * author is the person signed in, as this window's presence names them; without one (no presence
 * yet) nothing happens.
 */
const toggleNote = (author: () => { id: string; name: string } | null): Command => (state, dispatch) => {
  const who = author();
  if (!who) return false;
  return toggleMark(marks[BODY_MARKS.note], { author: who.id, name: who.name, at: Date.now() })(state, dispatch);
};

// This window's user, from its presence state (article-session.svelte.ts sets it before the editor mounts).
function presenceAuthor(awareness: Awareness): { id: string; name: string } | null {
  const user = (awareness.getLocalState() as { user?: { id?: unknown; name?: unknown } } | null)?.user;
  return typeof user?.id === 'string' && typeof user.name === 'string' && user.name.trim() !== '' ? { id: user.id, name: user.name } : null;
}

const COMMANDS: Record<Exclude<BodyCommand, 'note'>, Command> = {
  strong: toggleMark(marks[BODY_MARKS.strong]),
  em: toggleMark(marks[BODY_MARKS.em]),
  heading2: toggleHeading(2),
  heading3: toggleHeading(3),
  blockquote: toggleWrap(nodes[BODY_NODES.blockquote]),
  bulletList: toggleList(nodes[BODY_NODES.bulletList]),
  orderedList: toggleList(nodes[BODY_NODES.orderedList]),
  undo,
  redo,
  suggest: setSuggesting(),
};

// Markdown-like shortcuts journalists already type: "## ", "> ", "- ", "1. ".
const shortcuts = inputRules({
  rules: [
    textblockTypeInputRule(/^##\s$/, nodes[BODY_NODES.heading], { level: 2 }),
    textblockTypeInputRule(/^###\s$/, nodes[BODY_NODES.heading], { level: 3 }),
    wrappingInputRule(/^>\s$/, nodes[BODY_NODES.blockquote]),
    wrappingInputRule(/^[-*]\s$/, nodes[BODY_NODES.bulletList]),
    wrappingInputRule(/^1[.)]\s$/, nodes[BODY_NODES.orderedList]),
  ],
});

// Collaborators' carets and selections. Their name comes from another client: only a bounded
// name is used; the colour is the palette's for their user id, whatever colour the client sent;
// a state whose cursor y-prosemirror could not resolve is not drawn at all.
function caretLook(user: { id?: unknown; name?: unknown }, clientId: number) {
  const id = typeof user.id === 'string' ? user.id : String(clientId);
  return { name: presenceName(user.name) ?? 'Someone', color: userColor(id) };
}

// A coloured bar with the name above it. Styles are set through the DOM (not a style
// attribute), which a strict Content-Security-Policy allows.
function cursorBuilder(user: { id?: unknown; name?: unknown }, clientId: number): HTMLElement {
  const look = caretLook(user, clientId);
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.style.borderColor = look.color;
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.backgroundColor = look.color;
  label.style.color = labelInk(look.color);
  label.textContent = look.name;
  caret.append('\u2060', label, '\u2060');
  return caret;
}

// y-prosemirror's own selection builder puts the colour into a style attribute unchecked.
function selectionBuilder(user: { id?: unknown }, clientId: number) {
  return { class: 'ProseMirror-yjs-selection', style: `background-color: ${caretLook(user, clientId).color}70` };
}

const drawCaretOf = (selfClientId: number, clientId: number, state: unknown) => selfClientId !== clientId && isDrawableCaretState(state);

/** Whether two toolbar states are the same (the toolbar need not redraw). */
export const sameToolbar = (a: ToolbarState, b: ToolbarState): boolean => (Object.keys(b) as (keyof ToolbarState)[]).every((key) => a[key] === b[key]);

/** Mounts the body editor in `mount`. */
export function createBodyEditor(
  mount: HTMLElement,
  options: {
    fragment: Y.XmlFragment;
    awareness: Awareness;
    /** The story's undo history (also the headline's and standfirst's). */
    undoManager: Y.UndoManager;
    editable: boolean;
    /** Whose suggestions this editor makes (the signed-in user). */
    author: SuggestAuthor;
    onState(state: ToolbarState): void;
    /** Told the body's open suggestions, in document order, whenever they may have changed. */
    onSuggestions?(suggestions: OpenSuggestion[]): void;
    onFocusChange(focused: boolean): void;
    onLinkRequest(): void;
    /** Told why the last edit was not made (a cap), or null once one is. */
    onLimit(message: string | null): void;
  },
): BodyEditor {
  // Local edits past the body's caps are not made, and the user is told why.
  const limits = new Plugin({
    filterTransaction: (tr) => {
      const problem = bodyLimitProblem(tr);
      if (problem || tr.docChanged) options.onLimit(problem);
      return problem === null;
    },
  });
  const commands: Record<BodyCommand, Command> = { ...COMMANDS, note: toggleNote(() => presenceAuthor(options.awareness)) };
  const state = EditorState.create({
    schema: bodySchema,
    plugins: [
      limits,
      ySyncPlugin(options.fragment),
      yCursorPlugin(options.awareness, { cursorBuilder, selectionBuilder, awarenessStateFilter: drawCaretOf }),
      yUndoPlugin({ undoManager: options.undoManager }),
      shortcuts,
      ...smartQuotesPlugins(),
      findPlugin(),
      commentPlugin(),
      keymap({
        [BODY_KEYS.undo]: undo,
        'Mod-y': redo,
        [BODY_KEYS.redo]: redo,
        [BODY_KEYS.strong]: COMMANDS.strong,
        [BODY_KEYS.em]: COMMANDS.em,
        [BODY_KEYS.link]: () => (options.onLinkRequest(), true),
        [BODY_KEYS.note]: commands.note,
        [BODY_KEYS.heading2]: COMMANDS.heading2,
        [BODY_KEYS.heading3]: COMMANDS.heading3,
        [BODY_KEYS.paragraph]: setBlockType(nodes[BODY_NODES.paragraph]),
        Enter: splitListItem(nodes[BODY_NODES.listItem]),
        // Tab stays free for moving focus; nesting lists uses Mod-] and Mod-[.
        [BODY_KEYS.sinkListItem]: sinkListItem(nodes[BODY_NODES.listItem]),
        [BODY_KEYS.liftListItem]: liftListItem(nodes[BODY_NODES.listItem]),
        [BODY_KEYS.suggest]: COMMANDS.suggest,
      }),
      keymap(baseKeymap),
      suggestModePlugin(options.author),
      sameSpotTyping(), // last: input rules see typed text first
    ],
  });
  // The open suggestions are told when they changed, not after every change of the text (the panel
  // would redraw its list with each keystroke of anyone in the story).
  let toldSuggestions: string | null = null;
  const tellSuggestions = (doc: PMNode) => {
    if (!options.onSuggestions) return;
    const list = openSuggestions(doc);
    const told = JSON.stringify(list);
    if (told === toldSuggestions) return;
    toldSuggestions = told;
    options.onSuggestions(list);
  };
  const view: EditorView = new EditorView(mount, {
    state,
    editable: () => options.editable,
    attributes: { role: 'textbox', 'aria-label': 'Body', 'aria-multiline': 'true', spellcheck: 'true', class: 'body-editor' },
    // `this`, not `view`: y-prosemirror dispatches while the view is still being constructed.
    dispatchTransaction(this: EditorView, transaction: Transaction) {
      // y-prosemirror batches cursor updates on a timer that can fire after the story closed.
      if (this.isDestroyed) return;
      // In suggestion mode a local edit becomes a suggestion (suggest-mode.ts).
      const before = this.state.doc;
      this.updateState(this.state.apply(suggestTransaction(this.state, transaction)));
      options.onState(toolbarState(this.state));
      if (this.state.doc !== before) tellSuggestions(this.state.doc);
    },
    handleDOMEvents: {
      focus: () => (options.onFocusChange(true), false),
      blur: () => (options.onFocusChange(false), false),
    },
  });
  // Undo also holds the headline's and standfirst's edits: the toolbar's Undo follows them too.
  const refreshToolbar = () => options.onState(toolbarState(view.state));
  options.undoManager.on('stack-item-added', refreshToolbar);
  options.undoManager.on('stack-item-popped', refreshToolbar);
  refreshToolbar();
  tellSuggestions(view.state.doc);
  const unbindComments = bindComments(view, commentThreadsOf(options.fragment.doc!), options.fragment.doc!);
  const stopScrolling = scrollOncePerFrame(view);

  return {
    run(command) {
      commands[command](view.state, view.dispatch, view);
      view.focus();
    },
    setLink(href) {
      const link = marks[BODY_MARKS.link];
      const { from, to, empty } = view.state.selection;
      let tr = view.state.tr;
      if (href !== null && !isSafeHref(href)) {
        options.onLimit(`A link starts with http:, https: or mailto: and has at most ${MAX_HREF_LENGTH.toLocaleString('en-US')} characters.`);
        return;
      }
      if (href === null) {
        tr = empty ? tr.removeStoredMark(link) : tr.removeMark(from, to, link);
      } else if (empty) {
        tr = tr.insert(from, bodySchema.text(href, [link.create({ href })]));
      } else {
        tr = tr.addMark(from, to, link.create({ href }));
      }
      view.dispatch(tr);
      view.focus();
    },
    focus: () => view.focus(),
    find: bodyFind(view),
    settle(scope, accept) {
      const tr = options.editable ? resolveSuggestions(view.state, scope, accept) : null;
      if (tr) view.dispatch(tr);
    },
    /** The selection as something to comment on, or null when none is made. */
    commentTarget: () => commentTarget(view.state),
    destroy() {
      stopScrolling();
      unbindComments();
      options.undoManager.off('stack-item-added', refreshToolbar);
      options.undoManager.off('stack-item-popped', refreshToolbar);
      view.destroy();
    },
  };
}
