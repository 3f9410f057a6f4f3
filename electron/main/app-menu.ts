// The application menu. Story commands go to the renderer (one IPC channel, see preload);
// editing, reload, zoom and quit use Electron's built-in roles.
import type { MenuItemConstructorOptions } from 'electron';
import type { VersionRef } from '../../model/api-types.ts';
import { MENU_REVISIONS_MAX, type ExportChoices, type MenuCommand } from '../../model/desktop-bridge.ts';
import type { AppInfo } from './about-dialog.ts';

/** File › Add Picture…'s accelerator (see the comment at the item). */
export const ADD_PICTURE_ACCELERATOR = 'CmdOrCtrl+Shift+O';

/** File › Open in New Window's accelerator: Enter opens, Shift makes it a new window (as in browsers' Shift+click). */
export const OPEN_IN_WINDOW_ACCELERATOR = 'CmdOrCtrl+Shift+Enter';

/** What the menu's own items do. */
export interface MenuActions {
  /** Sends a command to the renderer. */
  send(command: MenuCommand): void;
  /** Asks the renderer to export `version` of the open story. */
  exportVersion(version: VersionRef): void;
  showAbout(): void;
}

/**
 * File › Export Version: the open story's approved revision, its live draft and its newest
 * revisions, each opening the Export dialog on that version; disabled while no story is open, and
 * the approved item while no revision is approved.
 */
export function exportVersionMenu(actions: Pick<MenuActions, 'exportVersion'>, choices: ExportChoices | null): MenuItemConstructorOptions {
  const item = (label: string, version: VersionRef, enabled = true): MenuItemConstructorOptions => ({ label, enabled, click: () => actions.exportVersion(version) });
  if (!choices) return { label: 'Export Version', enabled: false, submenu: [item('Approved…', 'approved', false), item('Live Draft…', 'live', false)] };
  const approved = choices.approvedRevision;
  const revisions = [...choices.revisions].sort((a, b) => b - a).slice(0, MENU_REVISIONS_MAX);
  return {
    label: 'Export Version',
    submenu: [
      approved === null ? item('Approved… (none yet)', 'approved', false) : item(`Approved (Revision ${approved})…`, 'approved'),
      item('Live Draft…', 'live'),
      ...(revisions.length > 0 ? [{ type: 'separator' } as const] : []),
      ...revisions.map((n) => item(`Revision ${n}${n === approved ? ' (approved)' : ''}…`, n)),
    ],
  };
}

/** The template for `Menu.buildFromTemplate`; `exportChoices` are the open story's versions (null: none open). */
export function buildMenuTemplate(actions: MenuActions, app: AppInfo, exportChoices: ExportChoices | null = null): MenuItemConstructorOptions[] {
  const isMac = app.platform === 'darwin';
  const command = (label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.send(name),
  });
  const about: MenuItemConstructorOptions = { label: `About ${app.name}`, click: () => actions.showAbout() };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New Story', 'CmdOrCtrl+N', 'new-story'),
      command('Import Text…', 'CmdOrCtrl+O', 'import-text'),
      // Not CmdOrCtrl+Shift+I: on Windows and Linux that is the default accelerator of the
      // toggleDevTools role (View menu, in development), and CmdOrCtrl+I is italic by convention.
      // CmdOrCtrl+Shift+O reads as a second kind of Open beside Import Text's CmdOrCtrl+O; no
      // role we use, and no macOS, Windows or Linux shortcut, claims it.
      command('Add Picture…', ADD_PICTURE_ACCELERATOR, 'add-picture'),
      command('Open in New Window', OPEN_IN_WINDOW_ACCELERATOR, 'open-in-window'),
      command('Export…', 'CmdOrCtrl+E', 'export'),
      exportVersionMenu(actions, exportChoices),
      { type: 'separator' },
      // Closes the story, not the window: CmdOrCtrl+W is where a user's fingers go.
      command('Close', 'CmdOrCtrl+W', 'close-story'),
      // macOS keeps Quit in the app menu.
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: 'Help', role: 'help', submenu: [about] };
  const macAppMenu: MenuItemConstructorOptions = {
    label: app.name,
    submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [...(isMac ? [macAppMenu] : []), file, edit, view, help];
}
