// Updates from the newsroom's generic feed: off without a feed; with one, a downloaded update is
// installed only when the user says Restart Now. The updater is a fake that plays what
// electron-updater reports for a feed holding a newer version (or a feed that is down).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { restartPromptOptions, startUpdates, UPDATE_FEED_ENV, updateFeedUrl, type UpdaterLike } from '../../electron/main/updates.ts';
import { parsePreferences } from '../../electron/main/preferences.ts';

/** A fake electron-updater over a feed whose latest version is `latest` (null: the feed is unreachable). */
function fakeUpdater(current: string, latest: string | null) {
  const events = new EventEmitter();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    feed: null as null | { provider: string; url: string },
    setFeedURL: vi.fn((options: { provider: 'generic'; url: string }) => (updater.feed = options)),
    on: (event: string, listener: (info: { version: string } & Error) => void) => events.on(event, listener),
    checkForUpdates: vi.fn(async () => {
      if (latest === null) throw new Error('net::ERR_CONNECTION_REFUSED');
      // electron-updater downloads a newer version (autoDownload) and then reports it downloaded.
      if (latest !== current) queueMicrotask(() => events.emit('update-downloaded', { version: latest }));
      return { updateInfo: { version: latest } };
    }),
    quitAndInstall: vi.fn(),
  };
  return updater satisfies UpdaterLike;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('update feed', () => {
  it('is off unless configured; the environment wins over the settings', () => {
    expect(updateFeedUrl({}, null)).toBeNull();
    expect(updateFeedUrl({}, 'https://updates.example.org/newsroom')).toBe('https://updates.example.org/newsroom');
    expect(updateFeedUrl({ [UPDATE_FEED_ENV]: 'https://env.example.org/' }, 'https://updates.example.org/')).toBe('https://env.example.org/');
    expect(() => updateFeedUrl({ [UPDATE_FEED_ENV]: 'file:///tmp/feed' }, null)).toThrow(/http\(s\)/);
  });

  it('is read from the settings only as an http(s) URL', () => {
    expect(parsePreferences({ updateFeedUrl: 'https://updates.example.org/' }).updateFeedUrl).toBe('https://updates.example.org/');
    expect(parsePreferences({ updateFeedUrl: 'javascript:alert(1)' }).updateFeedUrl).toBeNull();
    expect(parsePreferences({}).updateFeedUrl).toBeNull();
  });
});

describe('startUpdates', () => {
  const base = { appName: 'Newsroom', warn: vi.fn() };

  it('does nothing without a feed', async () => {
    const updater = fakeUpdater('1.0.0', '1.1.0');
    expect(await startUpdates({ ...base, updater, feedUrl: null, ask: vi.fn() })).toBe('off');
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('a newer version on the feed: downloaded, then the user is asked, and Restart Now installs it', async () => {
    const updater = fakeUpdater('1.0.0', '1.1.0');
    const ask = vi.fn(async () => 0);
    expect(await startUpdates({ ...base, updater, feedUrl: 'https://updates.example.org/', ask })).toBe('checking');
    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.org/' });
    expect(updater.autoDownload).toBe(true);
    await settle();
    expect(ask).toHaveBeenCalledWith(restartPromptOptions('Newsroom', '1.1.0'));
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
  });

  it('Later does not restart: the update installs on the next quit', async () => {
    const updater = fakeUpdater('1.0.0', '1.1.0');
    await startUpdates({ ...base, updater, feedUrl: 'https://updates.example.org/', ask: async () => 1 });
    await settle();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('the same version: nothing asked; a feed that is down: a warning, and the app goes on', async () => {
    const same = fakeUpdater('1.0.0', '1.0.0');
    const ask = vi.fn(async () => 0);
    await startUpdates({ ...base, updater: same, feedUrl: 'https://updates.example.org/', ask });
    await settle();
    expect(ask).not.toHaveBeenCalled();
    const warn = vi.fn();
    await startUpdates({ ...base, warn, updater: fakeUpdater('1.0.0', null), feedUrl: 'https://updates.example.org/', ask });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ERR_CONNECTION_REFUSED/));
  });

  it('asks before restarting, with Later as the cancel', () => {
    expect(restartPromptOptions('Newsroom', '2.0.0')).toMatchObject({ message: 'Newsroom 2.0.0 is ready to install.', buttons: ['Restart Now', 'Later'], defaultId: 0, cancelId: 1 });
  });
});
