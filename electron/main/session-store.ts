// The signed-in session, kept across restarts in a file under userData: encrypted with the OS
// keychain (safeStorage) where that is available, in plain text with a warning where not.
import { dirname } from 'node:path';

/** The slice of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means "encrypted" with a fixed key because no keyring was found. */
  getSelectedStorageBackend?(): string;
}

/** The asynchronous file calls used here (node:fs/promises satisfies it). */
export type SessionFs = Pick<typeof import('node:fs/promises'), 'readFile' | 'writeFile' | 'rename' | 'rm' | 'mkdir'>;

/** The file's content: the session, base64 of its encryption when `encrypted`. */
interface SessionFile {
  encrypted: boolean;
  data: string;
}

function parseSessionFile(text: string): SessionFile | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { encrypted, data } = value as Record<string, unknown>;
    return typeof encrypted === 'boolean' && typeof data === 'string' ? { encrypted, data } : null;
  } catch {
    return null;
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Stores and reads the session in `filePath`; `warn` hears about plain-text storage and unreadable files. */
export function sessionStore(deps: { safeStorage: SafeStorageLike; fs: SessionFs; filePath: string; warn: (message: string) => void }) {
  const { safeStorage, fs, filePath, warn } = deps;
  return {
    /** Keeps `session`, replacing any kept one; null deletes the file. */
    async store(session: string | null): Promise<void> {
      if (session === null) {
        await fs.rm(filePath, { force: true });
        return;
      }
      let file: SessionFile;
      if (safeStorage.isEncryptionAvailable()) {
        if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') warn('No OS keyring found: the session is encrypted with a fixed key only.');
        file = { encrypted: true, data: safeStorage.encryptString(session).toString('base64') };
      } else {
        warn('OS encryption is not available: the session is stored in plain text, readable by anyone with access to this user account.');
        file = { encrypted: false, data: session };
      }
      await fs.mkdir(dirname(filePath), { recursive: true });
      // Owner-only, and through a temporary file so a crash never leaves half a session.
      await fs.writeFile(`${filePath}.tmp`, JSON.stringify(file), { mode: 0o600 });
      await fs.rename(`${filePath}.tmp`, filePath);
    },
    /** The kept session; null when there is none or it cannot be read back (then the user simply signs in again). */
    async read(): Promise<string | null> {
      let text: string;
      try {
        text = await fs.readFile(filePath, 'utf8');
      } catch (error) {
        if (!isMissingFile(error)) warn(`Could not read the kept session: ${String(error)}`);
        return null;
      }
      const file = parseSessionFile(text);
      if (file === null) {
        warn('Ignoring an unreadable session file.');
        return null;
      }
      if (!file.encrypted) return file.data;
      if (!safeStorage.isEncryptionAvailable()) {
        warn('The kept session is encrypted, but OS encryption is not available now.');
        return null;
      }
      try {
        return safeStorage.decryptString(Buffer.from(file.data, 'base64'));
      } catch (error) {
        warn(`Could not decrypt the kept session: ${String(error)}`);
        return null;
      }
    },
  };
}
