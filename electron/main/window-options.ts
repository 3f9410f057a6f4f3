// The main window: its options (the security flags live here) and its creation.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowPlacement } from './window-state.ts';

/** The smallest window the editor layout still works in. */
export const MIN_WINDOW_SIZE = { width: 900, height: 600 };

/** Options for the main window at `placement`, with `preloadPath` as its only bridge to main. */
export function mainWindowOptions(placement: WindowPlacement, preloadPath: string, title: string): BrowserWindowConstructorOptions {
  const { maximized: _maximized, ...bounds } = placement;
  return {
    ...bounds,
    title,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on ready-to-show, so the window never appears blank.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** The slice of BrowserWindow that createMainWindow uses. */
export interface ShowableWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  maximize(): void;
}

/** Creates the main window, hidden until its first paint is ready, then shown (maximised if it was). */
export function createMainWindow<W extends ShowableWindow>(deps: {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  placement: WindowPlacement;
  preloadPath: string;
  title: string;
}): W {
  const window = new deps.BrowserWindow(mainWindowOptions(deps.placement, deps.preloadPath, deps.title));
  window.once('ready-to-show', () => {
    if (deps.placement.maximized) window.maximize();
    window.show();
  });
  return window;
}
