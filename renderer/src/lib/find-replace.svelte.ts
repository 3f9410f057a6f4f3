// Find and replace over a story's headline, standfirst and body, reactive for the find bar.
// Matches follow the document as anyone types. A replacement is one Yjs transaction with the
// story's undo origin: everyone sees it at once, and one Ctrl/⌘+Z takes back all of it and only it.
import type * as Y from 'yjs';
import { headlineText, standfirstText } from '../../../model/article-schema.ts';
import type { BodyFind } from './find-plugin.ts';
import { FIND_FIELDS, findInText, stepMatch, articleMatches, type FindField, type FindQuery, type ArticleMatch, type TextRange } from './find-matches.ts';
import { FIND_REPLACE_ORIGIN } from './article-undo.ts';

/** A plain field's text and its matches, for highlighting them (the index of the match shown, or -1). */
export interface FieldMatches {
  text: string;
  ranges: TextRange[];
  current: number;
}

/** Find and replace in one open story. */
export class FindReplace {
  query = $state<FindQuery>({ text: '', caseSensitive: false });
  matches = $state.raw<ArticleMatch[]>([]);
  /** The index in `matches` of the match shown, or -1. */
  current = $state(-1);
  /** The plain fields' text when the matches were found. */
  private texts = $state.raw<Record<'headline' | 'standfirst', string>>({ headline: '', standfirst: '' });
  private readonly fields: Record<'headline' | 'standfirst', Y.Text>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly undo: Y.UndoManager,
    /** The body editor's side, once it is mounted. */
    private readonly body: () => BodyFind | null,
  ) {
    this.fields = { headline: headlineText(doc), standfirst: standfirstText(doc) };
    doc.on('update', this.refresh);
  }

  /** Looks for `query` from the start of the story. */
  search(query: FindQuery): void {
    this.query = query;
    this.body()?.search(query.text === '' ? null : query);
    this.refresh();
    this.current = this.matches.length > 0 ? 0 : -1;
    this.show();
  }

  /** Shows the next (1) or previous (-1) match, wrapping around. */
  step(step: 1 | -1): void {
    this.current = stepMatch(this.matches.length, this.current, step);
    this.show();
  }

  /** The matches to highlight in plain field `field`. */
  inField(field: 'headline' | 'standfirst'): FieldMatches | null {
    const ranges = this.matches.filter((m) => m.field === field);
    if (ranges.length === 0) return null;
    const shown = this.matches[this.current];
    return { text: this.texts[field], ranges, current: shown?.field === field ? ranges.indexOf(shown) : -1 };
  }

  /** Replaces the match shown with `replacement` and shows the next one. */
  replaceCurrent(replacement: string): void {
    const match = this.matches[this.current];
    if (!match) return;
    this.replace([match], replacement);
    // The next match after the replacement (never one inside it), wrapping around to the first.
    const end = match.from + replacement.length;
    const order = (field: FindField) => FIND_FIELDS.indexOf(field);
    const next = this.matches.findIndex((m) => order(m.field) > order(match.field) || (m.field === match.field && m.from >= end));
    this.current = next >= 0 ? next : this.matches.length > 0 ? 0 : -1;
    this.show();
  }

  /** Replaces every match with `replacement` as one change; returns how many were replaced. */
  replaceAll(replacement: string): number {
    const count = this.matches.length;
    this.replace(this.matches, replacement);
    this.current = -1;
    this.show();
    return count;
  }

  /** Stops looking (the bar closed): no highlight is left. */
  clear(): void {
    this.search({ text: '', caseSensitive: this.query.caseSensitive });
  }

  /** Stops following the document. */
  destroy(): void {
    this.doc.off('update', this.refresh);
  }

  // One transaction, with the story's undo origin, kept apart from the typing before and after it.
  private replace(matches: readonly ArticleMatch[], replacement: string): void {
    if (matches.length === 0) return;
    const inBody = matches.filter((m) => m.field === 'body');
    this.undo.stopCapturing();
    this.doc.transact(() => {
      for (const field of ['headline', 'standfirst'] as const) {
        const text = this.fields[field];
        // Last first, so that the positions of those before stay right.
        for (const { from, to } of matches.filter((m) => m.field === field).reverse()) {
          text.delete(from, to - from);
          if (replacement) text.insert(from, replacement);
        }
      }
      // The body editor writes its change into this same transaction (y-prosemirror's own joins it).
      if (inBody.length > 0) this.body()?.replace(inBody, replacement);
    }, FIND_REPLACE_ORIGIN);
    this.undo.stopCapturing();
  }

  private show(): void {
    const match = this.matches[this.current];
    const body = this.body();
    body?.show(match?.field === 'body' ? this.matches.filter((m) => m.field === 'body').indexOf(match) : -1);
  }

  // The matches again after any change to the story (the body plugin has already found its own).
  private readonly refresh = (): void => {
    if (this.query.text === '') {
      this.matches = [];
      this.current = -1;
      return;
    }
    const texts = { headline: this.fields.headline.toString(), standfirst: this.fields.standfirst.toString() };
    const found: Record<FindField, TextRange[]> = {
      headline: findInText(texts.headline, this.query),
      standfirst: findInText(texts.standfirst, this.query),
      body: this.body()?.matches() ?? [],
    };
    this.texts = texts;
    this.matches = articleMatches(found);
    if (this.current >= this.matches.length) this.current = this.matches.length - 1;
  };
}
