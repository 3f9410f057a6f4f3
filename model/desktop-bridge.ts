// The contract between the Electron preload and the renderer: one typed function per action.
// The preload implements it with IPC; in a plain browser the renderer falls back to web APIs.
import type { VersionRef } from './api-types.ts';

/** Commands the application menu sends to the renderer. */
export type MenuCommand = 'new-story' | 'import-text' | 'add-picture' | 'export' | 'close-story' | 'open-in-window';

/** A text file the user picked. */
export interface PickedTextFile {
  name: string;
  text: string;
}

/** An image file the user picked: its name, MIME type by extension (the server checks the bytes), and content. */
export interface PickedImageFile {
  name: string;
  type: string;
  data: Uint8Array;
}

/** The versions the open story offers for export, for File › Export Version: its approved revision (or null) and every revision's number. */
export interface ExportChoices {
  approvedRevision: number | null;
  revisions: number[];
}

/** The spell checker's languages: those it has dictionaries for, and those chosen (empty: the OS locale). */
export interface SpellingLanguages {
  available: string[];
  chosen: string[];
}

/** What the desktop shell offers the renderer, exposed as `window.newsroomDesktop`. */
export interface DesktopBridge {
  /** The app's version. */
  appVersion(): Promise<string>;
  /** Asks the user for a plain-text story to import; null when cancelled. */
  openTextFile(): Promise<PickedTextFile | null>;
  /** Asks for one or more pictures (JPEG, PNG, WebP, GIF); an empty list when cancelled. */
  openImageFiles(): Promise<PickedImageFile[]>;
  /** Asks where to save an export and writes `content` there; false when cancelled. */
  saveExport(suggestedName: string, content: string): Promise<boolean>;
  /** Shows a system notification; one about a story (`storyId`) opens it when clicked. */
  notify(title: string, body: string, storyId?: string | null): Promise<void>;
  /** Sets the dock/taskbar badge (0 clears it); the browser sets the app badge where it can. */
  setBadgeCount(count: number): Promise<void>;
  /** Keeps the signed-in session (encrypted with the OS keychain where available); null forgets it. */
  storeSession(session: string | null): Promise<void>;
  /** The kept session, or null. */
  readSession(): Promise<string | null>;
  /** Opens an http(s) link in the system browser; anything else is refused. */
  openExternal(url: string): Promise<void>;
  /** Calls `listener` for each menu command; returns a function that stops it. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Tells the menu which versions the open story offers for export; null when no story is open. */
  setExportChoices(choices: ExportChoices | null): Promise<void>;
  /** Calls `listener` with the version chosen in File › Export Version; returns a function that stops it. */
  onExportVersion(listener: (version: VersionRef) => void): () => void;
  /** The spell checker's languages (a browser uses its own: none listed). */
  spellingLanguages(): Promise<SpellingLanguages>;
  /** Chooses the spell checker's languages (kept on this computer); refused unless each is available. */
  setSpellingLanguages(languages: string[]): Promise<void>;
  /** Opens `storyId` in its own window (or brings its window forward); the browser opens a tab. */
  openStoryWindow(storyId: string): Promise<void>;
  /** Asks where to save, then saves the asking window's page as a PDF (its print stylesheet applies); false when cancelled. */
  savePdf(suggestedName: string): Promise<boolean>;
  /**
   * Hands the newsroom dictionary's words to the spell checker (accepted from now on; words taken
   * out of it are no longer) and says whether the context menu offers `Add to Newsroom Dictionary`
   * (`canAdd`: the user may change it). `([], false)` at sign-out. The browser's spell checker is its own.
   */
  useNewsroomDictionary(words: string[], canAdd: boolean): Promise<void>;
  /** Calls `listener` with each word chosen in the context menu's Add to Newsroom Dictionary (the page adds it on the server); returns a function that stops it. */
  onAddToNewsroomDictionary(listener: (word: string) => void): () => void;
}

/** The most revisions File › Export Version lists (the newest); older ones are in the Export dialog. */
export const MENU_REVISIONS_MAX = 20;

/** Whether `value` is a version the menu may send: `approved`, `live` or a revision number. */
export function isVersionRef(value: unknown): value is VersionRef {
  return value === 'approved' || value === 'live' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1);
}

/** The global name under which the preload exposes the bridge. */
export const DESKTOP_BRIDGE_GLOBAL = 'newsroomDesktop';

/** Every menu command, for validating what arrives over IPC. */
export const MENU_COMMANDS: readonly MenuCommand[] = ['new-story', 'import-text', 'add-picture', 'export', 'close-story', 'open-in-window'];
