// The public setup-link routes (docs/API.md, "Setup links"): GET /api/setup/:token says whose
// account a link sets up, POST /api/setup {token, password} sets the password and signs in. A link
// that does not work is 404 whatever the reason; both are counted per client address (429).
import { SignInError, UserInputError } from '../auth/accounts.ts';
import type { SetupLinks } from '../auth/setup-links.ts';
import { badRequest, HttpError } from '../http/http-error.ts';
import { onlyFields, readJsonObject, requiredString } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';

// A refusal of the links as its HTTP answer: 404 for a link that does not work, 403 for a disabled account, 429 with Retry-After.
async function answering<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserInputError) throw badRequest(error.message);
    if (!(error instanceof SignInError)) throw error;
    if (error.kind === 'rate-limited') throw new HttpError(429, error.message, { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) });
    throw new HttpError(error.kind === 'disabled' ? 403 : 404, error.message);
  }
}

/** Adds the setup-link routes. */
export function setupRoutes(router: Router, links: SetupLinks): void {
  router.on('GET', '/api/setup/:token', async ({ params, address }) => ({ json: await answering(links.info(params.token, address)) }), { isPublic: true });

  router.on(
    'POST',
    '/api/setup',
    async ({ req, address }) => {
      const body = await readJsonObject(req);
      onlyFields(body, ['token', 'password']);
      return { json: await answering(links.use(requiredString(body, 'token'), requiredString(body, 'password'), address)) };
    },
    { isPublic: true },
  );
}
