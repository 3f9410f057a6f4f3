// The main window's size and position, remembered across runs in a small JSON file. What is
// read back is validated, and a position no display can show any more is dropped so the
// window opens centred instead of off-screen.
import { dirname } from 'node:path';
import type { Rectangle } from 'electron';

/** How the next window opens; without x and y Electron centres it. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

/** What is written when the window closes: its normal (unmaximised) bounds and whether it was maximised. */
export interface SavedWindowState extends Rectangle {
  maximized: boolean;
}

/** The first-run window. */
export const DEFAULT_PLACEMENT: WindowPlacement = { width: 1280, height: 840, maximized: false };

// Loose sanity limits: anything outside them is a corrupt or hand-edited file, not a window.
const MIN_SIDE = 200;
const MAX_SIDE = 32_768;
const MAX_COORDINATE = 100_000;
// The part of the window a user must be able to grab: the top strip (title bar) ...
const TITLE_BAR_HEIGHT = 32;
// ... of which at least this much must lie inside one display's work area.
const MIN_VISIBLE_WIDTH = 100;
const MIN_VISIBLE_HEIGHT = 16;

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** `value` as a saved window state, or null when any field is missing, mistyped or absurd. */
export function parseSavedWindowState(value: unknown): SavedWindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  if (!isIntegerIn(x, -MAX_COORDINATE, MAX_COORDINATE) || !isIntegerIn(y, -MAX_COORDINATE, MAX_COORDINATE)) return null;
  if (!isIntegerIn(width, MIN_SIDE, MAX_SIDE) || !isIntegerIn(height, MIN_SIDE, MAX_SIDE)) return null;
  if (typeof maximized !== 'boolean') return null;
  return { x, y, width, height, maximized };
}

/** True when the window's title bar would lie far enough inside one of `workAreas` to be grabbed. */
export function isReachable(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleBar = { left: bounds.x, top: bounds.y, right: bounds.x + bounds.width, bottom: bounds.y + Math.min(TITLE_BAR_HEIGHT, bounds.height) };
  return workAreas.some((area) => {
    const overlapWidth = Math.min(titleBar.right, area.x + area.width) - Math.max(titleBar.left, area.x);
    const overlapHeight = Math.min(titleBar.bottom, area.y + area.height) - Math.max(titleBar.top, area.y);
    return overlapWidth >= MIN_VISIBLE_WIDTH && overlapHeight >= MIN_VISIBLE_HEIGHT;
  });
}

/** Where to open: the saved bounds when reachable, else the saved size centred, else the default. */
export function placementFor(saved: SavedWindowState | null, workAreas: readonly Rectangle[]): WindowPlacement {
  if (saved === null) return DEFAULT_PLACEMENT;
  const { width, height, maximized } = saved;
  return isReachable(saved, workAreas) ? { x: saved.x, y: saved.y, width, height, maximized } : { width, height, maximized };
}

/** The slice of Electron's `screen` used here. */
export interface DisplayScreen {
  getAllDisplays(): Array<{ workArea: Rectangle }>;
}

/** The synchronous file calls used here (node:fs satisfies it). */
export type WindowStateFs = Pick<typeof import('node:fs'), 'readFileSync' | 'writeFileSync' | 'renameSync' | 'mkdirSync'>;

/** Loads and saves the window state in `filePath`; sync, because it runs once at start and once at close. */
export function windowStateStore(fs: WindowStateFs, filePath: string, screen: DisplayScreen) {
  return {
    /** The placement for a new window; a missing or unreadable file gives the default. */
    load(): WindowPlacement {
      let text: string;
      try {
        text = fs.readFileSync(filePath, 'utf8');
      } catch {
        return DEFAULT_PLACEMENT;
      }
      let saved: SavedWindowState | null = null;
      try {
        saved = parseSavedWindowState(JSON.parse(text));
      } catch {
        // Not JSON: treated like an invalid state below.
      }
      if (saved === null) console.warn(`Ignoring unusable window state in ${filePath}`);
      return placementFor(saved, screen.getAllDisplays().map((display) => display.workArea));
    },
    /** Writes `state` (through a temporary file, so a crash never leaves half a file); failures are logged, never thrown into a closing window. */
    save(state: SavedWindowState): void {
      try {
        fs.mkdirSync(dirname(filePath), { recursive: true });
        fs.writeFileSync(`${filePath}.tmp`, JSON.stringify(state));
        fs.renameSync(`${filePath}.tmp`, filePath);
      } catch (error) {
        console.warn(`Could not save the window state to ${filePath}:`, error);
      }
    },
  };
}

/** The slice of BrowserWindow whose state is tracked. */
export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

/** Saves the window's normal bounds and maximised flag when it closes. */
export function trackWindowState(window: TrackedWindow, store: { save(state: SavedWindowState): void }): void {
  window.on('close', () => store.save({ ...window.getNormalBounds(), maximized: window.isMaximized() }));
}

/** How many story windows' bounds are remembered (the most recently closed). */
export const MAX_REMEMBERED_STORY_WINDOWS = 100;

/** Each story window's bounds, keyed by story id, in one JSON file (same checks as the list window's). */
export function storyWindowStateStore(fs: WindowStateFs, filePath: string, screen: DisplayScreen, fallback: WindowPlacement = DEFAULT_PLACEMENT) {
  const readAll = (): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(fs.readFileSync(filePath, 'utf8'));
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    /** Where `storyId`'s window opens: where it was last closed (if reachable), else `fallback`. */
    load(storyId: string): WindowPlacement {
      const all = readAll();
      const saved = parseSavedWindowState(Object.hasOwn(all, storyId) ? all[storyId] : null);
      return saved === null ? fallback : placementFor(saved, screen.getAllDisplays().map((display) => display.workArea));
    },
    /** Remembers `storyId`'s window, dropping the longest-unused entries beyond the cap; failures are logged. */
    save(storyId: string, state: SavedWindowState): void {
      const { [storyId]: _previous, ...others } = readAll();
      // Re-inserted last, so insertion order is least recently closed first.
      const entries = Object.entries({ ...others, [storyId]: state }).slice(-MAX_REMEMBERED_STORY_WINDOWS);
      try {
        fs.mkdirSync(dirname(filePath), { recursive: true });
        fs.writeFileSync(`${filePath}.tmp`, JSON.stringify(Object.fromEntries(entries)));
        fs.renameSync(`${filePath}.tmp`, filePath);
      } catch (error) {
        console.warn(`Could not save the story windows' state to ${filePath}:`, error);
      }
    },
  };
}
