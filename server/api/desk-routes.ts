// The desks API (docs/API.md, "Desks"): GET /api/desks for everyone, POST /api/desks and
// PATCH /api/desks/:id for admins, and PATCH /api/articles/:id {desk} to put a story on a desk.
import { badRequest } from '../http/http-error.ts';
import { onlyFields, optionalBoolean, optionalString, readJsonObject, requiredString } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';
import type { Desks } from '../people/desks.ts';
import { requireRight } from './people-routes.ts';

// A desk id is a server-made id: anything much longer is nobody's.
const DESK_ID_MAX = 64;

/** Adds the desk routes. */
export function deskRoutes(router: Router, desks: Desks): void {
  router.on('GET', '/api/desks', async () => ({ json: { desks: await desks.list() } }));

  router.on('POST', '/api/desks', async ({ req, principal }) => {
    requireRight(principal, 'manageDesks', 'create desks');
    const body = await readJsonObject(req);
    onlyFields(body, ['name']);
    return { status: 201, json: await desks.add(requiredString(body, 'name'), principal.user) };
  });

  router.on('PATCH', '/api/desks/:id', async ({ req, params, principal }) => {
    requireRight(principal, 'manageDesks', 'change desks');
    const body = await readJsonObject(req);
    onlyFields(body, ['name', 'archived']);
    return { json: await desks.change(params.id, { name: optionalString(body, 'name'), archived: optionalBoolean(body, 'archived') }, principal.user) };
  });

  // Only `desk` for now; `restricted` and `people` (issue 13, requirement 3) come next and are refused until then.
  router.on('PATCH', '/api/articles/:id', async ({ req, params, principal }) => {
    requireRight(principal, 'setDesk', 'move stories between desks');
    const body = await readJsonObject(req);
    onlyFields(body, ['desk']);
    if (!('desk' in body)) throw badRequest('desk is required: a desk id, or null for none');
    const desk = body.desk === null ? null : requiredString(body, 'desk');
    if (desk !== null && desk.length > DESK_ID_MAX) throw badRequest('there is no such desk');
    return { json: await desks.setArticleDesk(params.id, desk, principal.user) };
  });
}
