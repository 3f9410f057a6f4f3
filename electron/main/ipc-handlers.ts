// The main-process side of the DesktopBridge: one `ipcMain.handle` per action, each checking
// its sender first and its arguments second, then calling the injected implementation.
import { MENU_REVISIONS_MAX, type ExportChoices, type PickedImageFile, type PickedTextFile, type SpellingLanguages } from '../../model/desktop-bridge.ts';
import { IPC_CHANNELS } from '../shared/ipc-channels.ts';
import {
  expectArgumentCount,
  expectBoolean,
  expectCount,
  expectDictionaryWords,
  expectExportChoices,
  expectLanguages,
  expectStoryId,
  expectString,
  expectStringOrNull,
} from './ipc-arguments.ts';
import type { IpcSenderEvent } from './ipc-sender.ts';
import type { NotificationRequest } from './notifications.ts';

/** Size limits for what the renderer may send. */
export const IPC_LIMITS = {
  fileName: 255,
  exportContent: 32 * 1024 * 1024,
  notificationTitle: 256,
  notificationBody: 4096,
  session: 64 * 1024,
  url: 8192,
  /** Revision numbers in export choices: the menu lists the newest this many. */
  exportRevisions: MENU_REVISIONS_MAX,
} as const;

/** The slice of Electron's `ipcMain` used here. */
export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
}

/** What the handlers do once a call is accepted. */
export interface IpcDeps {
  /** Throws for a call that does not come from our window (see assertTrustedSender). */
  checkSender(event: IpcSenderEvent): void;
  appVersion(): string;
  openTextFile(): Promise<PickedTextFile | null>;
  openImageFiles(): Promise<PickedImageFile[]>;
  saveExport(suggestedName: string, content: string): Promise<boolean>;
  notify(request: NotificationRequest): void;
  setBadgeCount(count: number): void;
  storeSession(session: string | null): Promise<void>;
  readSession(): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  /** The sending window's open story's versions, for File › Export Version (null: no story open); `sender` is its webContents. */
  setExportChoices(choices: ExportChoices | null, sender: IpcSenderEvent['sender']): void;
  spellingLanguages(): SpellingLanguages;
  /** Chooses and keeps the spell checker's languages (a checked list of codes; availability is the session's to judge). */
  setSpellingLanguages(languages: string[]): void;
  openStoryWindow(storyId: string): void;
  /** Saves the asking window's page as a PDF; false when cancelled. */
  savePdf(suggestedName: string): Promise<boolean>;
  /** The newsroom dictionary's words for the spell checker, and whether the user may add to it (electron/main/newsroom-dictionary.ts). */
  useNewsroomDictionary(words: string[], canAdd: boolean): Promise<void>;
}

/** Registers every DesktopBridge channel on `ipcMain`. */
export function registerIpc(ipcMain: IpcHandlerRegistry, deps: IpcDeps): void {
  const route = (channel: string, run: (args: unknown[], sender: IpcSenderEvent['sender']) => unknown) =>
    ipcMain.handle(channel, (event, ...args) => {
      deps.checkSender(event);
      return run(args, event.sender);
    });

  route(IPC_CHANNELS.appVersion, (args) => {
    expectArgumentCount(args, 0);
    return deps.appVersion();
  });
  route(IPC_CHANNELS.openTextFile, (args) => {
    expectArgumentCount(args, 0);
    return deps.openTextFile();
  });
  route(IPC_CHANNELS.openImageFiles, (args) => {
    expectArgumentCount(args, 0);
    return deps.openImageFiles();
  });
  route(IPC_CHANNELS.saveExport, (args) => {
    expectArgumentCount(args, 2);
    return deps.saveExport(expectString(args[0], 'suggestedName', IPC_LIMITS.fileName), expectString(args[1], 'content', IPC_LIMITS.exportContent));
  });
  route(IPC_CHANNELS.notify, (args) => {
    expectArgumentCount(args, 3);
    deps.notify({
      title: expectString(args[0], 'title', IPC_LIMITS.notificationTitle),
      body: expectString(args[1], 'body', IPC_LIMITS.notificationBody),
      storyId: args[2] === null ? null : expectStoryId(args[2]),
    });
  });
  route(IPC_CHANNELS.setBadgeCount, (args) => {
    expectArgumentCount(args, 1);
    deps.setBadgeCount(expectCount(args[0]));
  });
  route(IPC_CHANNELS.storeSession, (args) => {
    expectArgumentCount(args, 1);
    return deps.storeSession(expectStringOrNull(args[0], 'session', IPC_LIMITS.session));
  });
  route(IPC_CHANNELS.readSession, (args) => {
    expectArgumentCount(args, 0);
    return deps.readSession();
  });
  route(IPC_CHANNELS.openExternal, (args) => {
    expectArgumentCount(args, 1);
    return deps.openExternal(expectString(args[0], 'url', IPC_LIMITS.url));
  });
  route(IPC_CHANNELS.setExportChoices, (args, sender) => {
    expectArgumentCount(args, 1);
    deps.setExportChoices(expectExportChoices(args[0], IPC_LIMITS.exportRevisions), sender);
  });
  route(IPC_CHANNELS.spellingLanguages, (args) => {
    expectArgumentCount(args, 0);
    return deps.spellingLanguages();
  });
  route(IPC_CHANNELS.setSpellingLanguages, (args) => {
    expectArgumentCount(args, 1);
    deps.setSpellingLanguages(expectLanguages(args[0]));
  });
  route(IPC_CHANNELS.openStoryWindow, (args) => {
    expectArgumentCount(args, 1);
    deps.openStoryWindow(expectStoryId(args[0]));
  });
  route(IPC_CHANNELS.savePdf, (args) => {
    expectArgumentCount(args, 1);
    return deps.savePdf(expectString(args[0], 'suggestedName', IPC_LIMITS.fileName));
  });
  route(IPC_CHANNELS.useNewsroomDictionary, (args) => {
    expectArgumentCount(args, 2);
    return deps.useNewsroomDictionary(expectDictionaryWords(args[0]), expectBoolean(args[1], 'canAdd'));
  });
}
