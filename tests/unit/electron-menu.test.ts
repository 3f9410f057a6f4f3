// The application menu template: labels, accelerators, roles and the command each item sends.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../model/desktop-bridge.ts';
import { aboutDialogOptions, type AppInfo } from '../../electron/main/about-dialog.ts';
import { buildMenuTemplate } from '../../electron/main/app-menu.ts';

const LINUX: AppInfo = { name: 'Newsroom', version: '0.1.0', isPackaged: true, platform: 'linux' };

function menu(app: AppInfo = LINUX) {
  const sent: MenuCommand[] = [];
  const showAbout = vi.fn();
  const template = buildMenuTemplate({ send: (command) => sent.push(command), showAbout }, app);
  const submenu = (label: string) => {
    const top = template.find((item) => item.label === label);
    if (!top || !Array.isArray(top.submenu)) throw new Error(`no ${label} menu`);
    return top.submenu as MenuItemConstructorOptions[];
  };
  const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
  return { template, submenu, sent, showAbout, click };
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
      ['Export…', 'CmdOrCtrl+E'],
      ['Close', 'CmdOrCtrl+W'],
    ]);
    for (const item of items) click(item);
    expect(sent).toEqual(['new-story', 'import-text', 'export', 'close-story']);
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
