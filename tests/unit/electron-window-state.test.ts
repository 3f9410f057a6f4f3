// Window size and position: saved on close, restored, validated, and kept on some display.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PLACEMENT,
  isReachable,
  parseSavedWindowState,
  placementFor,
  trackWindowState,
  windowStateStore,
  type SavedWindowState,
} from '../../electron/main/window-state.ts';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1050 };
// A second monitor to the left of the first, as Windows and macOS report it.
const LEFT_MONITOR = { x: -2560, y: 0, width: 2560, height: 1400 };
const screenOf = (...workAreas: (typeof LAPTOP)[]) => ({ getAllDisplays: () => workAreas.map((workArea) => ({ workArea })) });
const SAVED: SavedWindowState = { x: 100, y: 80, width: 1200, height: 800, maximized: false };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-window-state-'));
  file = join(dir, 'nested', 'window-state.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('windowStateStore', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(windowStateStore(fs, file, screenOf(LAPTOP)).load()).toEqual(DEFAULT_PLACEMENT);
    expect(DEFAULT_PLACEMENT).not.toHaveProperty('x');
  });

  it('restores what it saved, creating the folder', () => {
    const store = windowStateStore(fs, file, screenOf(LAPTOP));
    store.save({ ...SAVED, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...SAVED, maximized: true });
    expect(windowStateStore(fs, file, screenOf(LAPTOP)).load()).toEqual({ ...SAVED, maximized: true });
  });

  it('restores a window on a second monitor left of the first', () => {
    const store = windowStateStore(fs, file, screenOf(LAPTOP, LEFT_MONITOR));
    store.save({ ...SAVED, x: -2000, y: 100 });
    expect(store.load()).toMatchObject({ x: -2000, y: 100 });
  });

  it('keeps the size but centres a window whose monitor is gone', () => {
    windowStateStore(fs, file, screenOf(LAPTOP, LEFT_MONITOR)).save({ ...SAVED, x: -2000, y: 100 });
    expect(windowStateStore(fs, file, screenOf(LAPTOP)).load()).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('ignores a corrupt file, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fs.mkdirSync(join(dir, 'nested'));
    writeFileSync(file, '{"x": 10, "y": ');
    expect(windowStateStore(fs, file, screenOf(LAPTOP)).load()).toEqual(DEFAULT_PLACEMENT);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('ignores a well-formed file with unusable values', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fs.mkdirSync(join(dir, 'nested'));
    writeFileSync(file, JSON.stringify({ ...SAVED, width: 'wide' }));
    expect(windowStateStore(fs, file, screenOf(LAPTOP)).load()).toEqual(DEFAULT_PLACEMENT);
  });

  it('logs, and does not throw, when the state cannot be written', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    writeFileSync(join(dir, 'nested'), 'a file where the folder should be');
    expect(() => windowStateStore(fs, file, screenOf(LAPTOP)).save(SAVED)).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('parseSavedWindowState', () => {
  it('accepts a complete state', () => {
    expect(parseSavedWindowState(SAVED)).toEqual(SAVED);
  });

  it.each([
    ['null', null],
    ['an array', [1, 2, 3, 4]],
    ['a missing field', { x: 1, y: 1, width: 1000, height: 700 }],
    ['a string size', { ...SAVED, height: '700' }],
    ['a fractional position', { ...SAVED, x: 1.5 }],
    ['NaN', { ...SAVED, y: Number.NaN }],
    ['a tiny window', { ...SAVED, width: 10 }],
    ['a huge window', { ...SAVED, height: 1_000_000 }],
    ['a far-away position', { ...SAVED, x: 10_000_000 }],
    ['a non-boolean maximized', { ...SAVED, maximized: 'yes' }],
  ])('rejects %s', (_name, value) => {
    expect(parseSavedWindowState(value)).toBeNull();
  });
});

describe('isReachable and placementFor', () => {
  it('needs the title bar, not just a corner, inside a display', () => {
    expect(isReachable({ x: 100, y: 100, width: 800, height: 600 }, [LAPTOP])).toBe(true);
    // Only the bottom of the window is on screen: its title bar is above the display.
    expect(isReachable({ x: 100, y: -580, width: 800, height: 600 }, [LAPTOP])).toBe(false);
    // Only 50 px of the title bar pokes in from the right.
    expect(isReachable({ x: 1870, y: 100, width: 800, height: 600 }, [LAPTOP])).toBe(false);
    expect(isReachable({ x: 1700, y: 100, width: 800, height: 600 }, [LAPTOP])).toBe(true);
    expect(isReachable({ x: 100, y: 100, width: 800, height: 600 }, [])).toBe(false);
  });

  it('drops only the position of an unreachable window', () => {
    expect(placementFor({ ...SAVED, x: 5000 }, [LAPTOP])).toEqual({ width: 1200, height: 800, maximized: false });
    expect(placementFor(SAVED, [LAPTOP])).toEqual(SAVED);
    expect(placementFor(null, [LAPTOP])).toEqual(DEFAULT_PLACEMENT);
  });
});

describe('trackWindowState', () => {
  it('saves the normal bounds and the maximised flag when the window closes', () => {
    let onClose: (() => void) | undefined;
    const saved: SavedWindowState[] = [];
    trackWindowState(
      { on: (_event, listener) => (onClose = listener), getNormalBounds: () => ({ x: 1, y: 2, width: 1000, height: 700 }), isMaximized: () => true },
      { save: (state) => saved.push(state) },
    );
    expect(saved).toEqual([]);
    onClose?.();
    expect(saved).toEqual([{ x: 1, y: 2, width: 1000, height: 700, maximized: true }]);
  });
});
