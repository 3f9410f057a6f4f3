// The renderer's CSP: every directive, and how it is attached to responses.
import { describe, expect, it } from 'vitest';
import {
  CSP_HEADER,
  cspHeader,
  installContentSecurityPolicy,
  withContentSecurityPolicy,
  type HeadersReceivedHook,
} from '../../electron/main/content-security-policy.ts';

function directives(): Map<string, string[]> {
  return new Map(cspHeader().split('; ').map((part) => {
    const [name, ...sources] = part.split(' ');
    return [name, sources];
  }));
}

describe('cspHeader', () => {
  it('runs only our own scripts: no inline, no eval', () => {
    expect(directives().get('script-src')).toEqual(["'self'"]);
    expect(cspHeader()).not.toContain('unsafe-eval');
  });

  it('allows inline styles (ProseMirror cursors), and our own style sheets', () => {
    expect(directives().get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('connects to any http(s) or ws(s) server, since the user types its address', () => {
    expect(directives().get('connect-src')).toEqual(["'self'", 'http:', 'https:', 'ws:', 'wss:']);
  });

  it('shows pictures from the app, data: and blob: URLs and servers', () => {
    expect(directives().get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'http:', 'https:']);
  });

  it('shuts plugins, <base>, framing and form posts', () => {
    const csp = directives();
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('falls back to self for everything not named, and fonts from self or data:', () => {
    expect(directives().get('default-src')).toEqual(["'self'"]);
    expect(directives().get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('names each directive once and has no wildcard source', () => {
    const names = cspHeader().split('; ').map((part) => part.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(cspHeader()).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces a server-sent CSP in any letter case and keeps other headers', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], [CSP_HEADER]: [cspHeader()] });
  });
});

describe('installContentSecurityPolicy', () => {
  function install(origin: string) {
    let listener: Parameters<HeadersReceivedHook['onHeadersReceived']>[0] | undefined;
    installContentSecurityPolicy({ onHeadersReceived: (l) => (listener = l) }, origin);
    return (url: string, responseHeaders?: Record<string, string[]>) => {
      let answer: unknown;
      listener?.({ url, responseHeaders }, (response) => (answer = response));
      return answer;
    };
  }

  it('adds the CSP to pages from the renderer origin', () => {
    const respond = install('http://localhost:5173');
    expect(respond('http://localhost:5173/index.html', { 'Content-Type': ['text/html'] })).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], [CSP_HEADER]: [cspHeader()] },
    });
    expect(respond('http://LOCALHOST:5173/')).toEqual({ responseHeaders: { [CSP_HEADER]: [cspHeader()] } });
  });

  it('leaves responses from other origins (the collab server API) unchanged', () => {
    const respond = install('http://localhost:5173');
    expect(respond('http://localhost:4455/api/articles', { 'Content-Type': ['application/json'] })).toEqual({});
    expect(respond('http://localhost:51730/')).toEqual({});
  });
});
