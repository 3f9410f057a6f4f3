// Who may open a collaboration socket: the request's Host and Origin (access-policy.ts), then a
// ticket for this story (the app) or a session token (programs, DESIGN.md's `?token=`), each
// standing for a session that still lasts.
import type { IncomingMessage } from 'node:http';
import type { Accounts, Principal } from '../auth/accounts.ts';
import type { CollabTickets } from '../auth/collab-tickets.ts';
import type { AccessPolicy } from '../http/access-policy.ts';
import type { Logger } from '../log.ts';
import type { CollabAuthHooks } from './websocket-endpoint.ts';
import type { SessionSockets } from './session-sockets.ts';

/** The admission parts of the endpoint's hooks. */
export type CollabAdmission = Pick<CollabAuthHooks, 'checkRequest' | 'authenticate' | 'sessions'>;

/** Admission over the accounts, tickets and access policy; sockets are registered in `sessions`. */
export function collabAdmission(accounts: Accounts, tickets: CollabTickets, access: AccessPolicy, sessions: SessionSockets, logger: Logger): CollabAdmission {
  return {
    checkRequest(req: IncomingMessage) {
      const { host, origin } = req.headers;
      if (!access.hostAllowed(host)) {
        access.noteRefusedHost(host ?? '', logger);
        return { status: 421, message: access.hostRefusal(host ?? '') };
      }
      if (!access.originAllowed(origin, host)) {
        access.noteRefused(`pages from ${origin}`, logger);
        return { status: 403, message: `pages from ${origin} may not open stories on this server` };
      }
      return null;
    },
    async authenticate({ articleId, ticket, token }) {
      let principal: Principal | null;
      if (ticket !== null) {
        const tokenHash = tickets.sessionOf(ticket, articleId);
        principal = tokenHash === null ? null : await accounts.authenticateSession(tokenHash);
      } else {
        principal = await accounts.authenticate(token);
      }
      if (!principal) return null;
      const { user, tokenHash, expiresAt } = principal;
      return { user, session: { tokenHash, userId: user.id, username: user.username, expiresAt, role: user.role } };
    },
    sessions,
  };
}
