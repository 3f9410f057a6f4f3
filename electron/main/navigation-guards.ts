// Keeps the window on the renderer's origin: navigations and redirects elsewhere are stopped,
// no window opens by itself, and http(s) links a user follows open in the system browser. A
// story link opened as a new window (middle-click, Ctrl/Cmd-click in the list) becomes a story window.
import { openExternalSafely, type ExternalOpener } from './external-links.ts';
import { storyIdFromAppUrl } from './story-links.ts';
import { isHttpUrl, isSameOrigin } from './url-checks.ts';

/** The navigation event as the guards see it (Electron's event carries `url` since v25). */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The slice of WebContents that the guards attach to. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

// A link's target is handed to the system browser only if it is http(s); failures are logged.
function openOutside(shell: ExternalOpener, url: string): void {
  if (!isHttpUrl(url)) return;
  openExternalSafely(shell, url).catch((error: unknown) => console.warn(`Could not open ${url} in the browser:`, error));
}

/** Installs the guards on `contents`, whose only allowed origin is `appOrigin`. */
export function installNavigationGuards(contents: GuardedContents, deps: { shell: ExternalOpener; appOrigin: string; openStory?: (storyId: string) => void }): void {
  contents.on('will-navigate', (event) => {
    if (isSameOrigin(event.url, deps.appOrigin)) return;
    event.preventDefault();
    // A clicked link in a story: the user wants to see it, just not inside the app.
    openOutside(deps.shell, event.url);
  });
  contents.on('will-redirect', (event) => {
    // A redirect is the server's choice, not the user's: stop it and open nothing.
    if (!isSameOrigin(event.url, deps.appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler((details) => {
    const storyId = storyIdFromAppUrl(details.url, deps.appOrigin);
    // Denied all the same: the story window is ours, made with our options, not the page's.
    if (storyId !== null && deps.openStory) deps.openStory(storyId);
    else openOutside(deps.shell, details.url);
    return { action: 'deny' };
  });
}
