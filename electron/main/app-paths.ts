// Where the app finds its built pieces and keeps its files; the one place that knows the layout
// of dist/ (see vite.electron.config.ts and the renderer's build) and of userData.
import { join } from 'node:path';

/** Built files, relative to `app.getAppPath()` (the folder, or asar, holding package.json). */
export function builtPaths(appRoot: string): { preload: string; rendererRoot: string } {
  return {
    preload: join(appRoot, 'dist', 'electron', 'preload', 'preload.cjs'),
    rendererRoot: join(appRoot, 'dist', 'renderer'),
  };
}

/** The app's own files under `app.getPath('userData')`. */
export function userDataFiles(userData: string): { windowState: string; storyWindows: string; session: string; preferences: string; newsroomWords: string } {
  return {
    windowState: join(userData, 'window-state.json'),
    storyWindows: join(userData, 'story-windows.json'),
    session: join(userData, 'session.json'),
    preferences: join(userData, 'preferences.json'),
    newsroomWords: join(userData, 'newsroom-words.json'),
  };
}
