// IPC in main: the sender check, and each handler's argument validation (fake ipcMain).
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../electron/shared/ipc-channels.ts';
import { DICTIONARY_SIZE_MAX, DICTIONARY_WORD_MAX } from '../../model/dictionary.ts';
import { InvalidIpcArgumentError } from '../../electron/main/ipc-arguments.ts';
import { IPC_LIMITS, registerIpc, type IpcDeps } from '../../electron/main/ipc-handlers.ts';
import { assertTrustedSender, UntrustedSenderError, type FrameIdentity, type IpcSenderEvent } from '../../electron/main/ipc-sender.ts';

const APP = 'app://newsroom';
const mainFrame: FrameIdentity = { url: 'app://newsroom/index.html', processId: 4, frameToken: 'main-token' };
const contents = { mainFrame };

function eventFrom(frame: Partial<FrameIdentity> | null, sender: unknown = contents): IpcSenderEvent {
  return { sender, senderFrame: frame === null ? null : { ...mainFrame, ...frame } };
}

describe('assertTrustedSender', () => {
  it('accepts our window main frame on the app origin', () => {
    expect(() => assertTrustedSender(eventFrom({}), contents, APP)).not.toThrow();
    expect(() => assertTrustedSender(eventFrom({ url: 'app://newsroom/stories/1#x' }), contents, APP)).not.toThrow();
  });

  it('rejects a frame on another origin', () => {
    for (const url of ['https://evil.example/', 'app://evil/index.html', 'file:///tmp/x.html', 'about:blank', '']) {
      expect(() => assertTrustedSender(eventFrom({ url }), contents, APP), url).toThrow(UntrustedSenderError);
    }
  });

  it('rejects a subframe of our window, even on our origin', () => {
    expect(() => assertTrustedSender(eventFrom({ frameToken: 'iframe-token' }), contents, APP)).toThrow(/main frame/);
    expect(() => assertTrustedSender(eventFrom({ processId: 9 }), contents, APP)).toThrow(/main frame/);
  });

  it('rejects another WebContents, a gone frame, and any call while no window is open', () => {
    expect(() => assertTrustedSender(eventFrom({}, { mainFrame }), contents, APP)).toThrow(/app window/);
    expect(() => assertTrustedSender(eventFrom(null), contents, APP)).toThrow(/gone/);
    expect(() => assertTrustedSender(eventFrom({}), null, APP)).toThrow(/app window/);
  });

  it('trusts a development origin only when that is the renderer origin', () => {
    const dev = { url: 'http://localhost:5173/', processId: 1, frameToken: 't' };
    const devContents = { mainFrame: dev };
    const event = { sender: devContents, senderFrame: dev };
    expect(() => assertTrustedSender(event, devContents, 'http://localhost:5173')).not.toThrow();
    expect(() => assertTrustedSender(event, devContents, APP)).toThrow(/not on app:\/\/newsroom/);
  });
});

function harness() {
  const handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>();
  const deps = {
    checkSender: vi.fn((event: IpcSenderEvent) => assertTrustedSender(event, contents, APP)),
    appVersion: vi.fn(() => '1.2.3'),
    openTextFile: vi.fn(async () => ({ name: 'a.txt', text: 'hello' })),
    openImageFiles: vi.fn(async () => [{ name: 'a.png', type: 'image/png', data: Uint8Array.from([0x89, 0x50]) }]),
    saveExport: vi.fn(async () => true),
    notify: vi.fn(),
    storeSession: vi.fn(async () => {}),
    readSession: vi.fn(async () => 'token'),
    openExternal: vi.fn(async () => {}),
    setExportChoices: vi.fn(),
    spellingLanguages: vi.fn(() => ({ available: ['en-GB', 'de'], chosen: ['de'] })),
    setSpellingLanguages: vi.fn(),
    openStoryWindow: vi.fn(),
    savePdf: vi.fn(async () => true),
    setBadgeCount: vi.fn(),
    useNewsroomDictionary: vi.fn(async () => undefined),
  } satisfies IpcDeps;
  registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, deps);
  // Like ipcMain.handle: a throw becomes a rejected invoke.
  const invoke = async (channel: string, event: IpcSenderEvent, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { handlers, deps, invoke, trusted: eventFrom({}) };
}

describe('registerIpc', () => {
  it('handles exactly the bridge channels', () => {
    expect([...harness().handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('answers every channel with an error for an untrusted sender, before doing anything', async () => {
    const { deps, invoke } = harness();
    const intruder = eventFrom({ url: 'https://evil.example/' });
    const validArgs: Record<string, unknown[]> = {
      [IPC_CHANNELS.saveExport]: ['a.txt', 'x'],
      [IPC_CHANNELS.notify]: ['t', 'b', null],
      [IPC_CHANNELS.setBadgeCount]: [1],
      [IPC_CHANNELS.storeSession]: ['s'],
      [IPC_CHANNELS.openExternal]: ['https://example.com'],
      [IPC_CHANNELS.setExportChoices]: [null],
      [IPC_CHANNELS.setSpellingLanguages]: [['de']],
      [IPC_CHANNELS.openStoryWindow]: ['s1'],
      [IPC_CHANNELS.savePdf]: ['a.pdf'],
      [IPC_CHANNELS.useNewsroomDictionary]: [['Kraków'], true],
    };
    for (const channel of Object.values(IPC_CHANNELS)) {
      await expect(invoke(channel, intruder, ...(validArgs[channel] ?? [])), channel).rejects.toThrow(UntrustedSenderError);
    }
    const { checkSender, ...actions } = deps;
    expect(checkSender).toHaveBeenCalledTimes(Object.keys(IPC_CHANNELS).length);
    for (const action of Object.values(actions)) expect(action).not.toHaveBeenCalled();
  });

  it('refuses openImageFiles from a subframe or another origin without showing a dialog, and answers our main frame', async () => {
    const { deps, invoke, trusted } = harness();
    await expect(invoke(IPC_CHANNELS.openImageFiles, eventFrom({ frameToken: 'iframe-token' }))).rejects.toThrow(UntrustedSenderError);
    await expect(invoke(IPC_CHANNELS.openImageFiles, eventFrom({ url: 'https://evil.example/' }))).rejects.toThrow(UntrustedSenderError);
    await expect(invoke(IPC_CHANNELS.openImageFiles, eventFrom(null))).rejects.toThrow(UntrustedSenderError);
    expect(deps.openImageFiles).not.toHaveBeenCalled();
    await invoke(IPC_CHANNELS.openImageFiles, trusted);
    expect(deps.checkSender).toHaveBeenCalledTimes(4);
    expect(deps.checkSender).toHaveBeenLastCalledWith(trusted);
    expect(deps.openImageFiles).toHaveBeenCalledOnce();
  });

  it('passes valid calls through and returns their results', async () => {
    const { deps, invoke, trusted } = harness();
    expect(await invoke(IPC_CHANNELS.appVersion, trusted)).toBe('1.2.3');
    expect(await invoke(IPC_CHANNELS.openTextFile, trusted)).toEqual({ name: 'a.txt', text: 'hello' });
    expect(await invoke(IPC_CHANNELS.openImageFiles, trusted)).toEqual([{ name: 'a.png', type: 'image/png', data: Uint8Array.from([0x89, 0x50]) }]);
    expect(deps.openImageFiles).toHaveBeenCalledOnce();
    expect(deps.openImageFiles).toHaveBeenCalledWith();
    expect(await invoke(IPC_CHANNELS.saveExport, trusted, 'story.html', '<p>x</p>')).toBe(true);
    expect(await invoke(IPC_CHANNELS.notify, trusted, 'Approved', 'Your story was approved', null)).toBeUndefined();
    await invoke(IPC_CHANNELS.notify, trusted, 'Assigned', 'Bridge reopens', 'story-1');
    await invoke(IPC_CHANNELS.setBadgeCount, trusted, 0);
    await invoke(IPC_CHANNELS.setBadgeCount, trusted, 12);
    expect(deps.setBadgeCount.mock.calls).toEqual([[0], [12]]);
    await invoke(IPC_CHANNELS.storeSession, trusted, '{"token":"t"}');
    await invoke(IPC_CHANNELS.storeSession, trusted, null);
    expect(await invoke(IPC_CHANNELS.readSession, trusted)).toBe('token');
    await invoke(IPC_CHANNELS.openExternal, trusted, 'https://example.com/');
    expect(deps.saveExport).toHaveBeenCalledWith('story.html', '<p>x</p>');
    expect(deps.notify.mock.calls).toEqual([
      [{ title: 'Approved', body: 'Your story was approved', storyId: null }],
      [{ title: 'Assigned', body: 'Bridge reopens', storyId: 'story-1' }],
    ]);
    expect(deps.storeSession.mock.calls).toEqual([['{"token":"t"}'], [null]]);
    expect(deps.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(await invoke(IPC_CHANNELS.setExportChoices, trusted, { approvedRevision: 3, revisions: [1, 2, 3, 4] })).toBeUndefined();
    await invoke(IPC_CHANNELS.setExportChoices, trusted, { approvedRevision: null, revisions: [] });
    await invoke(IPC_CHANNELS.setExportChoices, trusted, null);
    // Each with the sending window's webContents: the menu shows the focused window's choices.
    expect(deps.setExportChoices.mock.calls).toEqual([
      [{ approvedRevision: 3, revisions: [1, 2, 3, 4] }, trusted.sender],
      [{ approvedRevision: null, revisions: [] }, trusted.sender],
      [null, trusted.sender],
    ]);
    expect(await invoke(IPC_CHANNELS.spellingLanguages, trusted)).toEqual({ available: ['en-GB', 'de'], chosen: ['de'] });
    await invoke(IPC_CHANNELS.setSpellingLanguages, trusted, ['en-GB', 'de', 'de']);
    await invoke(IPC_CHANNELS.setSpellingLanguages, trusted, []);
    expect(deps.setSpellingLanguages.mock.calls).toEqual([[['en-GB', 'de']], [[]]]);
    await invoke(IPC_CHANNELS.openStoryWindow, trusted, '3f2b9c1e-0d4a-4c55-9a7e-1b2c3d4e5f60');
    expect(deps.openStoryWindow).toHaveBeenCalledWith('3f2b9c1e-0d4a-4c55-9a7e-1b2c3d4e5f60');
    expect(await invoke(IPC_CHANNELS.savePdf, trusted, 'Bridge reopens.pdf')).toBe(true);
    expect(deps.savePdf).toHaveBeenCalledWith('Bridge reopens.pdf');
    await invoke(IPC_CHANNELS.useNewsroomDictionary, trusted, ['Kraków', "O'Brien", 'Kraków'], true);
    await invoke(IPC_CHANNELS.useNewsroomDictionary, trusted, [], false);
    expect(deps.useNewsroomDictionary.mock.calls).toEqual([
      [['Kraków', "O'Brien"], true],
      [[], false],
    ]);
  });

  it.each([
    ['appVersion with an argument', IPC_CHANNELS.appVersion, ['x']],
    ['openTextFile with an argument', IPC_CHANNELS.openTextFile, [{ path: '/etc/passwd' }]],
    ['openImageFiles with a path', IPC_CHANNELS.openImageFiles, ['/etc/passwd']],
    ['openImageFiles with dialog options', IPC_CHANNELS.openImageFiles, [{ properties: ['openDirectory'], defaultPath: '/' }]],
    ['openImageFiles with undefined', IPC_CHANNELS.openImageFiles, [undefined]],
    ['readSession with an argument', IPC_CHANNELS.readSession, [1]],
    ['saveExport with a number for the name', IPC_CHANNELS.saveExport, [42, 'x']],
    ['saveExport with an object for the content', IPC_CHANNELS.saveExport, ['a.txt', { toString: () => 'x' }]],
    ['saveExport with one argument', IPC_CHANNELS.saveExport, ['a.txt']],
    ['saveExport with a name that is too long', IPC_CHANNELS.saveExport, ['a'.repeat(IPC_LIMITS.fileName + 1), 'x']],
    ['saveExport with content that is too long', IPC_CHANNELS.saveExport, ['a.txt', 'x'.repeat(IPC_LIMITS.exportContent + 1)]],
    ['notify with null', IPC_CHANNELS.notify, [null, 'b', null]],
    ['notify with two arguments', IPC_CHANNELS.notify, ['t', 'b']],
    ['notify with four arguments', IPC_CHANNELS.notify, ['t', 'b', 'c', 'd']],
    ['notify with a story id that is a route', IPC_CHANNELS.notify, ['t', 'b', '../account']],
    ['notify with a body that is too long', IPC_CHANNELS.notify, ['t', 'b'.repeat(IPC_LIMITS.notificationBody + 1), null]],
    ['setBadgeCount with a negative count', IPC_CHANNELS.setBadgeCount, [-1]],
    ['setBadgeCount with a fraction', IPC_CHANNELS.setBadgeCount, [1.5]],
    ['setBadgeCount with a string', IPC_CHANNELS.setBadgeCount, ['3']],
    ['storeSession with undefined', IPC_CHANNELS.storeSession, [undefined]],
    ['storeSession with nothing', IPC_CHANNELS.storeSession, []],
    ['storeSession with an object', IPC_CHANNELS.storeSession, [{ token: 't' }]],
    ['storeSession with a huge session', IPC_CHANNELS.storeSession, ['s'.repeat(IPC_LIMITS.session + 1)]],
    ['openExternal with an array', IPC_CHANNELS.openExternal, [['https://example.com']]],
    ['openExternal with a huge URL', IPC_CHANNELS.openExternal, [`https://example.com/${'a'.repeat(IPC_LIMITS.url)}`]],
    ['setExportChoices with nothing', IPC_CHANNELS.setExportChoices, []],
    ['setExportChoices with a string', IPC_CHANNELS.setExportChoices, ['approved']],
    ['setExportChoices with an array', IPC_CHANNELS.setExportChoices, [[1, 2]]],
    ['setExportChoices with a revision that is not a number', IPC_CHANNELS.setExportChoices, [{ approvedRevision: null, revisions: ['1'] }]],
    ['setExportChoices with revision 0', IPC_CHANNELS.setExportChoices, [{ approvedRevision: 0, revisions: [] }]],
    ['setExportChoices with a fraction', IPC_CHANNELS.setExportChoices, [{ approvedRevision: 1.5, revisions: [] }]],
    ['setExportChoices with too many revisions', IPC_CHANNELS.setExportChoices, [{ approvedRevision: null, revisions: Array.from({ length: IPC_LIMITS.exportRevisions + 1 }, (_, i) => i + 1) }]],
    ['setExportChoices with an unknown field', IPC_CHANNELS.setExportChoices, [{ approvedRevision: null, revisions: [], label: 'x' }]],
    ['setExportChoices without revisions', IPC_CHANNELS.setExportChoices, [{ approvedRevision: 2 }]],
    ['spellingLanguages with an argument', IPC_CHANNELS.spellingLanguages, ['en']],
    ['setSpellingLanguages with a string', IPC_CHANNELS.setSpellingLanguages, ['en-GB']],
    ['setSpellingLanguages with a code that is not one', IPC_CHANNELS.setSpellingLanguages, [['../../etc']]],
    ['setSpellingLanguages with too many', IPC_CHANNELS.setSpellingLanguages, [['en', 'de', 'fr', 'es', 'it']]],
    ['setSpellingLanguages with nothing', IPC_CHANNELS.setSpellingLanguages, []],
    ['openStoryWindow with a route', IPC_CHANNELS.openStoryWindow, ['1/../../account']],
    ['openStoryWindow with a number', IPC_CHANNELS.openStoryWindow, [7]],
    ['savePdf with nothing', IPC_CHANNELS.savePdf, []],
    ['savePdf with a path object', IPC_CHANNELS.savePdf, [{ path: '/etc/x.pdf' }]],
    ['savePdf with a name that is too long', IPC_CHANNELS.savePdf, ['a'.repeat(IPC_LIMITS.fileName + 1)]],
    ['openStoryWindow with a huge id', IPC_CHANNELS.openStoryWindow, ['a'.repeat(201)]],
    ['useNewsroomDictionary with a string for the words', IPC_CHANNELS.useNewsroomDictionary, ['Kraków', true]],
    ['useNewsroomDictionary with two words in one', IPC_CHANNELS.useNewsroomDictionary, [['New York'], false]],
    ['useNewsroomDictionary with a word that is too long', IPC_CHANNELS.useNewsroomDictionary, [['a'.repeat(DICTIONARY_WORD_MAX + 1)], false]],
    ['useNewsroomDictionary with too many words', IPC_CHANNELS.useNewsroomDictionary, [Array.from({ length: DICTIONARY_SIZE_MAX + 1 }, () => 'Kyiv'), false]],
    ['useNewsroomDictionary with a number for canAdd', IPC_CHANNELS.useNewsroomDictionary, [['Kyiv'], 1]],
    ['useNewsroomDictionary without canAdd', IPC_CHANNELS.useNewsroomDictionary, [['Kyiv']]],
  ])('rejects %s', async (_name, channel, args) => {
    const { deps, invoke, trusted } = harness();
    await expect(invoke(channel, trusted, ...args)).rejects.toThrow(InvalidIpcArgumentError);
    const { checkSender: _check, ...actions } = deps;
    for (const action of Object.values(actions)) expect(action).not.toHaveBeenCalled();
  });
});
