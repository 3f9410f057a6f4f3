// The body's rich-text schema: the ProseMirror node and mark names that y-prosemirror
// stores as Y.XmlElement names and Y.XmlText formatting attributes.
import { Schema, type MarkSpec } from 'prosemirror-model';
import { MAX_HREF_LENGTH } from './article-limits.ts';
import { suggestionDom, type FormattingAttrs, type SuggestionAttrs, type SuggestionKind } from './suggestion-marks.ts';

/** Block element names in `body`. */
export const BODY_NODES = {
  paragraph: 'paragraph',
  heading: 'heading',
  blockquote: 'blockquote',
  bulletList: 'bullet_list',
  orderedList: 'ordered_list',
  listItem: 'list_item',
} as const;

/** Mark names, stored as formatting attributes on Y.XmlText. */
export const BODY_MARKS = {
  strong: 'strong',
  em: 'em',
  link: 'link',
  /** Suggested text, not yet accepted (model/suggestion-marks.ts). */
  insertion: 'insertion',
  /** Text suggested for deletion, still there until accepted. */
  deletion: 'deletion',
  /** An internal note (model/notes.ts): shown to the newsroom, never published. */
  note: 'note',
  /** Suggested formatting: bold or italic applied or removed, the original recorded (model/suggestion-marks.ts FormattingAttrs). */
  formatting: 'formatting',
} as const;

/** The formatting a `formatting` suggestion may change, and how a person names each. */
export const SUGGESTED_FORMATS: Readonly<Record<string, string>> = { [BODY_MARKS.strong]: 'bold', [BODY_MARKS.em]: 'italic' };

/** What a formatting suggestion changes, as a person reads it: `bold`, `not italic`, `bold, not italic`. */
export function formattingChange(attrs: Pick<FormattingAttrs, 'added' | 'removed'>): string {
  const name = (mark: string) => SUGGESTED_FORMATS[mark] ?? mark;
  return [...attrs.added.map(name), ...attrs.removed.map((mark) => `not ${name(mark)}`)].join(', ');
}

/** Heading levels a story body may use (h1 is the headline's). */
export const HEADING_LEVELS = [2, 3, 4] as const;

/** Only these link targets survive into the editor and exports: http(s) and mailto, at most MAX_HREF_LENGTH long. */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && href.length <= MAX_HREF_LENGTH && /^(https?:|mailto:)/i.test(href.trim());
}

/** The level a heading is shown at: a stored `level` outside HEADING_LEVELS (any value a client wrote) is clamped into them. */
export function headingLevel(level: unknown): number {
  const min = HEADING_LEVELS[0];
  const max = HEADING_LEVELS[HEADING_LEVELS.length - 1];
  const n = Math.round(Number(level));
  return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : min;
}

// A suggestion mark: every attribute required (the update check refuses one without); not
// inclusive, so typing next to a suggestion is not part of it unless suggest mode makes it so.
function suggestionMark(kind: SuggestionKind): MarkSpec {
  return {
    attrs: { id: {}, author: {}, authorName: {}, at: {} },
    inclusive: false,
    excludes: `${BODY_MARKS.insertion} ${BODY_MARKS.deletion}`,
    parseDOM: [],
    toDOM: (mark) => suggestionDom(kind, mark.attrs as SuggestionAttrs),
  };
}

/** The ProseMirror schema of the body, shared by the editor and the exports. */
export const bodySchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    [BODY_NODES.paragraph]: {
      content: 'text*',
      group: 'block',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    [BODY_NODES.heading]: {
      attrs: { level: { default: 2 } },
      content: 'text*',
      group: 'block',
      defining: true,
      parseDOM: HEADING_LEVELS.map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node) => [`h${headingLevel(node.attrs.level)}`, 0],
    },
    [BODY_NODES.blockquote]: {
      content: 'block+',
      group: 'block',
      defining: true,
      parseDOM: [{ tag: 'blockquote' }],
      toDOM: () => ['blockquote', 0],
    },
    [BODY_NODES.bulletList]: {
      content: `${BODY_NODES.listItem}+`,
      group: 'block',
      parseDOM: [{ tag: 'ul' }],
      toDOM: () => ['ul', 0],
    },
    [BODY_NODES.orderedList]: {
      attrs: { order: { default: 1 } },
      content: `${BODY_NODES.listItem}+`,
      group: 'block',
      parseDOM: [{ tag: 'ol' }],
      toDOM: () => ['ol', 0],
    },
    [BODY_NODES.listItem]: {
      content: `${BODY_NODES.paragraph} block*`,
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: () => ['li', 0],
    },
    text: { group: 'inline' },
  },
  marks: {
    [BODY_MARKS.strong]: {
      parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
      toDOM: () => ['strong', 0],
    },
    [BODY_MARKS.em]: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }],
      toDOM: () => ['em', 0],
    },
    [BODY_MARKS.link]: {
      attrs: { href: {} },
      inclusive: false,
      parseDOM: [
        {
          tag: 'a[href]',
          getAttrs: (dom) => {
            const href = (dom as { getAttribute(name: string): string | null }).getAttribute('href');
            return isSafeHref(href) ? { href } : false;
          },
        },
      ],
      toDOM: (mark) => ['a', { href: mark.attrs.href as string, rel: 'noopener noreferrer' }, 0],
    },
    [BODY_MARKS.insertion]: suggestionMark(BODY_MARKS.insertion),
    [BODY_MARKS.deletion]: suggestionMark(BODY_MARKS.deletion),
    // Suggested formatting: not inclusive (typing beside it is not part of it); beside the other
    // suggestions (a suggested deletion may have its formatting changed too). Every attribute required.
    [BODY_MARKS.formatting]: {
      attrs: { id: {}, author: {}, authorName: {}, at: {}, added: {}, removed: {} },
      inclusive: false,
      parseDOM: [],
      toDOM: (mark) => suggestionDom('formatting', mark.attrs as FormattingAttrs, formattingChange(mark.attrs as FormattingAttrs)),
    },
    // Who marked the text as a note and when (model/notes.ts checks the values). Not parsed from
    // pasted HTML: a note is made with the Note command, by the person signed in.
    [BODY_MARKS.note]: {
      attrs: { author: {}, name: {}, at: {} },
      toDOM: (mark) => ['span', { class: 'note', 'data-note-by': String(mark.attrs.name), title: `Note by ${String(mark.attrs.name)}: never published` }, 0],
    },
  },
});
