// The people API (docs/API.md, "People"): GET/POST /api/users, PATCH /api/users/:username,
// POST /api/users/:username/password-reset and DELETE /api/users/:username/sessions for admins
// (403 for others; the user may end their own sessions), and POST /api/session/password for
// one's own password. New people and resets get a setup link under `linkOrigin` unless a
// password or a temporary one is asked for. Password work is rate-limited: per admin for new passwords (429), per
// account for wrong current passwords (as sign-ins are).
import { DESKS_PER_PERSON_MAX, DISPLAY_NAME_MAX, isUsername, type PersonChange } from '../../model/people-types.ts';
import { isRole, ROLES, type Role } from '../../model/roles.ts';
import { SignInError, UserInputError, type Accounts, type Principal } from '../auth/accounts.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import { onlyFields, optionalBoolean, optionalString, optionalStringList, readJsonObject, requiredString } from '../http/json-body.ts';
import type { IncomingMessage } from 'node:http';
import { requireRight, type Router } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { checkedName } from '../people/names.ts';
import type { Credential, People } from '../people/people.ts';
import { TokenBuckets } from '../quotas/token-buckets.ts';

/** How many new passwords (added people, resets) an admin may have made at once, then one per this many ms. */
export const PASSWORD_WORK = { burst: 10, intervalMs: 6_000 };

// A role from the body, 400 for anything else.
function checkedRole(value: string): Role {
  if (!isRole(value)) throw badRequest(`unknown role ${JSON.stringify(value.slice(0, 32))}; use ${ROLES.join(', ')}`);
  return value;
}

// The username in a path: one that cannot exist is nobody (404), read no further.
function pathUsername(value: string): string {
  if (!isUsername(value)) throw notFound(`user ${value.slice(0, 64)}`);
  return value;
}

const displayName = (value: string | undefined) => (value === undefined ? undefined : checkedName(value, 'a display name', DISPLAY_NAME_MAX));

/** Adds the people routes. */
export function peopleRoutes(router: Router, people: People, accounts: Accounts, linkOrigin: (req: IncomingMessage) => string, log: Logger): void {
  const passwordWork = new TokenBuckets(PASSWORD_WORK.burst, PASSWORD_WORK.intervalMs);
  const countPasswordWork = (principal: Principal) => {
    const take = passwordWork.take(principal.user.id);
    if (take.allowed) return;
    const seconds = Math.ceil(take.retryAfterMs / 1000);
    if (take.firstRefusal) log.warn(`people: ${principal.user.username} is making new passwords too fast; refused with 429 for ${seconds} s`);
    throw new HttpError(429, `Too many new passwords at once. Try again in ${seconds} s.`, { 'retry-after': String(seconds) });
  };

  router.on('GET', '/api/users', async () => ({ json: { users: await people.list() } }), { right: { action: 'manageUsers', what: 'see the newsroom’s people' } });

  router.on('POST', '/api/users', async ({ req, principal }) => {
    const body = await readJsonObject(req);
    onlyFields(body, ['username', 'displayName', 'role', 'desks', 'password', 'temporaryPassword']);
    const input = {
      username: requiredString(body, 'username'),
      displayName: displayName(optionalString(body, 'displayName')),
      role: checkedRole(requiredString(body, 'role')),
      desks: optionalStringList(body, 'desks', DESKS_PER_PERSON_MAX),
    };
    const password = optionalString(body, 'password');
    const temporary = optionalBoolean(body, 'temporaryPassword') === true;
    if (password !== undefined && temporary) throw badRequest('give a password or ask for a temporary one, not both');
    const credential: Credential = password !== undefined ? { password } : temporary ? { temporaryPassword: true } : { setupLinkAt: linkOrigin(req) };
    countPasswordWork(principal);
    return { status: 201, json: await people.add(input, credential, principal.user) };
  }, { right: { action: 'manageUsers', what: 'add people' } });

  router.on('PATCH', '/api/users/:username', async ({ req, params, principal }) => {
    const username = pathUsername(params.username);
    const body = await readJsonObject(req);
    onlyFields(body, ['role', 'desks', 'disabled', 'displayName']);
    const role = optionalString(body, 'role');
    const change: PersonChange = {
      role: role === undefined ? undefined : checkedRole(role),
      desks: optionalStringList(body, 'desks', DESKS_PER_PERSON_MAX),
      disabled: optionalBoolean(body, 'disabled'),
      displayName: displayName(optionalString(body, 'displayName')),
    };
    return { json: await people.change(username, change, principal.user) };
  }, { right: { action: 'manageUsers', what: 'change people’s accounts' } });

  router.on('POST', '/api/users/:username/password-reset', async ({ req, params, principal }) => {
    const username = pathUsername(params.username);
    const body = await readJsonObject(req);
    onlyFields(body, ['setupLink']);
    const setupLinkAt = optionalBoolean(body, 'setupLink') === true ? linkOrigin(req) : undefined;
    countPasswordWork(principal);
    return { json: await people.resetPassword(username, principal.user, setupLinkAt) };
  }, { right: { action: 'manageUsers', what: 'reset passwords' } });

  router.on('DELETE', '/api/users/:username/sessions', async ({ params, principal }) => {
    const username = pathUsername(params.username);
    if (username.toLowerCase() !== principal.user.username.toLowerCase()) requireRight(principal, { action: 'manageUsers', what: 'sign other people out' });
    return { json: await people.endSessions(username, principal) };
  });

  router.on('POST', '/api/session/password', async ({ req, principal }) => {
    const body = await readJsonObject(req);
    onlyFields(body, ['current', 'next']);
    try {
      await accounts.changeOwnPassword(principal, requiredString(body, 'current'), requiredString(body, 'next'));
    } catch (error) {
      if (error instanceof UserInputError) throw badRequest(error.message);
      if (!(error instanceof SignInError)) throw error;
      if (error.kind === 'rate-limited') throw new HttpError(429, error.message, { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) });
      throw new HttpError(403, error.message);
    }
    return { status: 204 };
  });
}
