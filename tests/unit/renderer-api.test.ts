// The server address: the default one, what a user types, and the websocket address derived from it.
import { describe, expect, it } from 'vitest';
import { collabUrl, defaultServerUrl, normaliseServerUrl } from '../../renderer/src/lib/api.ts';

describe('normaliseServerUrl', () => {
  it.each([
    ['localhost:4455', 'http://localhost:4455'],
    ['127.0.0.1:4455/', 'http://127.0.0.1:4455'],
    ['  newsroom.example.org  ', 'http://newsroom.example.org'],
    ['http://localhost:4455', 'http://localhost:4455'],
    ['http://localhost:4455///', 'http://localhost:4455'],
    ['https://news.example.org/', 'https://news.example.org'],
    ['HTTPS://News.Example.org', 'HTTPS://News.Example.org'],
    ['https://news.example.org/newsroom/', 'https://news.example.org/newsroom'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseServerUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const input of ['localhost:1', 'https://a.b/', ' http://x/y// ']) {
      const once = normaliseServerUrl(input);
      expect(normaliseServerUrl(once)).toBe(once);
    }
  });
});

describe('collabUrl', () => {
  it('uses ws for http and wss for https, under /collab', () => {
    expect(collabUrl('http://127.0.0.1:4455')).toBe('ws://127.0.0.1:4455/collab');
    expect(collabUrl('https://news.example.org')).toBe('wss://news.example.org/collab');
    expect(collabUrl('https://news.example.org/newsroom')).toBe('wss://news.example.org/newsroom/collab');
  });

  it('works on what normaliseServerUrl produces', () => {
    expect(collabUrl(normaliseServerUrl('localhost:4455/'))).toBe('ws://localhost:4455/collab');
  });
});

describe('defaultServerUrl (the sign-in form’s default)', () => {
  it('is the page origin when the app was loaded over http or https (the browser build)', () => {
    expect(defaultServerUrl({ protocol: 'http:', origin: 'http://127.0.0.1:4455' })).toBe('http://127.0.0.1:4455');
    expect(defaultServerUrl({ protocol: 'https:', origin: 'https://news.example.org' })).toBe('https://news.example.org');
  });

  it('is the embedded server when the page comes from app:// (the desktop app) or a file', () => {
    expect(defaultServerUrl({ protocol: 'app:', origin: 'app://newsroom' })).toBe('http://127.0.0.1:4455');
    expect(defaultServerUrl({ protocol: 'file:', origin: 'null' })).toBe('http://127.0.0.1:4455');
  });
});
