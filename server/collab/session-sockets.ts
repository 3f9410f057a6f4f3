// The open collaboration sockets by the session that opened them, so that a session's sockets
// close when it ends: at once when it ends on this instance (sign-out, a user's sessions ended),
// and for expiry or an end on another instance at the next re-check (every few seconds, one
// store lookup per distinct session, however many sockets it has open). The re-check also
// closes the sockets of a session whose role is no longer the one they were admitted with, so
// that they reconnect with the new rights (ROLE_CHANGED_CLOSE).
import { ROLE_CHANGED_CLOSE, SESSION_ENDED_CLOSE } from '../../model/close-codes.ts';
import type { Role } from '../../model/roles.ts';
import type { Logger } from '../log.ts';
import type { EndedSessions } from '../auth/accounts.ts';

export { ROLE_CHANGED_CLOSE, SESSION_ENDED_CLOSE };

/**
 * How often open sockets' sessions are looked up again by default: under the 5 s the contract
 * promises for a session ended elsewhere (another instance, a disabled account, the CLI), with
 * room for the lookup itself.
 */
export const DEFAULT_RECHECK_MS = 4000;

/** A session as a socket was admitted with. */
export interface SocketSession {
  tokenHash: string;
  userId: string;
  /** For log lines. */
  username: string;
  expiresAt: number;
  /** The role the socket was admitted with, and so the rights it has. */
  role: Role;
}

/** Closes one socket with a close code and reason. */
type Closer = (code: number, reason: string) => void;

// Sockets of one session admitted with different roles (some before a change, some after) are kept apart.
const keyOf = (session: SocketSession) => `${session.tokenHash} ${session.role}`;

interface Entry {
  session: SocketSession;
  closers: Set<Closer>;
}

/** Open sockets by session and admitted role. */
export class SessionSockets {
  private readonly bySession = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Registers a socket of `session`; `close` ends it with a close code and reason. Returns the unregister function. */
  add(session: SocketSession, close: Closer): () => void {
    const key = keyOf(session);
    let entry = this.bySession.get(key);
    if (!entry) this.bySession.set(key, (entry = { session, closers: new Set() }));
    entry.closers.add(close);
    const closers = entry.closers;
    return () => {
      closers.delete(close);
      if (closers.size === 0 && this.bySession.get(key)?.closers === closers) this.bySession.delete(key);
    };
  }

  /** Closes the sockets of sessions that ended. */
  end(ended: EndedSessions): void {
    for (const [key, { session }] of [...this.bySession]) {
      const ends = 'tokenHash' in ended ? session.tokenHash === ended.tokenHash : session.userId === ended.userId && session.tokenHash !== ended.except;
      if (ends) this.closeAll(key, SESSION_ENDED_CLOSE, `session ${ended.reason}`, 'sign in again');
    }
  }

  private closeAll(key: string, code: number, why: string, then: string): void {
    const entry = this.bySession.get(key);
    if (!entry) return;
    this.bySession.delete(key);
    this.logger.info(`closing ${entry.closers.size} collaboration socket(s) of ${entry.session.username}: ${why}`);
    for (const close of entry.closers) close(code, `${why}: ${then}`);
  }

  /**
   * Looks every open session up once: expired or gone (signed out elsewhere, ended by an admin)
   * closes its sockets with SESSION_ENDED_CLOSE; a role other than the one they were admitted
   * with (`roleOf` answers null for a session that ended) closes them with ROLE_CHANGED_CLOSE.
   */
  async recheck(roleOf: (tokenHash: string) => Promise<Role | null>): Promise<void> {
    if (this.checking) return; // a slow store: the next tick tries again
    this.checking = true;
    try {
      for (const [key, { session }] of [...this.bySession]) {
        if (session.expiresAt <= this.now()) {
          this.closeAll(key, SESSION_ENDED_CLOSE, 'session expired', 'sign in again');
          continue;
        }
        // A store that cannot answer now keeps the sockets: the next tick asks again.
        const role = await roleOf(session.tokenHash).catch(() => session.role);
        if (role === null) this.closeAll(key, SESSION_ENDED_CLOSE, 'session ended', 'sign in again');
        else if (role !== session.role) this.closeAll(key, ROLE_CHANGED_CLOSE, `role changed to ${role}`, 'reconnect');
      }
    } finally {
      this.checking = false;
    }
  }

  /** Re-checks every `intervalMs` until stopped. */
  start(intervalMs: number, roleOf: (tokenHash: string) => Promise<Role | null>): void {
    this.timer = setInterval(() => void this.recheck(roleOf), intervalMs);
    this.timer.unref();
  }

  /** Stops re-checking. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
