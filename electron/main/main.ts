// The Electron main process: only wiring. Every decision is made by the functions imported
// here, which take Electron's objects as parameters and are tested in Node without Electron.
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, screen, session, shell, type OpenDialogOptions, type WebContents } from 'electron';
import type { ExportChoices } from '../../model/desktop-bridge.ts';
import { EXPORT_VERSION_CHANNEL, MENU_COMMAND_CHANNEL } from '../shared/ipc-channels.ts';
import { aboutDialogOptions, type AppInfo } from './about-dialog.ts';
import { buildMenuTemplate } from './app-menu.ts';
import { appWindows, handleLaunch } from './app-windows.ts';
import { installContextMenu } from './context-menu.ts';
import { builtPaths, userDataFiles } from './app-paths.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { installContentSecurityPolicy } from './content-security-policy.ts';
import { saveExport } from './export-save.ts';
import { savePdf } from './pdf-save.ts';
import { openExternalSafely } from './external-links.ts';
import { openImageFiles } from './image-file-import.ts';
import { registerIpc } from './ipc-handlers.ts';
import { assertTrustedSender } from './ipc-sender.ts';
import { installNavigationGuards } from './navigation-guards.ts';
import { newsroomDictionary } from './newsroom-dictionary.ts';
import { showNotification } from './notifications.ts';
import { taskbarBadge } from './taskbar-badge.ts';
import { installPermissionHandlers } from './permissions.ts';
import { applySpellCheckerLanguages, chooseSpellCheckerLanguages, preferencesStore } from './preferences.ts';
import { rendererTarget } from './renderer-target.ts';
import { sessionStore } from './session-store.ts';
import { STORY_LINK_SCHEME, storyIdFromArgv, storyIdFromLink, storyWindowUrl } from './story-links.ts';
import { openTextFile } from './text-file-import.ts';
import { createMainWindow } from './window-options.ts';
import { startUpdates, updateFeedUrl } from './updates.ts';
import { storyWindowStateStore, trackWindowState, windowStateStore, type WindowPlacement } from './window-state.ts';

// Windows shows notifications only for an app with a user model id; the same id as electron-builder.yml's appId.
const APP_USER_MODEL_ID = 'org.newsroom.app';

// Both must happen before `ready`: the scheme's privileges, and sandboxing every renderer even if an option were forgotten.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

// One app per user: a second launch (or a newsroom:// link the OS starts us for) hands its
// command line to the running app through 'second-instance', and quits.
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.quit();

const target = rendererTarget(process.env, app.isPackaged);
const appInfo: AppInfo = { name: app.name, version: app.getVersion(), isPackaged: app.isPackaged, platform: process.platform };
/** Each window's open story's versions, as its renderer last told them (File › Export Version shows the focused window's). */
const exportChoices = new Map<unknown, ExportChoices | null>();
/** The dock/taskbar badge (on Windows an overlay icon on each window's taskbar button). */
const badge = taskbarBadge({
  platform: process.platform,
  app,
  windows: () => BrowserWindow.getAllWindows(),
  image: (pixels, size) => nativeImage.createFromBitmap(pixels, { width: size, height: size, scaleFactor: 2 }),
});
/** The newsroom dictionary in the spell checker (made once the app is ready: it needs the session and userData). */
let dictionary: ReturnType<typeof newsroomDictionary> | null = null;

// A window of either kind: placed, guarded, with the context menu, its bounds kept when it closes.
function openWindow(placement: WindowPlacement, url: string, keepBounds: (window: BrowserWindow) => void): BrowserWindow {
  const window = createMainWindow({ BrowserWindow, placement, preloadPath: builtPaths(app.getAppPath()).preload, title: app.name });
  installNavigationGuards(window.webContents, { shell, appOrigin: target.origin, openStory: (storyId) => windows.showStory(storyId) });
  installContextMenu(window.webContents, (template) => Menu.buildFromTemplate(template).popup({ window }), process.platform, () => dictionary?.mayAdd ?? false);
  keepBounds(window);
  badge.show(window);
  // The menu follows the focused window (its story's versions); a closed window's are forgotten.
  const contents = window.webContents;
  window.on('focus', () => installMenu());
  window.on('closed', () => exportChoices.delete(contents));
  window.loadURL(url).catch((error: unknown) => console.error(`Could not load the renderer from ${url}:`, error));
  return window;
}

const windows = appWindows<WebContents, BrowserWindow>({
  createList: () => {
    const state = windowStateStore(fs, userDataFiles(app.getPath('userData')).windowState, screen);
    return openWindow(state.load(), target.url, (window) => trackWindowState(window, state));
  },
  createStory: (storyId) => {
    const states = storyWindowStateStore(fs, userDataFiles(app.getPath('userData')).storyWindows, screen);
    return openWindow(states.load(storyId), storyWindowUrl(target.url, storyId), (window) =>
      trackWindowState(window, { save: (state) => states.save(storyId, state) }),
    );
  },
});
/** The window dialogs belong to and menu commands go to. */
const currentWindow = () => windows.current();

function wireIpc(preferences: ReturnType<typeof preferencesStore>, words: ReturnType<typeof newsroomDictionary>): void {
  const sessions = sessionStore({
    safeStorage,
    fs: fsPromises,
    filePath: userDataFiles(app.getPath('userData')).session,
    warn: (message) => console.warn(message),
  });
  const showOpenDialog = (options: OpenDialogOptions) => {
    const parent = currentWindow();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };
  registerIpc(ipcMain, {
    checkSender: (event) => assertTrustedSender(event, windows.ours(event.sender), target.origin),
    appVersion: () => app.getVersion(),
    openTextFile: () => openTextFile({ showOpenDialog, fs: fsPromises }),
    openImageFiles: () => openImageFiles({ showOpenDialog, fs: fsPromises }),
    saveExport: (suggestedName, content) =>
      saveExport(
        {
          showSaveDialog: (options) => {
            const parent = currentWindow();
            return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
          },
          fs: fsPromises,
        },
        suggestedName,
        content,
      ),
    notify: (request) => showNotification(Notification, request, (storyId) => windows.showStory(storyId)),
    setBadgeCount: (count) => badge.set(count),
    storeSession: (value) => sessions.store(value),
    readSession: () => sessions.read(),
    openExternal: (url) => openExternalSafely(shell, url),
    setExportChoices: (choices, sender) => {
      exportChoices.set(sender, choices);
      installMenu();
    },
    spellingLanguages: () => ({
      available: [...session.defaultSession.availableSpellCheckerLanguages],
      chosen: preferences.load().spellCheckerLanguages,
    }),
    setSpellingLanguages: (languages) => chooseSpellCheckerLanguages(session.defaultSession, preferences, languages),
    openStoryWindow: (storyId) => void windows.showStory(storyId),
    savePdf: async (suggestedName) => {
      const window = currentWindow();
      if (!window) return false;
      return savePdf({ showSaveDialog: (options) => dialog.showSaveDialog(window, options), printToPDF: (options) => window.webContents.printToPDF(options), fs: fsPromises }, suggestedName);
    },
    useNewsroomDictionary: (list, canAdd) => words.use(list, canAdd),
  });
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      send: (command) => currentWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command),
      exportVersion: (version) => currentWindow()?.webContents.send(EXPORT_VERSION_CHANNEL, version),
      showAbout: () => {
        const options = aboutDialogOptions(appInfo, process.versions);
        const parent = currentWindow();
        void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
      },
    },
    appInfo,
    exportChoices.get(currentWindow()?.webContents) ?? null,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// Updates, only from a configured feed and only in a packaged app (electron-updater needs its
// installer's metadata); electron-updater is loaded only then.
async function checkForUpdates(configured: string | null): Promise<void> {
  const feedUrl = app.isPackaged ? updateFeedUrl(process.env, configured) : null;
  if (feedUrl === null) return;
  const { autoUpdater } = await import('electron-updater');
  await startUpdates({
    updater: autoUpdater,
    feedUrl,
    appName: app.name,
    ask: async (options) => {
      const parent = currentWindow();
      return (await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options))).response;
    },
    warn: (message) => console.warn(message),
  });
}

app.on('second-instance', (_event, argv) => {
  if (app.isReady()) handleLaunch(storyIdFromArgv(argv), windows);
});
// macOS hands newsroom:// links to the running app (or the one starting) as 'open-url'.
app.on('open-url', (event, url) => {
  event.preventDefault();
  const storyId = storyIdFromLink(url);
  if (storyId === null) return;
  if (app.isReady()) windows.showStory(storyId);
  else void app.whenReady().then(() => windows.showStory(storyId));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app
  .whenReady()
  .then(() => {
    // The second instance only hands over its command line (see requestSingleInstanceLock above).
    if (!isFirstInstance) return;
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(builtPaths(app.getAppPath()).rendererRoot, (file) => fsPromises.readFile(file)));
    installContentSecurityPolicy(session.defaultSession.webRequest, target.origin);
    installPermissionHandlers(session.defaultSession);
    const preferences = preferencesStore(fs, userDataFiles(app.getPath('userData')).preferences);
    applySpellCheckerLanguages(session.defaultSession, preferences.load().spellCheckerLanguages);
    dictionary = newsroomDictionary(session.defaultSession, fs, userDataFiles(app.getPath('userData')).newsroomWords);
    wireIpc(preferences, dictionary);
    installMenu();
    // newsroom://story/ID links start (or reach) this app; in development, this Electron with our path.
    if (app.isPackaged) app.setAsDefaultProtocolClient(STORY_LINK_SCHEME);
    windows.showList();
    // Started by a link (Windows, Linux): the story too, beside the list.
    const linked = storyIdFromArgv(process.argv);
    if (linked !== null) windows.showStory(linked);
    checkForUpdates(preferences.load().updateFeedUrl).catch((error: unknown) => console.warn('Updates are off:', error));
    // macOS keeps the app running without windows; clicking the dock icon opens the list again.
    app.on('activate', () => {
      if (windows.list === null && windows.storyIds.length === 0) windows.showList();
    });
  })
  .catch((error: unknown) => {
    console.error('Newsroom could not start:', error);
    app.exit(1);
  });
