// Navigation guards with a fake WebContents and a fake shell: the window stays on its origin.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installNavigationGuards, type GuardedContents, type NavigationEvent } from '../../electron/main/navigation-guards.ts';

const APP = 'app://newsroom';

function guarded(appOrigin = APP) {
  const listeners = new Map<string, (event: NavigationEvent) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on: (event, listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler) => (openHandler = handler),
  };
  const opened: string[] = [];
  const shell = { openExternal: vi.fn(async (url: string) => void opened.push(url)) };
  installNavigationGuards(contents, { shell, appOrigin });
  const fire = (name: 'will-navigate' | 'will-redirect', url: string) => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    navigate: (url: string) => fire('will-navigate', url),
    redirect: (url: string) => fire('will-redirect', url),
    openWindow: (url: string) => openHandler?.({ url }),
    opened,
    shell,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('will-navigate', () => {
  it('lets the app move within its own origin', () => {
    const window = guarded();
    expect(window.navigate('app://newsroom/index.html')).toBe(false);
    expect(window.navigate('app://newsroom/stories/42?x=1#body')).toBe(false);
    expect(window.opened).toEqual([]);
  });

  it('stops navigation to any other origin, and opens http(s) links in the system browser instead', async () => {
    const window = guarded();
    expect(window.navigate('https://example.com/story')).toBe(true);
    expect(window.navigate('http://example.com/')).toBe(true);
    await Promise.resolve();
    expect(window.opened).toEqual(['https://example.com/story', 'http://example.com/']);
  });

  it('stops and never opens javascript:, file:, data: or another app host', async () => {
    const window = guarded();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<p>x', 'app://evil/index.html', 'app://newsroom.evil/']) {
      expect(window.navigate(url), url).toBe(true);
    }
    await Promise.resolve();
    expect(window.shell.openExternal).not.toHaveBeenCalled();
  });

  it('trusts a development server origin exactly, not its neighbours', () => {
    const window = guarded('http://localhost:5173');
    expect(window.navigate('http://localhost:5173/some/route')).toBe(false);
    expect(window.navigate('http://localhost:5174/')).toBe(true);
    expect(window.navigate('https://localhost:5173/')).toBe(true);
  });

  it('logs, rather than throws, when the system browser cannot be opened', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const window = guarded();
    window.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(window.navigate('https://example.com/')).toBe(true);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());
  });
});

describe('will-redirect', () => {
  it('allows same-origin redirects and stops others without opening anything', async () => {
    const window = guarded();
    expect(window.redirect('app://newsroom/index.html')).toBe(false);
    expect(window.redirect('https://tracker.example/')).toBe(true);
    await Promise.resolve();
    expect(window.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('window.open and target=_blank', () => {
  it('never creates a window, and sends http(s) links to the system browser', async () => {
    const window = guarded();
    expect(window.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(window.openWindow('app://newsroom/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(window.opened).toEqual(['https://example.com/']);
  });

  it('never opens javascript: or file: URLs anywhere', async () => {
    const window = guarded();
    expect(window.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(window.openWindow('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(window.shell.openExternal).not.toHaveBeenCalled();
  });
});
