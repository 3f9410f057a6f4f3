// The open collaboration sockets by the session that opened them, so that a session's sockets
// close when it ends: at once when it ends on this instance (sign-out, a user's sessions ended),
// and for expiry or an end on another instance at the next re-check (every few seconds, one
// store lookup per distinct session, however many sockets it has open).
import { SESSION_ENDED_CLOSE } from '../../model/close-codes.ts';
import type { Logger } from '../log.ts';
import type { EndedSessions } from '../auth/accounts.ts';

export { SESSION_ENDED_CLOSE };

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
}

type Closer = (reason: string) => void;

interface Entry {
  session: SocketSession;
  closers: Set<Closer>;
}

/** Open sockets by session. */
export class SessionSockets {
  private readonly bySession = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Registers a socket of `session`; `close` ends it with SESSION_ENDED_CLOSE. Returns the unregister function. */
  add(session: SocketSession, close: Closer): () => void {
    let entry = this.bySession.get(session.tokenHash);
    if (!entry) this.bySession.set(session.tokenHash, (entry = { session, closers: new Set() }));
    entry.closers.add(close);
    const closers = entry.closers;
    return () => {
      closers.delete(close);
      if (closers.size === 0 && this.bySession.get(session.tokenHash)?.closers === closers) this.bySession.delete(session.tokenHash);
    };
  }

  /** Closes the sockets of sessions that ended. */
  end(ended: EndedSessions): void {
    for (const [tokenHash, entry] of [...this.bySession]) {
      const ends = 'tokenHash' in ended ? tokenHash === ended.tokenHash : entry.session.userId === ended.userId && tokenHash !== ended.except;
      if (ends) this.closeAll(tokenHash, ended.reason);
    }
  }

  private closeAll(tokenHash: string, reason: string): void {
    const entry = this.bySession.get(tokenHash);
    if (!entry) return;
    this.bySession.delete(tokenHash);
    this.logger.info(`closing ${entry.closers.size} collaboration socket(s) of ${entry.session.username}: session ${reason}`);
    for (const close of entry.closers) close(`session ${reason}: sign in again`);
  }

  /** Looks every open session up once: expired or gone (signed out elsewhere, ended by an admin) closes its sockets. */
  async recheck(lasts: (tokenHash: string) => Promise<boolean>): Promise<void> {
    if (this.checking) return; // a slow store: the next tick tries again
    this.checking = true;
    try {
      for (const [tokenHash, entry] of [...this.bySession]) {
        if (entry.session.expiresAt <= this.now()) this.closeAll(tokenHash, 'expired');
        // A store that cannot answer now keeps the sockets: the next tick asks again.
        else if (!(await lasts(tokenHash).catch(() => true))) this.closeAll(tokenHash, 'ended');
      }
    } finally {
      this.checking = false;
    }
  }

  /** Re-checks every `intervalMs` until stopped. */
  start(intervalMs: number, lasts: (tokenHash: string) => Promise<boolean>): void {
    this.timer = setInterval(() => void this.recheck(lasts), intervalMs);
    this.timer.unref();
  }

  /** Stops re-checking. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
