// The origin used for absolute links in exports.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestOrigin } from '../../server/http/request-origin.ts';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('requestOrigin', () => {
  it.each([
    [{ host: '127.0.0.1:4455' }, 'http://127.0.0.1:4455'],
    [{ host: 'News.Example' }, 'http://news.example'],
    [{ host: '[::1]:4455' }, 'http://[::1]:4455'],
    [{ host: 'news.example', 'x-forwarded-proto': 'https' }, 'https://news.example'],
    [{ host: 'news.example', 'x-forwarded-proto': 'gopher' }, 'http://news.example'],
  ])('reads %j as %s', (headers, origin) => expect(requestOrigin(req(headers))).toBe(origin));

  it.each<Record<string, string>>([{}, { host: '' }, { host: 'evil.example/path' }, { host: 'a b' }, { host: 'x"><script>' }, { host: 'user@host' }])('gives up on %j', (headers) =>
    expect(requestOrigin(req(headers))).toBeNull(),
  );
});
