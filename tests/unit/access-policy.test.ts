// Who may reach the server from a browser (Host and Origin), which proxies' X-Forwarded-For is
// believed, and the desktop app's origin as the Electron side defines it.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-protocol.ts';
import { AccessPolicy, DESKTOP_APP_ORIGIN, hostnameOf } from '../../server/http/access-policy.ts';
import { TrustedProxies } from '../../server/http/client-address.ts';

describe('AccessPolicy: Host', () => {
  const policy = new AccessPolicy({ publicUrls: ['https://News.Example.org', 'http://[2001:db8::1]:8080'], listenHost: 'newsroom.lan' });

  it('answers loopback names, IP literals, the --host name and the public names, with any port', () => {
    for (const host of ['localhost', 'localhost:4455', 'LOCALHOST:1', 'dev.localhost:4455', '127.0.0.1:4455', '[::1]:4455', '10.1.2.3', '2130706433', 'newsroom.lan:4455', 'news.example.org', '[2001:db8::1]:8080']) {
      expect(policy.hostAllowed(host), host).toBe(true);
    }
    // No Host at all: an HTTP/1.0 program, not a browser.
    expect(policy.hostAllowed(undefined)).toBe(true);
  });

  it('refuses any other name (DNS rebinding) and malformed values', () => {
    for (const host of ['evil.example', 'evil.example:4455', 'localhost.evil.example', 'news.example.org.evil.example', 'localhost.', 'a@localhost', 'localhost/x', '', ':4455']) {
      expect(policy.hostAllowed(host), host).toBe(false);
    }
    expect(new AccessPolicy({ listenHost: '0.0.0.0' }).hostAllowed('evil.example')).toBe(false);
  });

  it('reads the hostname of a Host value', () => {
    expect(hostnameOf('Example.ORG:80')).toBe('example.org');
    expect(hostnameOf('[::1]:4455')).toBe('::1');
    expect(hostnameOf('a b')).toBeNull();
  });
});

describe('AccessPolicy: Origin', () => {
  const policy = new AccessPolicy({ publicUrls: ['https://news.example.org'], allowedOrigins: ['http://localhost:5173/'] });

  it('lets programs (no Origin), the desktop app, configured origins and the server’s own origin through', () => {
    expect(policy.originAllowed(undefined, '127.0.0.1:4455')).toBe(true);
    expect(policy.originAllowed('app://newsroom', '127.0.0.1:4455')).toBe(true);
    expect(policy.originAllowed('https://news.example.org', 'news.example.org')).toBe(true);
    expect(policy.originAllowed('http://localhost:5173', '127.0.0.1:4455')).toBe(true);
    expect(policy.originAllowed('http://127.0.0.1:4455', '127.0.0.1:4455')).toBe(true);
    expect(policy.originAllowed('https://newsroom.lan', 'newsroom.lan')).toBe(true);
  });

  it('refuses other pages, opaque origins and look-alikes', () => {
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:4456', 'http://localhost:4455', 'app://evil', 'file://', 'https://news.example.org.evil.example', 'chrome-extension://abc']) {
      expect(policy.originAllowed(origin, '127.0.0.1:4455'), origin).toBe(false);
    }
  });

  it('echoes an allowed origin in CORS headers, with Vary, and gives programs none', () => {
    expect(policy.corsHeaders('app://newsroom')).toMatchObject({ 'access-control-allow-origin': 'app://newsroom', vary: 'Origin' });
    expect(policy.corsHeaders(undefined)).toEqual({});
  });

  it('knows the desktop app by the origin the Electron window really has', () => {
    expect(DESKTOP_APP_ORIGIN).toBe(APP_ORIGIN);
  });
});

describe('TrustedProxies', () => {
  const request = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('believes no one by default: the peer is the client', () => {
    expect(new TrustedProxies().clientAddress(request('::ffff:127.0.0.1', '1.2.3.4'))).toBe('127.0.0.1');
  });

  it('takes the nearest hop that is not a trusted proxy, from trusted peers only', () => {
    const proxies = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(proxies.clientAddress(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(proxies.clientAddress(request('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2'))).toBe('203.0.113.9');
    expect(proxies.clientAddress(request('fd00::1', '2001:db8::5'))).toBe('2001:db8::5');
    expect(proxies.clientAddress(request('198.51.100.1', '203.0.113.9'))).toBe('198.51.100.1');
    // No header, only proxies, or a malformed hop: the peer.
    expect(proxies.clientAddress(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(proxies.clientAddress(request('127.0.0.1', '10.0.0.3'))).toBe('127.0.0.1');
    expect(proxies.clientAddress(request('127.0.0.1', '203.0.113.9, not-an-address'))).toBe('127.0.0.1');
  });

  it('refuses entries that are not addresses or ranges', () => {
    expect(() => new TrustedProxies(['proxy.internal'])).toThrow(/proxy.internal/);
    expect(() => new TrustedProxies(['10.0.0.0/x'])).toThrow();
    expect(() => new TrustedProxies(['10.0.0.0/8/1'])).toThrow();
  });
});
