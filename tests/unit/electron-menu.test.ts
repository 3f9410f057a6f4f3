// The application menu template: labels, accelerators, roles and the command each item sends.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { VersionRef } from '../../model/api-types.ts';
import { MENU_COMMANDS, MENU_REVISIONS_MAX, type ExportChoices, type MenuCommand } from '../../model/desktop-bridge.ts';
import { aboutDialogOptions, type AppInfo } from '../../electron/main/about-dialog.ts';
import { ADD_PICTURE_ACCELERATOR, buildMenuTemplate } from '../../electron/main/app-menu.ts';

const LINUX: AppInfo = { name: 'Newsroom', version: '0.1.0', isPackaged: true, platform: 'linux' };

function menu(app: AppInfo = LINUX, choices: ExportChoices | null = null) {
  const sent: MenuCommand[] = [];
  const versions: VersionRef[] = [];
  const showAbout = vi.fn();
  const template = buildMenuTemplate({ send: (command) => sent.push(command), exportVersion: (version) => versions.push(version), showAbout }, app, choices);
  const submenu = (label: string) => {
    const top = template.find((item) => item.label === label);
    if (!top || !Array.isArray(top.submenu)) throw new Error(`no ${label} menu`);
    return top.submenu;
  };
  const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
  return { template, submenu, sent, versions, showAbout, click };
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help, in that order', () => {
    expect(menu().template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('File: story commands with their accelerators, each sending its command', () => {
    const { submenu, sent, click } = menu();
    const items = submenu('File').filter((item) => item.click);
    expect(items.map((item) => [item.label, item.accelerator])).toEqual([
      ['New Story', 'CmdOrCtrl+N'],
      ['Import Text…', 'CmdOrCtrl+O'],
      ['Add Picture…', 'CmdOrCtrl+Shift+O'],
      ['Open in New Window', 'CmdOrCtrl+Shift+Enter'],
      ['Export…', 'CmdOrCtrl+E'],
      ['Close', 'CmdOrCtrl+W'],
    ]);
    for (const item of items) click(item);
    expect(sent).toEqual(['new-story', 'import-text', 'add-picture', 'open-in-window', 'export', 'close-story']);
  });

  it('File › Export Version is there but disabled while no story is open', () => {
    const item = menu().submenu('File').find((entry) => entry.label === 'Export Version');
    expect(item?.enabled).toBe(false);
  });

  it('File › Export Version offers the approved revision, the live draft and each revision, newest first, each exporting that version', () => {
    const { submenu, versions, sent, click } = menu(LINUX, { approvedRevision: 2, revisions: [1, 2, 3] });
    const item = submenu('File').find((entry) => entry.label === 'Export Version');
    expect(item?.enabled).not.toBe(false);
    const items = (item?.submenu ?? []) as MenuItemConstructorOptions[];
    expect(items.map((entry) => entry.label ?? entry.type)).toEqual(['Approved (Revision 2)…', 'Live Draft…', 'separator', 'Revision 3…', 'Revision 2 (approved)…', 'Revision 1…']);
    for (const entry of items) click(entry);
    expect(versions).toEqual(['approved', 'live', 3, 2, 1]);
    expect(sent).toEqual([]);
  });

  it('File › Export Version without an approved revision: Approved is disabled; only the newest revisions are listed', () => {
    const many = Array.from({ length: MENU_REVISIONS_MAX + 5 }, (_, i) => i + 1);
    const { submenu } = menu(LINUX, { approvedRevision: null, revisions: many });
    const items = (submenu('File').find((entry) => entry.label === 'Export Version')?.submenu ?? []) as MenuItemConstructorOptions[];
    expect(items[0]).toMatchObject({ label: 'Approved… (none yet)', enabled: false });
    const revisions = items.filter((entry) => entry.label?.startsWith('Revision'));
    expect(revisions).toHaveLength(MENU_REVISIONS_MAX);
    expect(revisions[0].label).toBe(`Revision ${MENU_REVISIONS_MAX + 5}…`);
  });

  it('File › Add Picture… sends add-picture, and only that', () => {
    const { submenu, sent, click, showAbout } = menu();
    const item = submenu('File').find((entry) => entry.label === 'Add Picture…');
    expect(item?.accelerator).toBe(ADD_PICTURE_ACCELERATOR);
    click(item);
    expect(sent).toEqual(['add-picture']);
    expect(showAbout).not.toHaveBeenCalled();
  });

  it('every menu command has exactly one item, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { submenu, sent, click } = menu({ ...LINUX, platform });
      for (const item of submenu('File')) click(item);
      expect([...sent].sort(), platform).toEqual([...MENU_COMMANDS].sort());
    }
  });

  it('no accelerator of ours is taken by another item or by the default of a role the menu uses', () => {
    // Electron's defaults for these roles (lib/browser/api/menu-item-roles.ts), by platform.
    const roleDefaults = (platform: string): Record<string, string | undefined> => {
      const mac = platform === 'darwin';
      return {
        undo: 'CommandOrControl+Z',
        redo: platform === 'win32' ? 'Control+Y' : 'Shift+CommandOrControl+Z',
        cut: 'CommandOrControl+X',
        copy: 'CommandOrControl+C',
        paste: 'CommandOrControl+V',
        selectAll: 'CommandOrControl+A',
        reload: 'CmdOrCtrl+R',
        toggleDevTools: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I',
        resetZoom: 'CommandOrControl+0',
        zoomIn: 'CommandOrControl+Plus',
        zoomOut: 'CommandOrControl+-',
        togglefullscreen: mac ? 'Control+Command+F' : 'F11',
        quit: platform === 'win32' ? undefined : 'CommandOrControl+Q',
        hide: 'Command+H',
        hideOthers: 'Command+Alt+H',
        unhide: undefined,
      };
    };
    // One spelling per key combination on that platform: CmdOrCtrl resolved, modifiers sorted.
    const normalize = (accelerator: string, platform: string) => {
      const aliases: Record<string, string> = {
        cmdorctrl: platform === 'darwin' ? 'command' : 'control',
        commandorcontrol: platform === 'darwin' ? 'command' : 'control',
        cmd: 'command',
        ctrl: 'control',
        option: 'alt',
      };
      const parts = accelerator.toLowerCase().split('+').map((part) => aliases[part] ?? part);
      const key = parts.pop();
      return [...parts.sort(), key].join('+');
    };
    expect(normalize('CmdOrCtrl+Shift+I', 'linux')).toBe(normalize('Ctrl+Shift+I', 'linux'));
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { template } = menu({ ...LINUX, platform, isPackaged: false });
      const items = template.flatMap((top) => (Array.isArray(top.submenu) ? top.submenu : []));
      const defaults = roleDefaults(platform);
      const taken = items.flatMap((item) => {
        const accelerator = item.accelerator ?? (item.role ? defaults[item.role] : undefined);
        if (item.role && !(item.role in defaults)) throw new Error(`no default listed for role ${item.role}`);
        return accelerator ? [normalize(String(accelerator), platform)] : [];
      });
      expect(new Set(taken).size, `${platform}: ${taken.join(', ')}`).toBe(taken.length);
      expect(taken, platform).toContain(normalize(ADD_PICTURE_ACCELERATOR, platform));
    }
  });

  it('File ends with Quit on Windows and Linux', () => {
    expect(menu().submenu('File').at(-1)).toMatchObject({ role: 'quit', label: 'Quit' });
    expect(menu({ ...LINUX, platform: 'win32' }).submenu('File').at(-1)).toMatchObject({ role: 'quit' });
  });

  it('Edit uses the built-in editing roles', () => {
    const roles = menu().submenu('Edit').map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('View reloads and zooms; a packaged app has no developer tools', () => {
    const roles = menu().submenu('View').map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('View offers the developer tools in development', () => {
    const roles = menu({ ...LINUX, isPackaged: false }).submenu('View').map((item) => item.role);
    expect(roles).toContain('toggleDevTools');
  });

  it('Help › About shows the About box', () => {
    const { submenu, showAbout, click, sent } = menu();
    const about = submenu('Help').find((item) => item.label === 'About Newsroom');
    click(about);
    expect(showAbout).toHaveBeenCalledOnce();
    expect(sent).toEqual([]);
  });

  it('macOS: an app menu first with About and Quit, and no Quit under File', () => {
    const { template, submenu } = menu({ ...LINUX, platform: 'darwin' });
    expect(template.map((item) => item.label)).toEqual(['Newsroom', 'File', 'Edit', 'View', 'Help']);
    expect(submenu('Newsroom').map((item) => item.role ?? item.label)).toContain('quit');
    expect(submenu('Newsroom')[0].label).toBe('About Newsroom');
    expect(submenu('File').some((item) => item.role === 'quit')).toBe(false);
  });
});

describe('aboutDialogOptions', () => {
  it('names the app, its version and the runtime', () => {
    const options = aboutDialogOptions(LINUX, { electron: '41.7.1', chrome: '146.0', node: '24.1.0' });
    expect(options).toMatchObject({ type: 'info', title: 'About Newsroom', message: 'Newsroom 0.1.0', buttons: ['OK'] });
    expect(options.detail).toContain('Electron 41.7.1');
    expect(options.detail).toContain('Chromium 146.0');
  });
});
