// The only way out of the app to the system browser: http(s) URLs through shell.openExternal.
import { isHttpUrl } from './url-checks.ts';

/** The slice of Electron's `shell` used here. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` in the system browser; rejects anything but http(s) (file:, javascript:, custom schemes, garbage). */
export async function openExternalSafely(shell: ExternalOpener, url: string): Promise<void> {
  if (!isHttpUrl(url)) throw new Error('Only http and https links can be opened outside the app');
  await shell.openExternal(url);
}
