// The Electron main process: only wiring. Every decision is made by the functions imported
// here, which take Electron's objects as parameters and are tested in Node without Electron.
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell, type OpenDialogOptions } from 'electron';
import type { ExportChoices } from '../../model/desktop-bridge.ts';
import { EXPORT_VERSION_CHANNEL, MENU_COMMAND_CHANNEL } from '../shared/ipc-channels.ts';
import { aboutDialogOptions, type AppInfo } from './about-dialog.ts';
import { buildMenuTemplate } from './app-menu.ts';
import { installContextMenu } from './context-menu.ts';
import { builtPaths, userDataFiles } from './app-paths.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { installContentSecurityPolicy } from './content-security-policy.ts';
import { saveExport } from './export-save.ts';
import { openExternalSafely } from './external-links.ts';
import { openImageFiles } from './image-file-import.ts';
import { registerIpc } from './ipc-handlers.ts';
import { assertTrustedSender } from './ipc-sender.ts';
import { installNavigationGuards } from './navigation-guards.ts';
import { installPermissionHandlers } from './permissions.ts';
import { applySpellCheckerLanguages, chooseSpellCheckerLanguages, preferencesStore } from './preferences.ts';
import { rendererTarget } from './renderer-target.ts';
import { sessionStore } from './session-store.ts';
import { openTextFile } from './text-file-import.ts';
import { createMainWindow } from './window-options.ts';
import { trackWindowState, windowStateStore } from './window-state.ts';

// Windows shows notifications only for an app with a user model id; the same id as electron-builder.yml's appId.
const APP_USER_MODEL_ID = 'org.newsroom.app';

// Both must happen before `ready`: the scheme's privileges, and sandboxing every renderer even if an option were forgotten.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const target = rendererTarget(process.env, app.isPackaged);
const appInfo: AppInfo = { name: app.name, version: app.getVersion(), isPackaged: app.isPackaged, platform: process.platform };
let mainWindow: BrowserWindow | null = null;
/** The open story's versions, as the renderer last told them (File › Export Version). */
let exportChoices: ExportChoices | null = null;

function openMainWindow(): void {
  const windowState = windowStateStore(fs, userDataFiles(app.getPath('userData')).windowState, screen);
  const window = createMainWindow({ BrowserWindow, placement: windowState.load(), preloadPath: builtPaths(app.getAppPath()).preload, title: app.name });
  installNavigationGuards(window.webContents, { shell, appOrigin: target.origin });
  trackWindowState(window, windowState);
  installContextMenu(window.webContents, (template) => Menu.buildFromTemplate(template).popup({ window }), process.platform);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  window.loadURL(target.url).catch((error: unknown) => console.error(`Could not load the renderer from ${target.url}:`, error));
}

function wireIpc(preferences: ReturnType<typeof preferencesStore>): void {
  const sessions = sessionStore({
    safeStorage,
    fs: fsPromises,
    filePath: userDataFiles(app.getPath('userData')).session,
    warn: (message) => console.warn(message),
  });
  const showOpenDialog = (options: OpenDialogOptions) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options));
  registerIpc(ipcMain, {
    checkSender: (event) => assertTrustedSender(event, mainWindow?.webContents ?? null, target.origin),
    appVersion: () => app.getVersion(),
    openTextFile: () => openTextFile({ showOpenDialog, fs: fsPromises }),
    openImageFiles: () => openImageFiles({ showOpenDialog, fs: fsPromises }),
    saveExport: (suggestedName, content) =>
      saveExport(
        { showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)), fs: fsPromises },
        suggestedName,
        content,
      ),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    storeSession: (value) => sessions.store(value),
    readSession: () => sessions.read(),
    openExternal: (url) => openExternalSafely(shell, url),
    setExportChoices: (choices) => {
      exportChoices = choices;
      installMenu();
    },
    spellingLanguages: () => ({
      available: [...session.defaultSession.availableSpellCheckerLanguages],
      chosen: preferences.load().spellCheckerLanguages,
    }),
    setSpellingLanguages: (languages) => chooseSpellCheckerLanguages(session.defaultSession, preferences, languages),
  });
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      send: (command) => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command),
      exportVersion: (version) => mainWindow?.webContents.send(EXPORT_VERSION_CHANNEL, version),
      showAbout: () => {
        const options = aboutDialogOptions(appInfo, process.versions);
        void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
      },
    },
    appInfo,
    exportChoices,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app
  .whenReady()
  .then(() => {
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(builtPaths(app.getAppPath()).rendererRoot, (file) => fsPromises.readFile(file)));
    installContentSecurityPolicy(session.defaultSession.webRequest, target.origin);
    installPermissionHandlers(session.defaultSession);
    const preferences = preferencesStore(fs, userDataFiles(app.getPath('userData')).preferences);
    applySpellCheckerLanguages(session.defaultSession, preferences.load().spellCheckerLanguages);
    wireIpc(preferences);
    installMenu();
    openMainWindow();
    // macOS keeps the app running without windows; clicking the dock icon opens one again.
    app.on('activate', () => {
      if (mainWindow === null) openMainWindow();
    });
  })
  .catch((error: unknown) => {
    console.error('Newsroom could not start:', error);
    app.exit(1);
  });
