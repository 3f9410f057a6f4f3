// GET /api/events: the story list's changes as Server-Sent Events (event-streams.ts), for the
// bearer token in the Authorization header (an EventSource cannot send one: the app reads the
// stream with fetch).
import type { ArticleGate } from '../articles/article-gate.ts';
import type { Accounts } from '../auth/accounts.ts';
import { bearerToken, type Router } from '../http/router.ts';
import { EVENT_STREAM_HEADERS, type EventStreams } from './event-streams.ts';

/** Adds the event stream route. */
export function eventRoutes(router: Router, streams: EventStreams, accounts: Accounts, gate: ArticleGate): void {
  router.on('GET', '/api/events', async ({ req, principal }) => {
    const token = bearerToken(req);
    const { user } = principal;
    const stream = streams.reserve({
      user,
      viewer: await gate.viewer(user),
      currentViewer: () => gate.viewer(user),
      stillSignedIn: async () => (await accounts.authenticate(token))?.tokenHash === principal.tokenHash,
    });
    return { headers: EVENT_STREAM_HEADERS, stream };
  });
}
