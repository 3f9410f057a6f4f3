// Websocket tickets: what the app puts in `/collab/ID?ticket=…` instead of its session token. A
// ticket is good for one story, for a minute, and only while the session that asked for it
// lasts (it names the session, which is looked up again at the upgrade). Signed, not stored:
// any instance on the same store accepts it (see signed-tokens.ts).
import type { TokenSigner } from './signed-tokens.ts';

/** How long a ticket may be used to open a socket. */
export const TICKET_TTL_MS = 60_000;

const PURPOSE = 'collab-ticket';

/** A ticket and when it stops opening sockets. */
export interface IssuedTicket {
  ticket: string;
  expiresAt: number;
}

/** Issues and checks websocket tickets. */
export class CollabTickets {
  constructor(
    private readonly signer: TokenSigner,
    private readonly ttlMs = TICKET_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A ticket for the session stored under `tokenHash` to open story `articleId`. The hash is not
   * a credential (signing in needs the token itself), so a ticket seen in a log gives nothing
   * beyond that one story for the rest of its minute.
   */
  issue(tokenHash: string, articleId: string): IssuedTicket {
    const expiresAt = this.now() + this.ttlMs;
    return { ticket: this.signer.sign(PURPOSE, { s: tokenHash, a: articleId, e: expiresAt }), expiresAt };
  }

  /** The session (token hash) a genuine, unexpired ticket for `articleId` was issued to; null otherwise. */
  sessionOf(ticket: string, articleId: string): string | null {
    const fields = this.signer.verify(PURPOSE, ticket);
    if (!fields || fields.a !== articleId || typeof fields.s !== 'string') return null;
    return typeof fields.e === 'number' && fields.e > this.now() ? fields.s : null;
  }
}
