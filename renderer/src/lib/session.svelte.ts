// Who is signed in, to which server: sign-in, sign-out, and the session kept across restarts.
import type { ApiUser, SignInResponse } from '../../../model/api-types.ts';
import { Api, ApiError, defaultServerUrl, normaliseServerUrl } from './api.ts';
import { desktop } from './desktop.ts';
import { deviceToken, keepDeviceToken } from './device-tokens.ts';

/** What is kept on the device between runs. */
interface StoredSession {
  serverUrl: string;
  token: string;
  user: ApiUser;
  expiresAt: number;
  /** The ids of the user's desks when last asked (missing in sessions kept before desks). */
  desks?: string[];
}

function parseStored(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.serverUrl !== 'string' || typeof value.token !== 'string' || typeof value.user?.id !== 'string') return null;
    return value as StoredSession;
  } catch {
    return null;
  }
}

/** The signed-in session, reactive. */
export class Session {
  serverUrl = $state(defaultServerUrl(window.location));
  user = $state<ApiUser | null>(null);
  token = $state<string | null>(null);
  /** True until the kept session has been read. */
  restoring = $state(true);
  /** Why the user was signed out, shown on the sign-in screen. */
  notice = $state<string | null>(null);
  /** Who was signed in before the session ended: their unsent work waits on this device for them. */
  previousUserId = $state<string | null>(null);
  /** The ids of the signed-in user's desks (for "My desks"), as the server last said. */
  desks = $state<string[]>([]);
  /** An API client with the current token. */
  api = $derived(new Api(this.serverUrl, this.token, () => this.expire()));

  /** Reads the kept session, if any. */
  async restore(): Promise<void> {
    const stored = parseStored(await desktop().readSession().catch(() => null));
    if (stored) {
      this.serverUrl = stored.serverUrl;
      this.token = stored.token;
      this.user = stored.user;
      this.desks = stored.desks ?? [];
      // Offline, an expired session still opens what is on this device; the server asks for a
      // new sign-in once it is reachable, and the work done meanwhile is sent after it.
      if (stored.expiresAt <= Date.now() && navigator.onLine) this.expire();
    }
    this.restoring = false;
    if (this.user) await this.check();
  }

  /** Signs in; throws ApiError with a message for the form. */
  async signIn(serverInput: string, username: string, password: string): Promise<void> {
    const serverUrl = normaliseServerUrl(serverInput);
    const name = username.trim();
    const answer = await new Api(serverUrl, null).signIn(name, password, deviceToken(serverUrl, name));
    await this.begin(serverUrl, answer, name);
  }

  /** Sets the first password of the account a setup link is for, and signs in as it; throws ApiError with a message for the form. */
  async setUp(serverUrl: string, token: string, password: string): Promise<void> {
    await this.begin(serverUrl, await new Api(serverUrl, null).completeSetup(token, password));
  }

  // A sign-in's answer becomes the session, kept on this device.
  private async begin(serverUrl: string, answer: SignInResponse, typedName = answer.user.username): Promise<void> {
    keepDeviceToken(serverUrl, typedName, answer.deviceToken);
    this.serverUrl = serverUrl;
    this.token = answer.token;
    this.user = answer.user;
    this.desks = [];
    this.notice = null;
    this.previousUserId = null;
    await this.keep(answer.expiresAt);
    await this.check();
  }

  // The session as it is now, kept on the device for the next start (desks only when there are some).
  private async keep(expiresAt: number): Promise<void> {
    if (!this.user || !this.token) return;
    const stored: StoredSession = { serverUrl: this.serverUrl, token: this.token, user: this.user, expiresAt, ...(this.desks.length > 0 ? { desks: this.desks } : {}) };
    await desktop().storeSession(JSON.stringify(stored));
  }

  /** Signs out here and on the server (best effort: forgetting the token locally is what matters). */
  async signOut(): Promise<void> {
    const api = this.api;
    this.forget();
    await api.signOut().catch((error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
    });
  }

  /**
   * Asks the server whether the token is still valid (a refusal ends the session, see expire), and
   * takes a changed role, name or desks from its answer, kept on the device.
   */
  async check(): Promise<void> {
    const api = this.api;
    const answer = await api.currentSession().catch(() => null);
    const user = this.user;
    // An answer for a session that has since changed is not this one's.
    if (!answer || !user || api !== this.api || answer.user.id !== user.id) return;
    const changedUser = answer.user.role !== user.role || answer.user.displayName !== user.displayName;
    const changedDesks = !sameDesks(this.desks, answer.desks);
    if (!changedUser && !changedDesks) return;
    if (changedUser) this.user = { ...user, role: answer.user.role, displayName: answer.user.displayName };
    if (changedDesks) this.desks = answer.desks;
    await this.keep(answer.expiresAt);
  }

  /** The server refused the token: sign out and say why; what is on this device stays for the next sign-in. */
  expire(): void {
    if (!this.user) return;
    this.previousUserId = this.user.id;
    this.forget();
    this.notice = 'Your session has ended. Please sign in again.';
  }

  private forget(): void {
    this.token = null;
    this.user = null;
    this.desks = [];
    void desktop().storeSession(null);
  }
}

const sameDesks = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
