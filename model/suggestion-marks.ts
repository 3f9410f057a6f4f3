// Suggested changes (issue 14): text someone proposes to insert or delete, kept in the body as
// the marks `insertion` and `deletion` until someone accepts or rejects it, and formatting someone
// proposes to change (`formatting`: the bold or italic already applied, the original one recorded). The marks' attributes
// say which suggestion (id), whose (author: a user id; authorName) and when (at: ms since
// 1970). This file holds what the schema, the update check and the readers share about them.
import { MAX_INSTANT } from './article-limits.ts';
import { DISPLAY_NAME_MAX } from './people-types.ts';
import { userColor } from './user-colors.ts';

/** The kinds of suggestion, which are also their mark names. */
export const SUGGESTION_KINDS = ['insertion', 'deletion', 'formatting'] as const;

/** A suggested insertion, deletion or change of formatting. */
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** The attributes of a suggestion mark. */
export interface SuggestionAttrs {
  id: string;
  author: string;
  authorName: string;
  at: number;
}

/**
 * The attributes of a `formatting` suggestion: besides who and when, the formatting marks (names
 * from model/body-schema.ts SUGGESTED_FORMATS) the suggestion adds to and removes from the text's
 * original formatting. The text shows the suggested formatting; the original is the shown one
 * without `added` and with `removed`.
 */
export interface FormattingAttrs extends SuggestionAttrs {
  added: string[];
  removed: string[];
}

/** The longest suggestion id and author id the body may hold. */
export const SUGGESTION_ID_MAX = 64;

// Ids are the app's own (random letters and digits) or user ids: printable, no spaces.
const ID = new RegExp(`^[A-Za-z0-9_:.-]{1,${SUGGESTION_ID_MAX}}$`);
// Control, format and line/paragraph separator characters: never part of a name shown in a tooltip.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Whether `name` is a suggestion mark. */
export const isSuggestionKind = (name: string): name is SuggestionKind => (SUGGESTION_KINDS as readonly string[]).includes(name);

const shown = (value: unknown) => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
};

/** Why `attrs` (a client wrote them) are not a suggestion mark's attributes, or null: every attribute is required and capped. */
export function suggestionAttrsProblem(attrs: Record<string, unknown>): string | null {
  const { id, author, authorName, at } = attrs;
  if (typeof id !== 'string' || !ID.test(id)) return `a suggestion id ${shown(id)} that is not 1 to ${SUGGESTION_ID_MAX} letters, digits or _:.-`;
  if (typeof author !== 'string' || !ID.test(author)) return `a suggestion author ${shown(author)} that is not a user id`;
  if (typeof authorName !== 'string' || authorName.trim() === '' || [...authorName].length > DISPLAY_NAME_MAX || UNPRINTABLE.test(authorName))
    return `a suggestion author's name ${shown(authorName)} that is empty, unprintable or over ${DISPLAY_NAME_MAX} characters`;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at > MAX_INSTANT) return `a suggestion time ${shown(at)} that is not an instant`;
  return null;
}

/** A new suggestion id: 16 random letters and digits. */
export function newSuggestionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => (c === '+' ? 'A' : c === '/' ? 'B' : '')).slice(0, 16);
}

/** When a suggestion was made, as a person reads it: `7 Dec, 14:05` (in this computer's time zone). */
export function suggestionTime(at: number): string {
  const date = new Date(at);
  return `${date.getDate()} ${date.toLocaleString('en-GB', { month: 'short' })}, ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** The tooltip on suggested text: `Suggested insertion by Ana Lima, 7 Dec, 14:05` (with `change`: `…, 14:05: bold`). */
export function suggestionTitle(kind: SuggestionKind, attrs: SuggestionAttrs, change?: string): string {
  return `Suggested ${kind} by ${attrs.authorName}, ${suggestionTime(attrs.at)}${change ? `: ${change}` : ''}`;
}

const TAGS: Record<SuggestionKind, string> = { insertion: 'ins', deletion: 'del', formatting: 'span' };

/** How the body shows a suggestion: <ins>, <del> or (formatting, with what it changes) <span> in its author's colour, saying who and when. */
export function suggestionDom(kind: SuggestionKind, attrs: SuggestionAttrs, change?: string): [string, Record<string, string>, 0] {
  return [
    TAGS[kind],
    {
      class: `suggestion ${kind}`,
      'data-suggestion': attrs.id,
      'data-author': attrs.author,
      title: suggestionTitle(kind, attrs, change),
      // The colour comes from the palette, whatever the author id is: nothing a client wrote reaches CSS.
      style: `--suggestion-color: ${userColor(attrs.author)}`,
    },
    0,
  ];
}
