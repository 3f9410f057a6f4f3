// Updates from the newsroom's own generic HTTP feed (electron-updater; `latest*.yml` and the
// installers, as `electron-builder --publish` writes them for `provider: generic`). Off unless a
// feed is configured; an update downloads in the background and is installed only after the user
// agrees to restart (or, if they say Later, when they next quit).
import type { MessageBoxOptions } from 'electron';
import { isHttpUrl } from './url-checks.ts';

/** The environment variable that names the feed, for newsrooms that roll the app out with it. */
export const UPDATE_FEED_ENV = 'NEWSROOM_UPDATE_FEED';

/** The feed to use: the environment's, else the preferences' (settings), else none (updates off). Only http(s). */
export function updateFeedUrl(env: Record<string, string | undefined>, configured: string | null): string | null {
  const url = env[UPDATE_FEED_ENV] || configured || null;
  if (url === null) return null;
  if (!isHttpUrl(url)) throw new Error(`The update feed must be an http(s) URL, not ${JSON.stringify(url)}`);
  return url;
}

/** What an update carries, as electron-updater reports it. */
export interface UpdateInfoLike {
  version: string;
}

/** The slice of electron-updater's AppUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

/** The question asked once an update is ready: restart now, or later (it installs on quit). */
export function restartPromptOptions(appName: string, version: string): MessageBoxOptions {
  return {
    type: 'info',
    title: 'Update ready',
    message: `${appName} ${version} is ready to install.`,
    detail: 'Restart now to use it? Your stories are saved; unsent work stays on this computer and is sent after the restart. If you choose Later, it is installed when you next quit.',
    buttons: ['Restart Now', 'Later'],
    defaultId: 0,
    cancelId: 1,
  };
}

/** Starts checking `feedUrl` (null: updates off, nothing happens); `ask` shows the restart question and resolves the button index. */
export async function startUpdates(deps: {
  updater: UpdaterLike;
  feedUrl: string | null;
  appName: string;
  ask: (options: MessageBoxOptions) => Promise<number>;
  warn: (message: string) => void;
}): Promise<'off' | 'checking'> {
  const { updater, feedUrl } = deps;
  if (feedUrl === null) return 'off';
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.on('error', (error) => deps.warn(`Update check failed: ${error.message}`));
  updater.on('update-downloaded', (info) => {
    void deps.ask(restartPromptOptions(deps.appName, info.version)).then((button) => {
      if (button === 0) updater.quitAndInstall();
    });
  });
  // A failed check (offline, feed down) is only a warning: the app works without updates.
  await updater.checkForUpdates().catch((error: unknown) => deps.warn(`Update check failed: ${String(error)}`));
  return 'checking';
}
