// The device tokens the app keeps per server and username, and what happens when storage fails.
import { describe, expect, it } from 'vitest';
import { deviceToken, keepDeviceToken, type TokenStorage } from '../../renderer/src/lib/device-tokens.ts';

function memoryStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('device tokens', () => {
  it('are kept per server and username (any case or spacing of the name)', () => {
    const storage = memoryStorage();
    expect(deviceToken('http://a', 'ed', storage)).toBeUndefined();
    keepDeviceToken('http://a', ' Ed ', 'token-a', storage);
    keepDeviceToken('http://b', 'ed', 'token-b', storage);
    expect(deviceToken('http://a', 'ED', storage)).toBe('token-a');
    expect(deviceToken('http://b', 'ed', storage)).toBe('token-b');
    expect(deviceToken('http://a', 'ana', storage)).toBeUndefined();
  });

  it('fall back to none when storage refuses', () => {
    const broken: TokenStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(deviceToken('http://a', 'ed', broken)).toBeUndefined();
    expect(() => keepDeviceToken('http://a', 'ed', 't', broken)).not.toThrow();
  });
});
