// electronPathIn: where `npm start` looks for Electron's binary without triggering the electron
// package's download-on-require (Electron 42 and later).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectElectron } from '../../electron/launcher/detect-electron.ts';
import { electronPathIn } from '../../electron/launcher/electron-path.ts';

const PACKAGE = '/app/node_modules/electron';
const files = (entries: Record<string, string>) => (path: string) => {
  if (path in entries) return entries[path];
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

describe('electronPathIn', () => {
  it('is dist/ plus what path.txt names', () => {
    expect(electronPathIn(PACKAGE, files({ [join(PACKAGE, 'path.txt')]: 'electron' }), {})).toBe(join(PACKAGE, 'dist', 'electron'));
  });

  it('throws when path.txt is missing (the binary was never downloaded), which detectElectron explains', () => {
    const load = () => electronPathIn(PACKAGE, files({}), {});
    expect(load).toThrow(/not downloaded/);
    expect(detectElectron(load, () => true)).toEqual({ available: false, reason: "Electron's binary was not downloaded when the app was installed." });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as the package does', () => {
    expect(electronPathIn(PACKAGE, files({}), { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toBe(join('/opt/electron', 'electron'));
  });

});
