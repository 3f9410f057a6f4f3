// Help › About: the app's name and version in a message box.
import type { MessageBoxOptions } from 'electron';

/** What the menu and the About box show about the app. */
export interface AppInfo {
  name: string;
  version: string;
  /** Development builds get the developer tools in the View menu. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

/** The About box for `app`, naming the runtime versions in `versions` (process.versions). */
export function aboutDialogOptions(app: AppInfo, versions: Partial<Record<'electron' | 'chrome' | 'node', string>>): MessageBoxOptions {
  const runtime = [`Electron ${versions.electron ?? '?'}`, `Chromium ${versions.chrome ?? '?'}`, `Node ${versions.node ?? '?'}`].join(' · ');
  return {
    type: 'info',
    title: `About ${app.name}`,
    message: `${app.name} ${app.version}`,
    detail: `Write stories together, live.\n\n${runtime}`,
    buttons: ['OK'],
  };
}
