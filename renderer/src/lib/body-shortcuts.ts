// The body's keyboard shortcuts, in ProseMirror's key notation (`Mod` is Ctrl, or ⌘ on macOS):
// the keymap binds these and the toolbar's tooltips show them, so the two cannot disagree.
// Headings are Ctrl+Alt+2/3 (⌘⌥2/3), as in Google Docs: Alt+digit alone switches tabs in
// browsers on Linux and is taken by menus on Windows. Where Ctrl+Alt is AltGr (Windows, many
// European layouts) and AltGr+2 types a character, the character wins (prosemirror-keymap).

/** The shortcut of each body command that has one. */
export const BODY_KEYS = {
  strong: 'Mod-b',
  em: 'Mod-i',
  link: 'Mod-k',
  /** Marks the selection as an internal note, or turns a note back into text (N for note; free in browsers and the app's menus). */
  note: 'Mod-Alt-n',
  heading2: 'Mod-Alt-2',
  heading3: 'Mod-Alt-3',
  paragraph: 'Mod-Alt-0',
  undo: 'Mod-z',
  redo: 'Mod-Shift-z',
  /** Nesting lists (Tab stays free for moving focus). */
  sinkListItem: 'Mod-]',
  liftListItem: 'Mod-[',
  /** Suggestion mode on and off (Ctrl+E is Export in the app's menu; Ctrl+Shift+E is free in the app and in Chromium). */
  suggest: 'Mod-Shift-e',
} as const;

const MAC_SYMBOLS: Record<string, string> = { Ctrl: '⌃', Alt: '⌥', Shift: '⇧', Mod: '⌘' };
// Apple's order of modifier symbols.
const MAC_ORDER = ['Ctrl', 'Alt', 'Shift', 'Mod'];
const PC_ORDER = ['Mod', 'Ctrl', 'Alt', 'Shift'];

/** How a person reads `key` on this platform: `Ctrl+Alt+2`, or `⌥⌘2` on macOS. */
export function keyLabel(key: string, mac: boolean): string {
  const parts = key.split(/-(?!$)/);
  const last = parts.pop()!;
  const name = last.length === 1 ? last.toUpperCase() : last;
  if (mac) return [...MAC_ORDER.filter((m) => parts.includes(m)).map((m) => MAC_SYMBOLS[m]), name].join('');
  return [...PC_ORDER.filter((m) => parts.includes(m)).map((m) => (m === 'Mod' ? 'Ctrl' : m)), name].join('+');
}
