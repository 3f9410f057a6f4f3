// The preload's bridge, with a fake ipcRenderer: one invoke per action, menu commands filtered.
import { describe, expect, it, vi } from 'vitest';
import { isVersionRef, MENU_COMMANDS, type MenuCommand } from '../../model/desktop-bridge.ts';
import { createDesktopBridge, isMenuCommand, type IpcRendererLike } from '../../electron/preload/desktop-bridge-client.ts';
import { EXPORT_VERSION_CHANNEL, IPC_CHANNELS, MENU_COMMAND_CHANNEL, NEWSROOM_WORD_CHANNEL } from '../../electron/shared/ipc-channels.ts';

function fakeIpc(answer: unknown = undefined) {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => answer),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((listener) => listener({ sender: ipc }, ...args));
  return { ipc, emit, listeners };
}

describe('createDesktopBridge', () => {
  it('offers exactly the DesktopBridge functions', () => {
    const bridge = createDesktopBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'appVersion',
        'notify',
        'onAddToNewsroomDictionary',
        'onExportVersion',
        'onMenuCommand',
        'openExternal',
        'openImageFiles',
        'openStoryWindow',
        'openTextFile',
        'readSession',
        'saveExport',
        'savePdf',
        'setBadgeCount',
        'setExportChoices',
        'setSpellingLanguages',
        'spellingLanguages',
        'storeSession',
        'useNewsroomDictionary',
      ].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes one channel per action with the arguments as given', async () => {
    const { ipc } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    await bridge.appVersion();
    await bridge.openTextFile();
    await bridge.openImageFiles();
    await bridge.saveExport('story.txt', 'text');
    await bridge.notify('Title', 'Body');
    await bridge.notify('Approved', 'Bridge reopens', 'story-1');
    await bridge.setBadgeCount(3);
    await bridge.storeSession('s');
    await bridge.storeSession(null);
    await bridge.readSession();
    await bridge.openExternal('https://example.com');
    await bridge.setExportChoices({ approvedRevision: 2, revisions: [1, 2] });
    await bridge.setExportChoices(null);
    await bridge.spellingLanguages();
    await bridge.setSpellingLanguages(['en-GB', 'de']);
    await bridge.openStoryWindow('story-1');
    await bridge.savePdf('Story.pdf');
    await bridge.useNewsroomDictionary(['Kraków'], true);
    expect(ipc.invoke.mock.calls).toEqual([
      [IPC_CHANNELS.appVersion],
      [IPC_CHANNELS.openTextFile],
      [IPC_CHANNELS.openImageFiles],
      [IPC_CHANNELS.saveExport, 'story.txt', 'text'],
      [IPC_CHANNELS.notify, 'Title', 'Body', null],
      [IPC_CHANNELS.notify, 'Approved', 'Bridge reopens', 'story-1'],
      [IPC_CHANNELS.setBadgeCount, 3],
      [IPC_CHANNELS.storeSession, 's'],
      [IPC_CHANNELS.storeSession, null],
      [IPC_CHANNELS.readSession],
      [IPC_CHANNELS.openExternal, 'https://example.com'],
      [IPC_CHANNELS.setExportChoices, { approvedRevision: 2, revisions: [1, 2] }],
      [IPC_CHANNELS.setExportChoices, null],
      [IPC_CHANNELS.spellingLanguages],
      [IPC_CHANNELS.setSpellingLanguages, ['en-GB', 'de']],
      [IPC_CHANNELS.openStoryWindow, 'story-1'],
      [IPC_CHANNELS.savePdf, 'Story.pdf'],
      [IPC_CHANNELS.useNewsroomDictionary, ['Kraków'], true],
    ]);
  });

  it("returns main's answer, and its refusal", async () => {
    expect(await createDesktopBridge(fakeIpc('0.1.0').ipc).appVersion()).toBe('0.1.0');
    const pictures = [{ name: 'a.webp', type: 'image/webp', data: Uint8Array.from([0x52, 0x49]) }];
    expect(await createDesktopBridge(fakeIpc(pictures).ipc).openImageFiles()).toBe(pictures);
    expect(await createDesktopBridge(fakeIpc([]).ipc).openImageFiles()).toEqual([]);
    const { ipc } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error('IPC refused'));
    await expect(createDesktopBridge(ipc).readSession()).rejects.toThrow('IPC refused');
  });
});

describe('onAddToNewsroomDictionary', () => {
  it('passes each dictionary word main sends, and nothing else, until stopped', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    const stop = createDesktopBridge(ipc).onAddToNewsroomDictionary(listener);
    emit(NEWSROOM_WORD_CHANNEL, 'Kraków');
    for (const junk of ['New York', '', null, 42, ['Kyiv'], 'x'.repeat(65)]) emit(NEWSROOM_WORD_CHANNEL, junk);
    stop();
    emit(NEWSROOM_WORD_CHANNEL, 'Kyiv');
    expect(listener.mock.calls).toEqual([['Kraków']]);
  });
});

describe('onMenuCommand', () => {
  it('passes each valid command, and only the command (never the IPC event)', () => {
    const { ipc, emit } = fakeIpc();
    const received: unknown[][] = [];
    createDesktopBridge(ipc).onMenuCommand((...args) => received.push(args));
    for (const command of MENU_COMMANDS) emit(MENU_COMMAND_CHANNEL, command);
    expect(received).toEqual(MENU_COMMANDS.map((command) => [command]));
  });

  it('drops anything that is not a menu command', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    createDesktopBridge(ipc).onMenuCommand(listener);
    for (const junk of ['delete-everything', '', null, 42, { command: 'export' }, ['export']]) emit(MENU_COMMAND_CHANNEL, junk);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops after the returned function is called, leaving other listeners', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = bridge.onMenuCommand(first);
    bridge.onMenuCommand(second);
    stopFirst();
    emit(MENU_COMMAND_CHANNEL, 'new-story' satisfies MenuCommand);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('new-story');
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createDesktopBridge(fakeIpc().ipc);
    expect(() => bridge.onMenuCommand('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });

  it('isMenuCommand accepts exactly MENU_COMMANDS', () => {
    expect(MENU_COMMANDS.every(isMenuCommand)).toBe(true);
    expect(isMenuCommand('quit')).toBe(false);
    expect(isMenuCommand(undefined)).toBe(false);
  });
});

describe('onExportVersion', () => {
  it('passes each version main sends (approved, live, a revision number), and only the version', () => {
    const { ipc, emit } = fakeIpc();
    const received: unknown[][] = [];
    const stop = createDesktopBridge(ipc).onExportVersion((...args) => received.push(args));
    for (const version of ['approved', 'live', 3]) emit(EXPORT_VERSION_CHANNEL, version);
    stop();
    emit(EXPORT_VERSION_CHANNEL, 'live');
    expect(received).toEqual([['approved'], ['live'], [3]]);
  });

  it('drops anything that is not a version', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    createDesktopBridge(ipc).onExportVersion(listener);
    for (const junk of ['draft', '', null, 0, -1, 2.5, Number.MAX_VALUE, '3', { version: 'live' }]) emit(EXPORT_VERSION_CHANNEL, junk);
    // Menu commands arrive on their own channel, not as versions.
    emit(MENU_COMMAND_CHANNEL, 'export');
    expect(listener).not.toHaveBeenCalled();
    expect(isVersionRef(7)).toBe(true);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => createDesktopBridge(fakeIpc().ipc).onExportVersion(null as unknown as () => void)).toThrow(TypeError);
  });
});
