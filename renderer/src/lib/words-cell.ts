// The story list's Words column: the story's words against its target when the desk set one for
// it, else against its desk's limit (or the newsroom's default), and marked "over" once past the
// limit, which is the desk's rule, whatever the target (docs/UI.md, "Story list").
import { isOver, limitText, type AppliedLimit } from '../../../model/desk-limits.ts';

/** What the Words cell shows: its text, whether the story is past its limit, and the sentence behind it. */
export interface WordsCell {
  text: string;
  over: boolean;
  title: string | undefined;
}

/** The Words cell of a story with `words`, its `target` (null: none) and the `limit` that applies (null: none). */
export function wordsCell(words: number, target: number | null, limit: AppliedLimit | null): WordsCell {
  const against = target ?? limit?.limit ?? null;
  const text = against === null ? words.toLocaleString() : `${words.toLocaleString()} / ${against.toLocaleString()}`;
  const parts = [target === null ? null : `Target: ${target.toLocaleString()} words`, limit === null ? null : limitText('Words', words, 'words', limit)].filter((p) => p !== null);
  return { text, over: isOver(words, limit), title: parts.length > 0 ? parts.join('. ') : undefined };
}
