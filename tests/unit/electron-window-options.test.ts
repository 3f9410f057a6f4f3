// The main window: security flags, placement, and show-on-ready (with a fake BrowserWindow).
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow, mainWindowOptions, MIN_WINDOW_SIZE } from '../../electron/main/window-options.ts';
import { DEFAULT_PLACEMENT } from '../../electron/main/window-state.ts';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions(DEFAULT_PLACEMENT, '/app/dist/electron/preload/preload.cjs', 'Newsroom');

  it('isolates and sandboxes the renderer, without Node, with web security on', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('also closes the side doors: workers, subframes, insecure content, webviews, drag-and-drop navigation', () => {
    expect(options.webPreferences).toMatchObject({
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('uses the given preload and title, stays hidden until ready, and has a minimum size', () => {
    expect(options.webPreferences?.preload).toBe('/app/dist/electron/preload/preload.cjs');
    expect(options.title).toBe('Newsroom');
    expect(options.show).toBe(false);
    expect([options.minWidth, options.minHeight]).toEqual([MIN_WINDOW_SIZE.width, MIN_WINDOW_SIZE.height]);
  });

  it('takes size and position from the placement, and leaves x/y out to centre', () => {
    const placed = mainWindowOptions({ x: 10, y: 20, width: 1000, height: 700, maximized: true }, 'p', 't');
    expect(placed).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(placed).not.toHaveProperty('maximized');
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
  });
});

class FakeWindow {
  static created: FakeWindow[] = [];
  readonly calls: string[] = [];
  readyToShow: (() => void) | undefined;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }
  once(event: 'ready-to-show', listener: () => void) {
    this.calls.push(`once:${event}`);
    this.readyToShow = listener;
    return this;
  }
  show() {
    this.calls.push('show');
  }
  maximize() {
    this.calls.push('maximize');
  }
}

describe('createMainWindow', () => {
  it('builds the window from mainWindowOptions and shows it only when ready', () => {
    const window = createMainWindow({ BrowserWindow: FakeWindow, placement: DEFAULT_PLACEMENT, preloadPath: 'pre.cjs', title: 'Newsroom' });
    expect(window.options).toEqual(mainWindowOptions(DEFAULT_PLACEMENT, 'pre.cjs', 'Newsroom'));
    expect(window.calls).toEqual(['once:ready-to-show']);
    window.readyToShow?.();
    expect(window.calls).toEqual(['once:ready-to-show', 'show']);
  });

  it('maximises a window that was maximised, before showing it', () => {
    const window = createMainWindow({ BrowserWindow: FakeWindow, placement: { ...DEFAULT_PLACEMENT, maximized: true }, preloadPath: 'p', title: 't' });
    window.readyToShow?.();
    expect(window.calls.slice(1)).toEqual(['maximize', 'show']);
  });
});
