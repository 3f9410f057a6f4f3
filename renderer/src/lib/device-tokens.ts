// This device's sign-in tokens, one per server and username, kept across sign-outs: shown at
// the next sign-in, they keep others' failed attempts on that name from slowing its owner down
// on a computer they signed in on before (server/auth/device-tokens.ts).

/** Where tokens are kept (localStorage in the app; a stand-in in tests). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

const keyOf = (serverUrl: string, username: string) => `newsroom.device:${serverUrl}:${username.trim().toLowerCase()}`;

/** The token this device keeps for `username` on `serverUrl`, if any. */
export function deviceToken(serverUrl: string, username: string, storage: TokenStorage = localStorage): string | undefined {
  try {
    return storage.getItem(keyOf(serverUrl, username)) ?? undefined;
  } catch {
    return undefined; // storage disabled: sign in as a new device
  }
}

/** Keeps the token the server gave at sign-in. */
export function keepDeviceToken(serverUrl: string, username: string, token: string, storage: TokenStorage = localStorage): void {
  try {
    storage.setItem(keyOf(serverUrl, username), token);
  } catch {
    // storage full or disabled: the next sign-in is a new device's, nothing worse
  }
}
