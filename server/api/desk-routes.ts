// The desks API (docs/API.md, "Desks"): GET /api/desks for everyone, POST /api/desks and
// PATCH /api/desks/:id for admins, and PATCH /api/articles/:id {desk?, restricted?, people?} to put
// a story on a desk, restrict it to its desk (and named people) or lift that.
import { PEOPLE_PER_ARTICLE_MAX, type Restrictions } from '../articles/restrictions.ts';
import { badRequest } from '../http/http-error.ts';
import { onlyFields, optionalBoolean, optionalString, optionalStringList, readJsonObject, requiredString } from '../http/json-body.ts';
import { articleOf, type Router } from '../http/router.ts';
import type { Desks } from '../people/desks.ts';

// A desk id is a server-made id: anything much longer is nobody's.
const DESK_ID_MAX = 64;

/** Adds the desk routes. */
export function deskRoutes(router: Router, desks: Desks, restrictions: Restrictions): void {
  router.on('GET', '/api/desks', async () => ({ json: { desks: await desks.list(), defaultLimits: desks.defaultLimits } }));

  router.on('POST', '/api/desks', async ({ req, principal }) => {
    const body = await readJsonObject(req);
    onlyFields(body, ['name']);
    return { status: 201, json: await desks.add(requiredString(body, 'name'), principal.user) };
  }, { right: { action: 'manageDesks', what: 'create desks' } });

  router.on('PATCH', '/api/desks/:id', async ({ req, params, principal }) => {
    const body = await readJsonObject(req);
    onlyFields(body, ['name', 'archived', 'limits']);
    return { json: await desks.change(params.id, { name: optionalString(body, 'name'), archived: optionalBoolean(body, 'archived'), limits: body.limits }, principal.user) };
  }, { right: { action: 'manageDesks', what: 'change desks' } });

  // The desk first, then the restriction: restricting while moving keeps the story to its new desk.
  router.on('PATCH', '/api/articles/:id', async (ctx) => {
    const { req, params, principal } = ctx;
    const body = await readJsonObject(req);
    onlyFields(body, ['desk', 'restricted', 'people']);
    const restricted = optionalBoolean(body, 'restricted');
    const people = optionalStringList(body, 'people', PEOPLE_PER_ARTICLE_MAX);
    if (!('desk' in body) && restricted === undefined && people === undefined) throw badRequest('say what to change: desk, restricted or people');
    const before = articleOf(ctx);
    const restriction = restricted !== undefined || people !== undefined;
    // Every right is asked of the story as it is, before anything changes: a refusal changes nothing.
    await restrictions.checkRights(before, principal.user, { desk: 'desk' in body, restriction });
    let article = before;
    if ('desk' in body) {
      const desk = body.desk === null ? null : requiredString(body, 'desk');
      if (desk !== null && desk.length > DESK_ID_MAX) throw badRequest('there is no such desk');
      article = await desks.setArticleDesk(params.id, desk, principal.user);
    }
    if (restriction) article = await restrictions.change(article, { restricted, people }, principal.user, before);
    return { json: article };
  });
}
