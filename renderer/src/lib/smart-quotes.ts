// Smart quotes: a straight quote typed becomes a curly one, opening after the start of the text,
// a space or an opening bracket or quote, closing otherwise. Backspace or Ctrl/⌘+Z right after
// gives the straight quote back. The body gets it as ProseMirror input rules (prosemirror-inputrules,
// undone with its undoInputRule); the headline and standfirst through bindSmartQuotes
// (smart-quotes-field.ts).
import { InputRule, inputRules, undoInputRule } from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import { BODY_KEYS } from './body-shortcuts.ts';

// The text before the caret, with the quote just typed, matched in this order (prosemirror-inputrules' own patterns).
const QUOTE_RULES: readonly { match: RegExp; curly: string }[] = [
  { match: /(?:^|[\s{[(<'"\u2018\u201C])(")$/, curly: '\u201C' },
  { match: /"$/, curly: '\u201D' },
  { match: /(?:^|[\s{[(<'"\u2018\u201C])(')$/, curly: '\u2018' },
  { match: /'$/, curly: '\u2019' },
];

/** The curly quote for straight quote `quote` typed after `before`, or null when `quote` is not a straight quote. */
export function curlyQuote(before: string, quote: string): string | null {
  if (quote !== '"' && quote !== "'") return null;
  return QUOTE_RULES.find((rule) => rule.match.test(before + quote))?.curly ?? null;
}

/** The body's smart quotes: the input rules, and Backspace or Ctrl/⌘+Z right after one giving the straight quote back. */
export function smartQuotesPlugins(): Plugin[] {
  return [
    inputRules({ rules: QUOTE_RULES.map((rule) => new InputRule(rule.match, rule.curly, { inCodeMark: false })) }),
    // Placed before the main keymap: when no input rule was just applied these do nothing and the usual keys run.
    keymap({ Backspace: undoInputRule, [BODY_KEYS.undo]: undoInputRule }),
  ];
}
