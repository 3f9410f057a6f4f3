// The kept session, with a fake safeStorage: encrypted where possible, plain with a warning where not.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionStore, type SafeStorageLike } from '../../electron/main/session-store.ts';

const SESSION = JSON.stringify({ server: 'http://127.0.0.1:4455', token: 'secret-token-123' });

// Reversible and visibly not plain text; decrypt refuses anything this "keychain" did not make.
function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.concat([Buffer.from('ENC:'), Buffer.from(text).reverse()]),
    decryptString: (data) => {
      if (!data.subarray(0, 4).equals(Buffer.from('ENC:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(4)).reverse().toString();
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

let dir: string;
let filePath: string;
let warnings: string[];
const store = (safeStorage: SafeStorageLike) => sessionStore({ safeStorage, fs: fsPromises, filePath, warn: (message) => warnings.push(message) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-session-'));
  filePath = join(dir, 'userData', 'session.json');
  warnings = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sessionStore', () => {
  it('round-trips an encrypted session, and the file never holds the token in the clear', async () => {
    await store(fakeSafeStorage(true)).store(SESSION);
    const onDisk = readFileSync(filePath, 'utf8');
    expect(onDisk).not.toContain('secret-token-123');
    expect(JSON.parse(onDisk)).toMatchObject({ encrypted: true });
    expect(await store(fakeSafeStorage(true)).read()).toBe(SESSION);
    expect(warnings).toEqual([]);
  });

  it('stores plain text with a warning when encryption is unavailable, and reads it back', async () => {
    await store(fakeSafeStorage(false)).store(SESSION);
    expect(JSON.parse(readFileSync(filePath, 'utf8'))).toEqual({ encrypted: false, data: SESSION });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/plain text/);
    expect(await store(fakeSafeStorage(false)).read()).toBe(SESSION);
  });

  it('warns when Linux has no keyring and encrypts with a fixed key', async () => {
    await store(fakeSafeStorage(true, 'basic_text')).store(SESSION);
    expect(warnings).toEqual([expect.stringMatching(/fixed key/)]);
    await store(fakeSafeStorage(true, 'gnome_libsecret')).store(SESSION);
    expect(warnings).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('writes the file for its owner only', async () => {
    await store(fakeSafeStorage(true)).store(SESSION);
    expect(statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it('forgets the session on null', async () => {
    await store(fakeSafeStorage(true)).store(SESSION);
    await store(fakeSafeStorage(true)).store(null);
    expect(existsSync(filePath)).toBe(false);
    expect(await store(fakeSafeStorage(true)).read()).toBeNull();
    await expect(store(fakeSafeStorage(true)).store(null)).resolves.toBeUndefined();
  });

  it('reads null, quietly, when nothing was kept', async () => {
    expect(await store(fakeSafeStorage(true)).read()).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('reads null with a warning from a corrupt file', async () => {
    await store(fakeSafeStorage(true)).store(SESSION);
    writeFileSync(filePath, '{"encrypted": tru');
    expect(await store(fakeSafeStorage(true)).read()).toBeNull();
    writeFileSync(filePath, JSON.stringify({ encrypted: 'yes', data: 1 }));
    expect(await store(fakeSafeStorage(true)).read()).toBeNull();
    expect(warnings).toHaveLength(2);
  });

  it('reads null when the encrypted session cannot be decrypted (other machine, keychain reset)', async () => {
    await store(fakeSafeStorage(true)).store(SESSION);
    writeFileSync(filePath, JSON.stringify({ encrypted: true, data: Buffer.from('garbage').toString('base64') }));
    expect(await store(fakeSafeStorage(true)).read()).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/decrypt/)]);
  });

  it('reads null when the session was encrypted but encryption is unavailable now', async () => {
    await store(fakeSafeStorage(true)).store(SESSION);
    expect(await store(fakeSafeStorage(false)).read()).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/not available/)]);
  });
});
