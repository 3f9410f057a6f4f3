// Errors that become an HTTP status and a JSON `{error}` body.

/** A caller-facing failure: `status` and a message safe to show. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 400 with `message`. */
export const badRequest = (message: string) => new HttpError(400, message);
/** 404 naming what was not found. */
export const notFound = (what: string) => new HttpError(404, `${what} not found`);
