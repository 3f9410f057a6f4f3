// The preload's DesktopBridge: each action is one `ipcRenderer.invoke` on its own channel, and
// menu commands arrive on one channel. The renderer gets these functions only, never
// ipcRenderer or an IPC event (whose `sender` is ipcRenderer itself).
import type { VersionRef } from '../../model/api-types.ts';
import { isVersionRef, MENU_COMMANDS, type DesktopBridge, type MenuCommand, type PickedImageFile, type PickedTextFile, type SpellingLanguages } from '../../model/desktop-bridge.ts';
import { isDictionaryWord } from '../../model/dictionary.ts';
import { EXPORT_VERSION_CHANNEL, IPC_CHANNELS, MENU_COMMAND_CHANNEL, NEWSROOM_WORD_CHANNEL } from '../shared/ipc-channels.ts';

/** The slice of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** True for a value main may send as a menu command. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** The bridge to expose with `contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_GLOBAL, …)`. */
export function createDesktopBridge(ipc: IpcRendererLike): DesktopBridge {
  // Main is trusted to answer each channel with the type the contract names; this is the one cast.
  const call = <T>(channel: string, ...args: unknown[]) => ipc.invoke(channel, ...args) as Promise<T>;
  return {
    appVersion: () => call<string>(IPC_CHANNELS.appVersion),
    openTextFile: () => call<PickedTextFile | null>(IPC_CHANNELS.openTextFile),
    // The pictures' bytes arrive as Uint8Arrays: IPC copies them by structured clone.
    openImageFiles: () => call<PickedImageFile[]>(IPC_CHANNELS.openImageFiles),
    saveExport: (suggestedName, content) => call<boolean>(IPC_CHANNELS.saveExport, suggestedName, content),
    notify: (title, body, storyId = null) => call<void>(IPC_CHANNELS.notify, title, body, storyId),
    setBadgeCount: (count) => call<void>(IPC_CHANNELS.setBadgeCount, count),
    storeSession: (session) => call<void>(IPC_CHANNELS.storeSession, session),
    readSession: () => call<string | null>(IPC_CHANNELS.readSession),
    openExternal: (url) => call<void>(IPC_CHANNELS.openExternal, url),
    onMenuCommand: (listener) => relayFromMain(ipc, MENU_COMMAND_CHANNEL, 'onMenuCommand', isMenuCommand, listener),
    setExportChoices: (choices) => call<void>(IPC_CHANNELS.setExportChoices, choices),
    onExportVersion: (listener) => relayFromMain<VersionRef>(ipc, EXPORT_VERSION_CHANNEL, 'onExportVersion', isVersionRef, listener),
    spellingLanguages: () => call<SpellingLanguages>(IPC_CHANNELS.spellingLanguages),
    setSpellingLanguages: (languages) => call<void>(IPC_CHANNELS.setSpellingLanguages, languages),
    openStoryWindow: (storyId) => call<void>(IPC_CHANNELS.openStoryWindow, storyId),
    savePdf: (suggestedName) => call<boolean>(IPC_CHANNELS.savePdf, suggestedName),
    useNewsroomDictionary: (words, canAdd) => call<void>(IPC_CHANNELS.useNewsroomDictionary, words, canAdd),
    onAddToNewsroomDictionary: (listener) => relayFromMain(ipc, NEWSROOM_WORD_CHANNEL, 'onAddToNewsroomDictionary', isDictionaryWord, listener),
  };
}

// Relays what main sends on `channel` to `listener`, only values `accept` takes (never the IPC
// event); returns the function that stops it.
function relayFromMain<T>(ipc: IpcRendererLike, channel: string, name: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError(`${name} needs a function`);
  const relay = (_event: unknown, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipc.on(channel, relay);
  return () => {
    ipc.removeListener(channel, relay);
  };
}
