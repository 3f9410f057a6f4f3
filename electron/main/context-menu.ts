// The right-click menu in the editor and every text field (Electron shows none unless the app
// builds one): spelling suggestions for the misspelled word under the pointer, Add to Dictionary
// (this computer's), Add to Newsroom Dictionary (everyone's, for who may change it), cut / copy /
// paste / select all, and Look Up on macOS. Built from the event's params alone.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { isDictionaryWord } from '../../model/dictionary.ts';
import { NEWSROOM_WORD_CHANNEL } from '../shared/ipc-channels.ts';

/** The most suggestions listed (Chromium offers a handful; more would push the edit items away). */
export const MAX_SUGGESTIONS = 5;

/** The parts of Electron's ContextMenuParams the menu reads. */
export type ContextMenuFacts = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions'> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
};

/** What the menu's own items do, on the webContents the menu was opened in. */
export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
  /** Asks the page to add the word to the newsroom dictionary (the server's; the page holds the session); absent: not offered. */
  addToNewsroomDictionary?: (word: string) => void;
  /** macOS: the system dictionary's panel for the selection. */
  lookUp(): void;
}

/** The menu for a right-click with `params`; empty when there is nothing to offer (e.g. on plain, unselected text). */
export function contextMenuTemplate(params: ContextMenuFacts, actions: ContextMenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const { isEditable, editFlags, misspelledWord } = params;
  const selection = params.selectionText.trim();
  const spelling: MenuItemConstructorOptions[] = [];
  if (isEditable && misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    spelling.push(
      ...(suggestions.length > 0
        ? suggestions.map((word) => ({ label: word, click: () => actions.replaceMisspelling(word) }))
        : [{ label: 'No Guesses Found', enabled: false }]),
      { type: 'separator' },
      { label: 'Add to Dictionary', click: () => actions.addToDictionary(misspelledWord) },
    );
    // Only a word the newsroom dictionary takes (one word of letters): anything else would be refused.
    const toNewsroom = actions.addToNewsroomDictionary;
    if (toNewsroom && isDictionaryWord(misspelledWord)) spelling.push({ label: 'Add to Newsroom Dictionary', click: () => toNewsroom(misspelledWord) });
    spelling.push({ type: 'separator' });
  }
  // Look Up names what it looks up, like macOS's own menus; only a short selection makes sense.
  const lookUp: MenuItemConstructorOptions[] =
    platform === 'darwin' && selection !== '' && selection.length <= 50 ? [{ label: `Look Up “${selection}”`, click: () => actions.lookUp() }, { type: 'separator' }] : [];
  const edit: MenuItemConstructorOptions[] = isEditable
    ? [
        { role: 'cut', enabled: editFlags.canCut },
        { role: 'copy', enabled: editFlags.canCopy },
        { role: 'paste', enabled: editFlags.canPaste },
        { type: 'separator' },
        { role: 'selectAll', enabled: editFlags.canSelectAll },
      ]
    : selection !== ''
      ? [{ role: 'copy', enabled: editFlags.canCopy }]
      : [];
  return [...spelling, ...lookUp, ...edit];
}

/** The slice of webContents the menu is installed on and acts on. */
export interface ContextMenuContents {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuFacts) => void): unknown;
  replaceMisspelling(word: string): void;
  showDefinitionForSelection(): void;
  send(channel: string, ...args: unknown[]): void;
  session: { addWordToSpellCheckerDictionary(word: string): boolean };
}

/**
 * Shows the context menu on each right-click in `contents`; `popup` builds and shows a template
 * (Menu.buildFromTemplate(…).popup); `mayAddToNewsroom` says, at each right-click, whether the
 * signed-in user may add to the newsroom dictionary (the page is then sent the word to add).
 */
export function installContextMenu(
  contents: ContextMenuContents,
  popup: (template: MenuItemConstructorOptions[]) => void,
  platform: NodeJS.Platform,
  mayAddToNewsroom: () => boolean = () => false,
): void {
  const actions: ContextMenuActions = {
    replaceMisspelling: (word) => contents.replaceMisspelling(word),
    addToDictionary: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
    lookUp: () => contents.showDefinitionForSelection(),
  };
  const withNewsroom: ContextMenuActions = { ...actions, addToNewsroomDictionary: (word) => contents.send(NEWSROOM_WORD_CHANNEL, word) };
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, mayAddToNewsroom() ? withNewsroom : actions, platform);
    if (template.length > 0) popup(template);
  });
}
