// The two entry points, main.ts and preload.ts, loaded in Node against a fake 'electron' module:
// checks that they wire the tested pieces together (nothing here starts Electron or shows a
// window; the fakes only record what the entry points ask of Electron).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEmitter as Emitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_BRIDGE_GLOBAL, type DesktopBridge } from '../../model/desktop-bridge.ts';
import { EXPORT_VERSION_CHANNEL, IPC_CHANNELS, MENU_COMMAND_CHANNEL, NEWSROOM_WORD_CHANNEL } from '../../electron/shared/ipc-channels.ts';
import { OPEN_IMAGE_FILES_OPTIONS } from '../../electron/main/image-file-import.ts';

// Hoisted above the imports, like vi.mock, so the fake exists when main.ts asks for 'electron'.
const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWebContents extends EventEmitter {
    mainFrame = { url: '', processId: 7, frameToken: 'main' };
    sent: unknown[][] = [];
    openHandler: ((details: { url: string }) => unknown) | undefined;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.openHandler = handler;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    pdfOptions: unknown[] = [];
    async printToPDF(options: unknown) {
      this.pdfOptions.push(options);
      return Uint8Array.from([0x25, 0x50, 0x44, 0x46]);
    }
  }
  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadedUrl = '';
    shown = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }
    show() {
      this.shown = true;
    }
    maximize() {}
    focused = false;
    focus() {
      this.focused = true;
    }
    isFocused() {
      return this.focused;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 };
    }
    isMaximized() {
      return false;
    }
  }
  const state = {
    appRoot: '',
    userData: '',
    becomeReady: () => {},
    schemes: [] as unknown[],
    sandboxed: false,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    menu: undefined as undefined | { template: Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }> },
    openDialogCalls: [] as unknown[][],
    openDialogResult: { canceled: true, filePaths: [] as string[] },
    saveDialogResult: { canceled: true, filePath: '' },
    permissionCheck: undefined as undefined | ((webContents: unknown, permission: string) => boolean),
    headersHook: false,
    spellCheckerLanguages: [] as string[][],
    notifications: [] as Emitter[],
    badgeCounts: [] as number[],
    spellCheckerWords: new Set<string>(),
    popups: [] as unknown[],
    exposed: undefined as undefined | { name: string; api: DesktopBridge },
    ipcRenderer: new EventEmitter() as Emitter & { invoke?: (channel: string, ...args: unknown[]) => Promise<unknown> },
  };
  const ready = new Promise<void>((resolve) => (state.becomeReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    name: 'Newsroom',
    isPackaged: false,
    getVersion: () => '0.1.0',
    getAppPath: () => state.appRoot,
    getPath: () => state.userData,
    whenReady: () => ready,
    enableSandbox: () => (state.sandboxed = true),
    quit: () => {},
    exit: () => {},
    setAppUserModelId: () => {},
    requestSingleInstanceLock: () => true,
    isReady: () => true,
    setAsDefaultProtocolClient: () => true,
    setBadgeCount: (count: number) => state.badgeCounts.push(count) > 0,
  });
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => (state.headersHook = true) },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: (handler: (webContents: unknown, permission: string) => boolean) => (state.permissionCheck = handler),
        availableSpellCheckerLanguages: ['en-US', 'de'],
        setSpellCheckerLanguages: (languages: string[]) => state.spellCheckerLanguages.push(languages),
        addWordToSpellCheckerDictionary: (word: string) => state.spellCheckerWords.add(word).has(word),
        removeWordFromSpellCheckerDictionary: (word: string) => state.spellCheckerWords.delete(word),
        listWordsInSpellCheckerDictionary: async () => [...state.spellCheckerWords],
      },
    },
    ipcMain: { handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => state.ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => ({ template, popup: () => state.popups.push(template) }), setApplicationMenu: (menu: typeof state.menu) => (state.menu = menu) },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        state.openDialogCalls.push(args);
        return state.openDialogResult;
      },
      showSaveDialog: async () => state.saveDialogResult,
      showMessageBox: async () => ({ response: 0 }),
    },
    Notification: Object.assign(
      class extends EventEmitter {
        constructor(readonly options: { title: string; body: string }) {
          super();
          state.notifications.push(this);
        }
        show() {}
      },
      { isSupported: () => true },
    ),
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text).reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: async () => {} },
    contextBridge: { exposeInMainWorld: (name: string, api: DesktopBridge) => (state.exposed = { name, api }) },
    ipcRenderer: state.ipcRenderer,
  };
  return { state, electron, FakeBrowserWindow };
});

vi.mock('electron', () => fake.electron);

const { state, FakeBrowserWindow } = fake;

beforeAll(async () => {
  vi.stubEnv('NEWSROOM_RENDERER_URL', '');
  state.appRoot = mkdtempSync(join(tmpdir(), 'newsroom-approot-'));
  state.userData = mkdtempSync(join(tmpdir(), 'newsroom-userdata-'));
  mkdirSync(join(state.appRoot, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(state.appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Newsroom</title>');
  await import('../../electron/main/main.ts');
  state.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(state.appRoot, { recursive: true, force: true });
  rmSync(state.userData, { recursive: true, force: true });
});

const window = () => FakeBrowserWindow.created[0];

describe('main.ts', () => {
  it('registers app: as privileged and sandboxes every renderer before ready', () => {
    expect(state.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(state.sandboxed).toBe(true);
  });

  it('opens one secure window on the built renderer, with the built preload', () => {
    expect(window().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window().options.webPreferences.preload).toBe(join(state.appRoot, 'dist', 'electron', 'preload', 'preload.cjs'));
    expect(window().loadedUrl).toBe('app://newsroom/index.html');
    expect(window().shown).toBe(false);
    window().emit('ready-to-show');
    expect(window().shown).toBe(true);
  });

  it('guards navigation, denies permissions, installs the CSP hook and serves app:// with the CSP', async () => {
    expect(window().webContents.listenerCount('will-navigate')).toBe(1);
    expect(window().webContents.listenerCount('will-redirect')).toBe(1);
    expect(window().webContents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(state.permissionCheck?.(null, 'media')).toBe(false);
    expect(state.headersHook).toBe(true);
    const response = await state.protocolHandlers.get('app')?.(new Request('app://newsroom/stories/1'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('handles every bridge channel, refusing a frame that is not the window main frame', async () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    const appVersion = state.ipcHandlers.get(IPC_CHANNELS.appVersion);
    const contents = window().webContents;
    expect(() => appVersion?.({ sender: contents, senderFrame: { ...contents.mainFrame, frameToken: 'iframe' } })).toThrow(/IPC refused/);
    expect(appVersion?.({ sender: contents, senderFrame: contents.mainFrame })).toBe('0.1.0');
  });

  it('sends menu commands to the window on the menu channel', () => {
    expect(state.menu?.template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = state.menu?.template[0].submenu ?? [];
    file[0].click?.();
    expect(window().webContents.sent).toEqual([[MENU_COMMAND_CHANNEL, 'new-story']]);
    file.find((item) => item.label === 'Add Picture…')?.click?.();
    expect(window().webContents.sent).toEqual([
      [MENU_COMMAND_CHANNEL, 'new-story'],
      [MENU_COMMAND_CHANNEL, 'add-picture'],
    ]);
  });

  it('pops up the context menu on a right-click in the window', () => {
    window().webContents.emit('context-menu', {}, { isEditable: true, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true } });
    expect(state.popups).toEqual([expect.arrayContaining([expect.objectContaining({ role: 'paste' })])]);
  });

  it('remembers the window bounds when it closes', () => {
    window().emit('close');
    expect(JSON.parse(readFileSync(join(state.userData, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
  });
});

describe('preload.ts', () => {
  it('exposes the DesktopBridge, whose calls reach the main handlers end to end', async () => {
    const contents = window().webContents;
    // Like Electron's IPC: arguments and answers cross by structured clone (a Buffer arrives as a
    // plain Uint8Array, a function would throw), and a handler's throw becomes a rejection.
    state.ipcRenderer.invoke = async (channel, ...args) => {
      const handler = state.ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ sender: contents, senderFrame: contents.mainFrame }, ...structuredClone(args)));
    };
    await import('../../electron/preload/preload.ts');
    expect(state.exposed?.name).toBe(DESKTOP_BRIDGE_GLOBAL);
    const bridge = state.exposed!.api;
    expect(await bridge.appVersion()).toBe('0.1.0');
    await bridge.storeSession('{"token":"abc"}');
    expect(readFileSync(join(state.userData, 'session.json'), 'utf8')).not.toContain('abc');
    expect(await bridge.readSession()).toBe('{"token":"abc"}');
    await expect(bridge.openExternal('file:///etc/passwd')).rejects.toThrow(/Only http and https/);
    const commands: string[] = [];
    const stop = bridge.onMenuCommand((command) => commands.push(command));
    state.ipcRenderer.emit(MENU_COMMAND_CHANNEL, {}, 'export');
    stop();
    state.ipcRenderer.emit(MENU_COMMAND_CHANNEL, {}, 'export');
    expect(commands).toEqual(['export']);
  });

  it('setExportChoices rebuilds File › Export Version, whose items send their version to the window', async () => {
    const bridge = state.exposed!.api;
    const exportVersion = () => state.menu?.template[0].submenu?.find((item) => item.label === 'Export Version') as
      | { enabled?: boolean; submenu?: Array<{ label?: string; click?: () => void }> }
      | undefined;
    expect(exportVersion()?.enabled).toBe(false);
    await bridge.setExportChoices({ approvedRevision: 1, revisions: [1, 2] });
    expect(exportVersion()?.enabled).not.toBe(false);
    const sent = window().webContents.sent.length;
    exportVersion()?.submenu?.find((item) => item.label === 'Approved (Revision 1)…')?.click?.();
    exportVersion()?.submenu?.find((item) => item.label === 'Revision 2…')?.click?.();
    expect(window().webContents.sent.slice(sent)).toEqual([
      [EXPORT_VERSION_CHANNEL, 'approved'],
      [EXPORT_VERSION_CHANNEL, 2],
    ]);
    const versions: unknown[] = [];
    const stop = bridge.onExportVersion((version) => versions.push(version));
    state.ipcRenderer.emit(EXPORT_VERSION_CHANNEL, {}, 'live');
    stop();
    expect(versions).toEqual(['live']);
    await bridge.setExportChoices(null);
    expect(exportVersion()?.enabled).toBe(false);
    // A story window's choices show while it has the focus, the list window's again when it has.
    await bridge.setExportChoices({ approvedRevision: 1, revisions: [1] });
    await bridge.openStoryWindow('menu-story');
    const story = FakeBrowserWindow.created.at(-1)!;
    story.focused = true;
    story.emit('focus');
    expect(exportVersion()?.enabled).toBe(false);
    story.focused = false;
    window().emit('focus');
    expect(exportVersion()?.enabled).not.toBe(false);
    await bridge.setExportChoices(null);
    story.emit('closed');
    await expect(bridge.setExportChoices({ approvedRevision: 'x' } as never)).rejects.toThrow(/approvedRevision/);
  });

  it('spelling languages: lists what the session has, keeps a choice and applies it', async () => {
    const bridge = state.exposed!.api;
    expect(await bridge.spellingLanguages()).toEqual({ available: ['en-US', 'de'], chosen: [] });
    await bridge.setSpellingLanguages(['de']);
    expect(state.spellCheckerLanguages.at(-1)).toEqual(['de']);
    expect(await bridge.spellingLanguages()).toEqual({ available: ['en-US', 'de'], chosen: ['de'] });
    expect(JSON.parse(readFileSync(join(state.userData, 'preferences.json'), 'utf8'))).toEqual({ spellCheckerLanguages: ['de'], updateFeedUrl: null });
    await expect(bridge.setSpellingLanguages(['fr'])).rejects.toThrow(/No spelling dictionary/);
  });

  it('the newsroom dictionary reaches the spell checker, and the context menu offers to add to it while the user may', async () => {
    const bridge = state.exposed!.api;
    const rightClick = () => {
      window().webContents.emit('context-menu', {}, { isEditable: true, selectionText: '', misspelledWord: 'Zelenskyy', dictionarySuggestions: [], editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true } });
      return state.popups.at(-1) as { label?: string; click?: () => void }[];
    };
    expect(rightClick().map((item) => item.label)).not.toContain('Add to Newsroom Dictionary');
    await bridge.useNewsroomDictionary(['Kraków', 'Odesa'], true);
    expect([...state.spellCheckerWords].sort()).toEqual(['Kraków', 'Odesa']);
    expect(JSON.parse(readFileSync(join(state.userData, 'newsroom-words.json'), 'utf8'))).toEqual(['Kraków', 'Odesa']);
    window().webContents.sent.length = 0;
    rightClick().find((item) => item.label === 'Add to Newsroom Dictionary')?.click?.();
    expect(window().webContents.sent).toEqual([[NEWSROOM_WORD_CHANNEL, 'Zelenskyy']]);
    await bridge.useNewsroomDictionary([], false);
    expect([...state.spellCheckerWords]).toEqual([]);
    expect(rightClick().map((item) => item.label)).not.toContain('Add to Newsroom Dictionary');
    await expect(bridge.useNewsroomDictionary(['New York'], false)).rejects.toThrow(/dictionary words/);
  });

  it('openStoryWindow opens the story in a second window, whose calls are answered too; a second launch with a link opens its story', async () => {
    const bridge = state.exposed!.api;
    await bridge.openStoryWindow('abc');
    const story = FakeBrowserWindow.created.at(-1)!;
    expect(story).not.toBe(window());
    expect(story.loadedUrl).toBe('app://newsroom/index.html#/stories/abc');
    const appVersion = state.ipcHandlers.get(IPC_CHANNELS.appVersion);
    expect(appVersion?.({ sender: story.webContents, senderFrame: story.webContents.mainFrame })).toBe('0.1.0');
    await bridge.openStoryWindow('abc');
    expect(FakeBrowserWindow.created.at(-1)).toBe(story);
    (await import('electron')).app.emit('second-instance', {}, ['/usr/bin/newsroom', 'newsroom://story/xyz']);
    expect(FakeBrowserWindow.created.at(-1)?.loadedUrl).toBe('app://newsroom/index.html#/stories/xyz');
    story.emit('closed');
    expect(() => appVersion?.({ sender: story.webContents, senderFrame: story.webContents.mainFrame })).toThrow(/IPC refused/);
  });

  it('savePdf renders the focused window with printToPDF and writes it where the user chose; cancelling renders nothing', async () => {
    const bridge = state.exposed!.api;
    expect(await bridge.savePdf('Bridge reopens.pdf')).toBe(false);
    expect(window().webContents.pdfOptions).toEqual([]);
    const target = join(state.userData, 'story.pdf');
    state.saveDialogResult = { canceled: false, filePath: target };
    expect(await bridge.savePdf('Bridge reopens.pdf')).toBe(true);
    expect(window().webContents.pdfOptions).toEqual([expect.objectContaining({ pageSize: 'A4' })]);
    expect(readFileSync(target, 'latin1')).toBe('%PDF');
    state.saveDialogResult = { canceled: true, filePath: '' };
  });

  it('a notification about a story opens it in its own window when clicked; the badge reaches the dock', async () => {
    const bridge = state.exposed!.api;
    await bridge.notify('Assigned to you', 'Bridge reopens', 'n1');
    await bridge.notify('Approved', 'Your story');
    expect(state.notifications).toHaveLength(2);
    const before = FakeBrowserWindow.created.length;
    state.notifications[0].emit('click');
    expect(FakeBrowserWindow.created).toHaveLength(before + 1);
    expect(FakeBrowserWindow.created.at(-1)?.loadedUrl).toBe('app://newsroom/index.html#/stories/n1');
    expect(state.notifications[1].listenerCount('click')).toBe(0);
    await bridge.setBadgeCount(4);
    await bridge.setBadgeCount(0);
    expect(state.badgeCounts).toEqual([4, 0]);
  });

  it('openImageFiles: the window-modal dialog for pictures, and their bytes across IPC as Uint8Arrays', async () => {
    const bridge = state.exposed!.api;
    const folder = join(state.userData, 'pictures');
    mkdirSync(folder);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
    const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);
    writeFileSync(join(folder, 'rally.png'), png);
    writeFileSync(join(folder, 'wave.GIF'), gif);

    state.openDialogCalls.length = 0;
    state.openDialogResult = { canceled: false, filePaths: [join(folder, 'rally.png'), join(folder, 'wave.GIF')] };
    const pictures = await bridge.openImageFiles();
    expect(state.openDialogCalls).toHaveLength(1);
    expect(state.openDialogCalls[0][0]).toBe(window());
    expect(state.openDialogCalls[0][1]).toEqual(OPEN_IMAGE_FILES_OPTIONS);
    expect(pictures).toEqual([
      { name: 'rally.png', type: 'image/png', data: png },
      { name: 'wave.GIF', type: 'image/gif', data: gif },
    ]);
    for (const picture of pictures) {
      expect(picture.data).toBeInstanceOf(Uint8Array);
      expect(Buffer.isBuffer(picture.data)).toBe(false);
      expect(picture.data.buffer.byteLength).toBe(picture.data.byteLength);
    }

    state.openDialogResult = { canceled: true, filePaths: [] };
    expect(await bridge.openImageFiles()).toEqual([]);
    state.openDialogResult = { canceled: false, filePaths: [join(folder, 'missing.png')] };
    await expect(bridge.openImageFiles()).rejects.toThrow(/ENOENT/);
    expect(state.openDialogCalls).toHaveLength(3);
  });
});
