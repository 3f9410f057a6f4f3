// The find bar's shortcuts: Ctrl/⌘+F finds, Ctrl/⌘+H finds and replaces. On macOS ⌘+H hides the
// app (in the desktop app and in a browser alike), so ⌥⌘F, the Mac's usual "replace", does it too.

/** The parts of a keydown event find looks at. */
export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What a key press asks of find, if anything. */
export function findShortcut(event: KeyPress): 'find' | 'replace' | null {
  if (!(event.ctrlKey || event.metaKey) || event.shiftKey) return null;
  // `code`, not `key`: with Alt (⌥) held a Mac types "ƒ" for F.
  if (event.code === 'KeyF') return event.altKey ? (event.metaKey ? 'replace' : null) : 'find';
  if (event.code === 'KeyH' && !event.altKey) return 'replace';
  return null;
}
