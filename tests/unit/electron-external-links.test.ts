// openExternal and the URL tests behind it: only http(s) leaves the app.
import { describe, expect, it, vi } from 'vitest';
import { openExternalSafely } from '../../electron/main/external-links.ts';
import { isHttpUrl, isSameOrigin, originOf } from '../../electron/main/url-checks.ts';

describe('openExternalSafely', () => {
  it('opens http and https URLs', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    await openExternalSafely(shell, 'https://example.com/a?b=c');
    await openExternalSafely(shell, 'http://example.com/');
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/a?b=c'], ['http://example.com/']]);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'smb://server/share', 'mailto:a@b.c', 'app://newsroom/', 'data:,x', 'http://', 'not a url', ''])(
    'refuses %j without touching the shell',
    async (url) => {
      const shell = { openExternal: vi.fn(async () => {}) };
      await expect(openExternalSafely(shell, url)).rejects.toThrow(/Only http and https/);
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('url checks', () => {
  it('builds origins for custom schemes too, with the host lower-cased and default ports dropped', () => {
    expect(originOf('app://NewsRoom/index.html')).toBe('app://newsroom');
    expect(originOf('HTTP://Example.com:80/x')).toBe('http://example.com');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
  });

  it('has no origin for URLs without a host', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'data:,x', 'garbage']) expect(originOf(url), url).toBeNull();
  });

  it('compares origins exactly', () => {
    expect(isSameOrigin('app://newsroom/a', 'app://newsroom')).toBe(true);
    expect(isSameOrigin('app://newsroom.evil/a', 'app://newsroom')).toBe(false);
    expect(isSameOrigin('javascript:alert(1)', 'null')).toBe(false);
  });

  it('accepts only absolute http(s) URLs with a host', () => {
    expect(isHttpUrl('https://example.com')).toBe(true);
    expect(isHttpUrl('HTTPS://EXAMPLE.COM')).toBe(true);
    expect(isHttpUrl('ftp://example.com')).toBe(false);
  });
});
