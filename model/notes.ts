// Internal notes in the body (NYT Oak's "stash"): text marked with the `note` mark is shown to
// the newsroom, tinted and labelled with who wrote it, and never published: the body reader
// (body-tree.ts) leaves it out, so every export, the readable content and the word count lack it,
// and approval is refused while a revision holds one (approval-blockers.ts).
import * as Y from 'yjs';
import { isWholeIn, MAX_INSTANT } from './article-limits.ts';
import { bodyFragment } from './article-schema.ts';
import { markNameOf } from './body-rules.ts';
import { BODY_MARKS } from './body-schema.ts';
import { DISPLAY_NAME_MAX } from './people-types.ts';

/** The longest author id a note may carry (a user id is a UUID; room to spare). */
export const NOTE_AUTHOR_MAX = 100;

/** A note mark's attributes: the author's user id and display name, and when it was made (ms since 1970). */
export interface NoteAttrs {
  author: string;
  name: string;
  at: number;
}

/** One note in the body: who, when, and the text it covers (consecutive text with the same note mark, within one block). */
export interface BodyNote extends NoteAttrs {
  text: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why `value` is not a note mark's attributes, or null: an author id (1–100 characters), a name (1–100) and a time. */
export function noteAttrsProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return 'a note whose value is not its attributes';
  const { author, name, at } = value;
  if (typeof author !== 'string' || author.length === 0 || author.length > NOTE_AUTHOR_MAX) return `a note whose author is not an id of 1 to ${NOTE_AUTHOR_MAX} characters`;
  if (typeof name !== 'string' || name.trim() === '' || name.length > DISPLAY_NAME_MAX) return `a note whose name is not a name of 1 to ${DISPLAY_NAME_MAX} characters`;
  if (!isWholeIn(at, 0, MAX_INSTANT)) return 'a note whose time is not an instant in milliseconds since 1970';
  return null;
}

/** The note attributes among a run's formatting attributes, or null when the run is not in a note (malformed ones count as a note: hidden, never published). */
export function noteOf(attributes: Record<string, unknown> | undefined): NoteAttrs | { malformed: true } | null {
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (markNameOf(key) !== BODY_MARKS.note || value === null) continue;
    return noteAttrsProblem(value) === null ? (value as unknown as NoteAttrs) : { malformed: true };
  }
  return null;
}

/** Whether formatting `attributes` put a run in a note. */
export const inNote = (attributes: Record<string, unknown> | undefined): boolean => noteOf(attributes) !== null;

const UNKNOWN: NoteAttrs = { author: '', name: 'someone', at: 0 };

/** Every note in the body, in document order (iterative: a stored body may nest deep). */
export function readNotes(doc: Y.Doc): BodyNote[] {
  const notes: BodyNote[] = [];
  const todo: Y.XmlElement[] = [];
  const fragment = bodyFragment(doc);
  const visit = (children: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]) => {
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child instanceof Y.XmlElement) todo.push(child);
    }
  };
  const readText = (text: Y.XmlText) => {
    let last: BodyNote | null = null;
    for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      const found = typeof op.insert === 'string' ? noteOf(op.attributes) : null;
      if (found === null) {
        last = null;
        continue;
      }
      const attrs = 'malformed' in found ? UNKNOWN : found;
      if (last && last.author === attrs.author && last.at === attrs.at) last.text += op.insert as string;
      else notes.push((last = { author: attrs.author, name: attrs.name, at: attrs.at, text: op.insert as string }));
    }
  };
  visit(fragment.toArray());
  while (todo.length > 0) {
    const element = todo.pop()!;
    const children = element.toArray();
    for (const child of children) if (child instanceof Y.XmlText) readText(child);
    visit(children);
  }
  return notes;
}
