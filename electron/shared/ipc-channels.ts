// IPC channel names, shared by the main process and the preload (plain constants: this file
// must stay importable from both, so it imports nothing).

/** One invoke channel per DesktopBridge action; main answers each with `ipcMain.handle`. */
export const IPC_CHANNELS = {
  appVersion: 'newsroom:app-version',
  openTextFile: 'newsroom:open-text-file',
  openImageFiles: 'newsroom:open-image-files',
  saveExport: 'newsroom:save-export',
  notify: 'newsroom:notify',
  storeSession: 'newsroom:store-session',
  readSession: 'newsroom:read-session',
  openExternal: 'newsroom:open-external',
  setExportChoices: 'newsroom:set-export-choices',
  spellingLanguages: 'newsroom:spelling-languages',
  setSpellingLanguages: 'newsroom:set-spelling-languages',
  openStoryWindow: 'newsroom:open-story-window',
  savePdf: 'newsroom:save-pdf',
  setBadgeCount: 'newsroom:set-badge-count',
  useNewsroomDictionary: 'newsroom:use-newsroom-dictionary',
} as const;

/** The one channel on which main sends menu commands to the renderer. */
export const MENU_COMMAND_CHANNEL = 'newsroom:menu-command';

/** The channel on which main sends the version chosen in File › Export Version. */
export const EXPORT_VERSION_CHANNEL = 'newsroom:export-version';

/** The channel on which main sends the word chosen in the context menu's Add to Newsroom Dictionary. */
export const NEWSROOM_WORD_CHANNEL = 'newsroom:add-newsroom-word';
