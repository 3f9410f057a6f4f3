// detectElectron: what `npm start` learns from the electron package before trying to launch it.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { detectElectron } from '../../electron/launcher/detect-electron.ts';

const exists = (...paths: string[]) => (path: string) => paths.includes(path);

describe('detectElectron', () => {
  it('is available when the package returns the path of an existing binary', () => {
    const path = '/app/node_modules/electron/dist/electron';
    expect(detectElectron(() => path, exists(path))).toEqual({ available: true, path });
  });

  it('explains a binary that was never downloaded (what the package throws then)', () => {
    const load = () => {
      throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
    };
    const result = detectElectron(load, exists());
    expect(result.available).toBe(false);
    if (!result.available) {
      expect(result.reason).toMatch(/not downloaded/);
      // Electron's own advice (delete node_modules/electron, install again) is not repeated: it contradicts ours.
      expect(result.reason).not.toContain('node_modules/electron');
    }
  });

  it('explains a missing package', () => {
    const load = () => {
      throw Object.assign(new Error("Cannot find module 'electron'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(detectElectron(load, exists())).toEqual({ available: false, reason: 'The electron package is not installed.' });
  });

  it('explains a path that does not exist (deleted dist, ELECTRON_OVERRIDE_DIST_PATH)', () => {
    expect(detectElectron(() => '/nowhere/electron', exists())).toEqual({
      available: false,
      reason: 'The Electron binary is missing: /nowhere/electron does not exist.',
    });
  });

  it('refuses anything but a path (e.g. the API object, when run inside Electron)', () => {
    for (const loaded of [{ app: {} }, '', undefined, 42]) {
      expect(detectElectron(() => loaded, () => true).available, inspect(loaded)).toBe(false);
    }
  });

  it('copes with a non-Error throw', () => {
    const load = () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a non-Error throw is the case under test
      throw 'boom';
    };
    expect(detectElectron(load, exists())).toMatchObject({ available: false, reason: expect.stringMatching(/not downloaded/) });
  });
});
