// POST /api/tickets {articleId}: a ticket for one story's websocket, so that the app's socket
// URL never carries the session token (auth/collab-tickets.ts).
import type { CollabTickets } from '../auth/collab-tickets.ts';
import { badRequest } from '../http/http-error.ts';
import { readJsonObject, requiredString } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';

// Story ids are UUIDs; anything much longer is not one.
const MAX_ARTICLE_ID = 200;

/** Adds the ticket route. */
export function ticketRoutes(router: Router, tickets: CollabTickets): void {
  router.on('POST', '/api/tickets', async ({ req, principal }) => {
    const articleId = requiredString(await readJsonObject(req), 'articleId');
    if (articleId === '' || articleId.length > MAX_ARTICLE_ID) throw badRequest('articleId must be a story id');
    return { status: 201, json: tickets.issue(principal.tokenHash, articleId) };
  });
}
