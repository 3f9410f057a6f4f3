// For `npm start` (plain Node, not Electron): is there an Electron binary to launch? The loader
// (electronPathIn, see electron-path.ts) gives the binary's path, or throws when the package is
// missing or its binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, or no network).

/** The binary's path, or why there is none (one sentence, for the launcher's message). */
export type ElectronDetection = { available: true; path: string } | { available: false; reason: string };

/**
 * Decides from `loadElectron` (e.g. electronPathIn for the installed package) and
 * `fileExists` (e.g. fs.existsSync) whether Electron can be started.
 */
export function detectElectron(loadElectron: () => unknown, fileExists: (path: string) => boolean): ElectronDetection {
  let loaded: unknown;
  try {
    loaded = loadElectron();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'MODULE_NOT_FOUND') {
      return { available: false, reason: 'The electron package is not installed.' };
    }
    // Electron's own message ("delete node_modules/electron and try installing again") is advice
    // for another situation; what `npm start` says instead is in browserFallbackMessage.
    return { available: false, reason: "Electron's binary was not downloaded when the app was installed." };
  }
  if (typeof loaded !== 'string' || loaded === '') {
    return { available: false, reason: 'The electron package did not give the path of a binary.' };
  }
  // ELECTRON_OVERRIDE_DIST_PATH, or a dist folder deleted after install, can name a file that is not there.
  if (!fileExists(loaded)) return { available: false, reason: `The Electron binary is missing: ${loaded} does not exist.` };
  return { available: true, path: loaded };
}
