// POST /api/session (sign in), GET /api/session (who, until when, their desks) and DELETE /api/session (sign out).
import { SignInError, type Accounts } from '../auth/accounts.ts';
import { HttpError } from '../http/http-error.ts';
import { optionalString, readJsonObject, requiredString } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';
import type { OwnSessionResponse } from '../../model/people-types.ts';
import type { People } from '../people/people.ts';

/** Adds the session routes. */
export function sessionRoutes(router: Router, accounts: Accounts, people: Pick<People, 'desksOf'>): void {
  router.on(
    'POST',
    '/api/session',
    async ({ req, address }) => {
      const body = await readJsonObject(req);
      const username = requiredString(body, 'username');
      const password = requiredString(body, 'password');
      // The device token of an earlier sign-in here: its owner is never slowed down by others' failures.
      const device = optionalString(body, 'device');
      try {
        const { token, user, expiresAt, deviceToken } = await accounts.signIn(username, password, address, device);
        return { json: { token, user, expiresAt, deviceToken } };
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        if (error.kind === 'rate-limited') {
          throw new HttpError(429, error.message, { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) });
        }
        throw new HttpError(error.kind === 'disabled' ? 403 : 401, error.message);
      }
    },
    { isPublic: true },
  );

  router.on('GET', '/api/session', async ({ principal }) => {
    const session: OwnSessionResponse = { user: principal.user, expiresAt: principal.expiresAt, desks: await people.desksOf(principal.user.id) };
    return { json: session };
  });

  router.on('DELETE', '/api/session', async ({ principal }) => {
    await accounts.signOut(principal);
    return { status: 204 };
  });
}
