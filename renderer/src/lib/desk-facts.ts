// Reading what someone typed into the desk's fact fields, and writing a fact into the story's
// meta map (an unset fact is deleted, not stored as an empty value).
import type * as Y from 'yjs';
import { MAX_ASSIGNEES, MAX_TARGET_WORDS } from '../../../model/article-limits.ts';
import { isUsername } from '../../../model/people-types.ts';

/** Usernames typed into `Assignees`, split on commas and spaces, each once; or why they cannot be assigned. */
export function parseAssignees(typed: string): { names: string[] } | { problem: string } {
  // Usernames are told apart regardless of case (server/auth/accounts.ts keeps them lower-case).
  const names = [...new Set(typed.split(/[\s,]+/).filter((name) => name !== '').map((name) => name.toLowerCase()))];
  const wrong = names.find((name) => !isUsername(name));
  if (wrong !== undefined) return { problem: `“${wrong}” is not a username` };
  if (names.length > MAX_ASSIGNEES) return { problem: `a story can have at most ${MAX_ASSIGNEES} assignees` };
  return { names };
}

/** The target length typed into `Target words`: null for none, or why it is not one. */
export function parseTargetWords(typed: string): { words: number | null } | { problem: string } {
  if (typed.trim() === '') return { words: null };
  const words = Number(typed);
  return Number.isInteger(words) && words >= 1 && words <= MAX_TARGET_WORDS
    ? { words }
    : { problem: `the target is a whole number of words from 1 to ${MAX_TARGET_WORDS.toLocaleString('en-US')}` };
}

/** Sets `key` in `meta` to `value`, or deletes it for null or an empty list; nothing when it holds that already. */
export function writeFact(meta: Y.Map<unknown>, key: string, value: string | number | string[] | null): void {
  const unset = value === null || (Array.isArray(value) && value.length === 0);
  if (unset) {
    if (meta.has(key)) meta.delete(key);
    return;
  }
  if (JSON.stringify(meta.get(key)) !== JSON.stringify(value)) meta.set(key, value);
}
