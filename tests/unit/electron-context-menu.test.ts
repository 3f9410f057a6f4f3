// The right-click menu: spelling suggestions, Add to Dictionary, the edit roles, Look Up on macOS,
// built from the context-menu event's params; and its installation on a webContents.
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contextMenuTemplate, installContextMenu, MAX_SUGGESTIONS, type ContextMenuFacts } from '../../electron/main/context-menu.ts';
import { NEWSROOM_WORD_CHANNEL } from '../../electron/shared/ipc-channels.ts';

const ALL_EDITS = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
const facts = (overrides: Partial<ContextMenuFacts> = {}): ContextMenuFacts => ({
  isEditable: true,
  selectionText: '',
  misspelledWord: '',
  dictionarySuggestions: [],
  editFlags: ALL_EDITS,
  ...overrides,
});
const actions = () => ({ replaceMisspelling: vi.fn(), addToDictionary: vi.fn(), lookUp: vi.fn() });
const describeItem = (item: MenuItemConstructorOptions) => item.role ?? item.label ?? item.type;
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('contextMenuTemplate', () => {
  it('in a text field: cut, copy, paste, select all, enabled as the field allows', () => {
    const template = contextMenuTemplate(facts({ editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } }), actions(), 'linux');
    expect(template.map(describeItem)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    expect(template.map((item) => item.enabled)).toEqual([false, false, true, undefined, true]);
  });

  it('on a misspelled word: its suggestions first, each replacing the word, then Add to Dictionary', () => {
    const run = actions();
    const template = contextMenuTemplate(facts({ misspelledWord: 'teh', dictionarySuggestions: ['the', 'tech', 'ten'] }), run, 'win32');
    expect(template.map(describeItem)).toEqual(['the', 'tech', 'ten', 'separator', 'Add to Dictionary', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
    click(template[1]);
    expect(run.replaceMisspelling).toHaveBeenCalledWith('tech');
    click(template.find((item) => item.label === 'Add to Dictionary'));
    expect(run.addToDictionary).toHaveBeenCalledWith('teh');
  });

  it(`lists at most ${MAX_SUGGESTIONS} suggestions, and says when there are none`, () => {
    const many = contextMenuTemplate(facts({ misspelledWord: 'x', dictionarySuggestions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }), actions(), 'linux');
    expect(many.slice(0, MAX_SUGGESTIONS + 1).map(describeItem)).toEqual(['a', 'b', 'c', 'd', 'e', 'separator']);
    const none = contextMenuTemplate(facts({ misspelledWord: 'Zyxw' }), actions(), 'linux');
    expect(none[0]).toEqual({ label: 'No Guesses Found', enabled: false });
    expect(none.map(describeItem)).toContain('Add to Dictionary');
  });

  it('on selected text outside a field: Copy only; on nothing: no menu', () => {
    expect(contextMenuTemplate(facts({ isEditable: false, selectionText: 'Council' }), actions(), 'linux').map(describeItem)).toEqual(['copy']);
    expect(contextMenuTemplate(facts({ isEditable: false }), actions(), 'linux')).toEqual([]);
  });

  it('offers no spelling outside an editable field', () => {
    const template = contextMenuTemplate(facts({ isEditable: false, selectionText: 'teh', misspelledWord: 'teh', dictionarySuggestions: ['the'] }), actions(), 'linux');
    expect(template.map(describeItem)).toEqual(['copy']);
  });

  it('macOS: Look Up the selection, naming it', () => {
    const run = actions();
    const template = contextMenuTemplate(facts({ selectionText: ' quorum ' }), run, 'darwin');
    expect(template[0].label).toBe('Look Up “quorum”');
    click(template[0]);
    expect(run.lookUp).toHaveBeenCalledOnce();
    expect(contextMenuTemplate(facts({ selectionText: 'quorum' }), run, 'linux').some((item) => item.label?.startsWith('Look Up'))).toBe(false);
    expect(contextMenuTemplate(facts({ selectionText: 'x'.repeat(51) }), run, 'darwin').some((item) => item.label?.startsWith('Look Up'))).toBe(false);
  });
});

describe('installContextMenu', () => {
  function contents() {
    return Object.assign(new EventEmitter(), {
      replaceMisspelling: vi.fn(),
      showDefinitionForSelection: vi.fn(),
      send: vi.fn(),
      session: { addWordToSpellCheckerDictionary: vi.fn(() => true) },
    });
  }

  it('pops the menu up on each right-click, acting on that webContents and its session', () => {
    const target = contents();
    const popup = vi.fn<(template: MenuItemConstructorOptions[]) => void>();
    installContextMenu(target, popup, 'darwin');
    target.emit('context-menu', {}, facts({ misspelledWord: 'Krakow', dictionarySuggestions: ['Kraków'], selectionText: 'Krakow' }));
    const template = popup.mock.calls[0][0];
    click(template.find((item) => item.label === 'Kraków'));
    click(template.find((item) => item.label === 'Add to Dictionary'));
    click(template.find((item) => item.label === 'Look Up “Krakow”'));
    expect(target.replaceMisspelling).toHaveBeenCalledWith('Kraków');
    expect(target.session.addWordToSpellCheckerDictionary).toHaveBeenCalledWith('Krakow');
    expect(target.showDefinitionForSelection).toHaveBeenCalledOnce();
  });

  it('offers Add to Newsroom Dictionary while the user may add to it, sending the word to the page; not otherwise', () => {
    const target = contents();
    const popup = vi.fn<(template: MenuItemConstructorOptions[]) => void>();
    let mayAdd = true;
    installContextMenu(target, popup, 'linux', () => mayAdd);
    target.emit('context-menu', {}, facts({ misspelledWord: 'Zelenskyy', dictionarySuggestions: ['Zelensky'] }));
    const template = popup.mock.calls[0][0];
    expect(template.map(describeItem)).toEqual(['Zelensky', 'separator', 'Add to Dictionary', 'Add to Newsroom Dictionary', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
    click(template.find((item) => item.label === 'Add to Newsroom Dictionary'));
    expect(target.send).toHaveBeenCalledWith(NEWSROOM_WORD_CHANNEL, 'Zelenskyy');
    // Added to this computer only: the page is not asked.
    click(template.find((item) => item.label === 'Add to Dictionary'));
    expect(target.send).toHaveBeenCalledOnce();
    mayAdd = false;
    target.emit('context-menu', {}, facts({ misspelledWord: 'Zelenskyy' }));
    expect(popup.mock.calls[1][0].map(describeItem)).not.toContain('Add to Newsroom Dictionary');
  });

  it('offers the newsroom dictionary only a word it takes', () => {
    const template = contextMenuTemplate(facts({ misspelledWord: 'x'.repeat(65) }), { ...actions(), addToNewsroomDictionary: vi.fn() }, 'linux');
    expect(template.map(describeItem)).toContain('Add to Dictionary');
    expect(template.map(describeItem)).not.toContain('Add to Newsroom Dictionary');
  });

  it('shows nothing where there is nothing to offer', () => {
    const target = contents();
    const popup = vi.fn();
    installContextMenu(target, popup, 'linux');
    target.emit('context-menu', {}, facts({ isEditable: false }));
    expect(popup).not.toHaveBeenCalled();
  });
});
