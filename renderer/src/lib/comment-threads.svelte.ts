// The story's comment threads for the app (issue 14): read from the document whenever the
// threads or the text they are on change, written through model/comment-threads.ts. One per
// open story, shared by the body editor (highlights, the Comment shortcut, selecting a thread's
// text) and the panel, so neither has to pass the other through the page.
import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import { bodyFragment, commentsMap, headlineText, standfirstText } from '../../../model/article-schema.ts';
import { bodyAnchor, createThread, fieldType, readThreads, replyTo, setResolved, textAnchor, type CommentField, type ThreadView } from '../../../model/comment-threads.ts';

/** The origin of the app's comment edits: no field binding or undo history tracks it. */
export const COMMENT_ORIGIN = { edit: 'comment' } as const;

/** A selection to comment on: positions in its field (ProseMirror positions in the body) and the text. */
export interface CommentTarget {
  from: number;
  to: number;
  quote: string;
  /** The field it is in; the body when absent. */
  field?: CommentField;
}

/** The plain text fields a thread may be on (the body is the editor's). */
export type TextCommentField = Exclude<CommentField, 'body'>;

/** The comment threads of one open story. */
export class CommentThreads {
  /** Every thread, in document order. */
  threads = $state<ThreadView[]>([]);
  /** The selection a new comment is being written on (the `Comment` box is open), or null. */
  draft = $state<CommentTarget | null>(null);
  /** The username comments are written as, or null when the user may not comment (set by the story page). */
  me = $state<string | null>(null);
  /** Selects a range of the body in the editor (set by the editor while it is mounted). */
  selectInBody = $state<((from: number, to: number) => void) | null>(null);
  /** Selects a range of the headline or standfirst (set by each field while it is mounted). */
  selectInField: Partial<Record<TextCommentField, (from: number, to: number) => void>> = {};
  /** The field the user was last in: the `Comment` button comments on its selection. */
  activeField = $state<CommentField>('body');
  /** The selection in the headline and in the standfirst, when there is one to comment on. */
  fieldSelection = $state<Record<TextCommentField, CommentTarget | null>>({ headline: null, standfirst: null });
  private scheduled = false;
  private readonly watched: Y.AbstractType<unknown>[];

  constructor(private readonly doc: Y.Doc) {
    this.watched = [commentsMap(doc), bodyFragment(doc), headlineText(doc), standfirstText(doc)] as Y.AbstractType<unknown>[];
    for (const type of this.watched) type.observeDeep(this.schedule);
    this.refresh();
  }

  // Many changes in a row (typing) read the threads once.
  private readonly schedule = () => {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.refresh();
    });
  };

  // A story with no thread: no walk of the body, and no new (empty) list, so the editor does not
  // redraw its highlights on each keystroke. With threads, every change hands on a new list even
  // when what they say is the same: a colleague's change reaches the editor as a replacement of
  // the whole document (y-prosemirror), which the highlights cannot be mapped through.
  private refresh(): void {
    const threads = commentsMap(this.doc).size === 0 ? [] : readThreads(this.doc);
    if (threads.length === 0 && this.threads.length === 0) return;
    this.threads = threads;
  }

  /** What `Comment` comments on: the selection in the field the user was last in, given the body's (the editor's) selection. */
  target(bodySelection: CommentTarget | null): CommentTarget | null {
    return this.activeField === 'body' ? bodySelection : this.fieldSelection[this.activeField];
  }

  /** Selects `thread`'s text in its field; false when that field is not shown or the text is gone. */
  select(thread: ThreadView): boolean {
    if (thread.deleted) return false;
    const select = thread.field === 'body' ? this.selectInBody : this.selectInField[thread.field];
    if (!select) return false;
    this.activeField = thread.field;
    select(thread.from, thread.to);
    return true;
  }

  /** Makes a thread on `target` as `author`; false when the selection is not on text. */
  create(target: CommentTarget, text: string, author: string): boolean {
    const field = target.field ?? 'body';
    const anchor = field === 'body' ? bodyAnchor(this.doc, target.from, target.to) : textAnchor(fieldType(this.doc, field) as Y.Text, target.from, target.to);
    if (!anchor || target.to <= target.from || !text.trim()) return false;
    createThread(this.doc, { id: uuidv4(), field, ...anchor, quote: target.quote, author, at: Date.now(), text: text.trim() }, COMMENT_ORIGIN);
    return true;
  }

  /** Adds `text` as `author`'s reply to thread `id`. */
  reply(id: string, text: string, author: string): void {
    replyTo(this.doc, id, { id: uuidv4(), author, at: Date.now(), text: text.trim() }, COMMENT_ORIGIN);
  }

  /** Resolves thread `id` as `by`, or reopens it (`by` null). */
  resolve(id: string, by: string | null): void {
    setResolved(this.doc, id, by === null ? null : { by, at: Date.now() }, COMMENT_ORIGIN);
  }

  /** Stops following the document. */
  destroy(): void {
    for (const type of this.watched) type.unobserveDeep(this.schedule);
  }
}

const perDoc = new WeakMap<Y.Doc, CommentThreads>();

/** The comment threads of the story `doc` holds (made on first use, shared after). */
export function commentThreadsOf(doc: Y.Doc): CommentThreads {
  let threads = perDoc.get(doc);
  if (!threads) perDoc.set(doc, (threads = new CommentThreads(doc)));
  return threads;
}
