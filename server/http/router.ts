// A small router over node:http: path patterns with :params, bearer-token auth per route, the
// one check of every story route (a story the caller may not know exists is 404 before any
// handler runs), JSON replies, the Origin check and CORS, and one place that turns every failure
// into `{error}` with the right status: every request gets an answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArticleListItem } from '../../model/api-types.ts';
import { can, type Action } from '../../model/roles.ts';
import type { Accounts, Principal } from '../auth/accounts.ts';
import type { Logger } from '../log.ts';
import type { AccessPolicy } from './access-policy.ts';
import { HttpError } from './http-error.ts';

/** What a handler sees. `principal` is set on every route but public ones. */
export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  principal: Principal;
  address: string;
  /** On the story routes (`/api/articles/:id…`): the story, which the caller may see. */
  article?: ArticleListItem;
}

/** A handler's answer: JSON (`json`), raw bytes (`body` with a content type), or a stream. */
export interface Reply {
  status?: number;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Takes the response over once the status and headers are written, instead of a body (an event stream). */
  stream?: (res: ServerResponse) => void;
}

/** A route handler. */
export type Handler = (ctx: RequestContext) => Promise<Reply>;

interface Route {
  method: string;
  /** The path as declared (`/api/articles/:id`), for log lines. */
  path: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  isPublic: boolean;
  tokenInQuery: boolean;
  /** A story route: checked against the caller before its handler. */
  isArticle: boolean;
  right: RouteRight | null;
}

/** The right (model/roles.ts) a route needs whatever it is asked, and what the refusal says the caller cannot do. */
export interface RouteRight {
  action: Action;
  /** Completes "a ROLE cannot …": `add people`. */
  what: string;
}

/** How a route is reached: public (no token), or also with the token as `?token=`. */
export interface RouteOptions {
  isPublic?: boolean;
  /**
   * Also accept the token as the `token` query parameter. Only for GETs an <img src> must reach:
   * an image request cannot carry an Authorization header. A token in a URL can end up in
   * history and logs, so nothing else takes it there (this server logs paths, never queries).
   */
  tokenInQuery?: boolean;
  /** 403 before the handler runs unless the caller's role has this right. */
  right?: RouteRight;
}

/** The bearer token of a request, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** How the router learns where a request comes from and which pages may call it. */
export interface RouterAccess {
  policy: AccessPolicy;
  /** The client's address (the socket's peer, or X-Forwarded-For from a trusted proxy). */
  clientAddress(req: IncomingMessage): string;
  /** The story `id` if `principal` may know it exists, else 404 (server/articles/article-gate.ts). */
  article(principal: Principal, id: string): Promise<ArticleListItem>;
}

/** The story routes: every path under this one passes the story check before its handler. */
const ARTICLE_ROUTE = '/api/articles/:id';

/** The story a context's route is about (the router checked it); an error on any other route. */
export function articleOf(ctx: RequestContext): ArticleListItem {
  if (!ctx.article) throw new Error('articleOf() outside a story route');
  return ctx.article;
}

/** The Origin header of a request, if it has exactly one. */
const originOf = (req: IncomingMessage) => (typeof req.headers.origin === 'string' ? req.headers.origin : undefined);

/** 403 unless `principal`'s role has `right` (model/roles.ts): every role check of the HTTP API comes here. */
export function requireRight(principal: Principal, right: RouteRight): void {
  if (!can(principal.user.role, right.action)) throw new HttpError(403, `a ${principal.user.role} cannot ${right.what}`);
}

/** A route as declared: its method and path, and whether it is public (no token) or a story route (checked against the caller first). */
export interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  isArticle: boolean;
  /** The right it needs whatever it is asked, or null. */
  right: Action | null;
}

/** Routes requests to handlers; unknown paths are 404, known paths with another method 405. */
export class Router {
  private readonly routes: Route[] = [];

  constructor(
    private readonly accounts: Accounts,
    private readonly log: Logger,
    private readonly access: RouterAccess,
  ) {}

  /** Adds a route; `path` segments starting with ':' are parameters. */
  on(method: string, path: string, handler: Handler, options: RouteOptions = {}): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({
      method,
      path,
      pattern: new RegExp(`^${source}$`),
      names,
      handler,
      isPublic: options.isPublic ?? false,
      tokenInQuery: options.tokenInQuery ?? false,
      isArticle: path === ARTICLE_ROUTE || path.startsWith(`${ARTICLE_ROUTE}/`),
      right: options.right ?? null,
    });
    return this;
  }

  /** Every route added so far, in the order added. */
  routeList(): RouteInfo[] {
    return this.routes.map(({ method, path, isPublic, isArticle, right }) => ({ method, path, isPublic, isArticle, right: right?.action ?? null }));
  }

  /** Handles one request end to end; never throws, and always answers unless the client went away. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url = new URL('http://localhost/');
    let route: Route | undefined;
    let principal: Principal | null = null;
    const origin = originOf(req);
    const allowed = this.access.policy.originAllowed(origin, req.headers.host);
    const cors = allowed ? this.access.policy.corsHeaders(origin) : {};
    try {
      url = parseTarget(req.url);
      // A page on another origin gets no CORS headers and no effect: refused before any work.
      if (!allowed) {
        this.access.policy.noteRefused(`pages from ${origin}`, this.log);
        throw new HttpError(403, `pages from ${origin} may not use this server; start it with --allow-origin ${origin} if they should`);
      }
      if (req.method === 'OPTIONS') return send(res, { status: 204 }, cors);
      const candidates = this.routes.filter((r) => r.pattern.test(url.pathname));
      if (candidates.length === 0) throw new HttpError(404, `no such endpoint: ${url.pathname}`);
      route = candidates.find((r) => r.method === req.method);
      if (!route) {
        throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`, {
          allow: candidates.map((r) => r.method).join(', '),
        });
      }
      const match = route.pattern.exec(url.pathname)!;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeParam(match[i + 1])));
      const token = bearerToken(req) ?? (route.tokenInQuery ? url.searchParams.get('token') : null);
      principal = route.isPublic ? null : await this.accounts.authenticate(token);
      if (!route.isPublic && !principal) {
        throw new HttpError(401, 'sign in first: missing, unknown or expired token', { 'www-authenticate': 'Bearer' });
      }
      // The story first: a story the caller may not see is 404 whatever they ask of it, as an unknown one is.
      const article = route.isArticle ? await this.access.article(principal!, params.id) : undefined;
      if (route.right) requireRight(principal!, route.right);
      const address = this.access.clientAddress(req);
      send(res, await route.handler({ req, url, params, principal: principal!, address, article }), cors);
    } catch (error) {
      // A body we stopped reading cannot be skipped on a kept-alive connection: close it after answering.
      const close: Record<string, string> = req.complete ? {} : { connection: 'close' };
      if (error instanceof HttpError) {
        send(res, { status: error.status, json: { error: error.message }, headers: { ...error.headers, ...close } }, cors);
      } else if (res.destroyed || res.socket === null || res.socket.destroyed) {
        // The request itself is "destroyed" once its body was read; only the socket says whether the client left.
        this.log.debug(`${req.method} ${url.pathname}: the client went away mid-request`);
      } else {
        const who = principal ? ` for ${principal.user.username}` : '';
        this.log.error(`${req.method} ${route?.path ?? url.pathname} (${url.pathname})${who} failed`, error);
        send(res, { status: 500, json: { error: 'internal error; the server log has the details' }, headers: close }, cors);
      }
    }
  }
}

function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, `malformed request target: ${target}`);
  }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, `malformed path segment: ${raw}`);
  }
}

function send(res: ServerResponse, reply: Reply, cors: Record<string, string>): void {
  // Headers gone out before a failure: the answer cannot be changed now, so the connection ends.
  if (res.headersSent) return void res.destroy();
  const headers: Record<string, string> = { ...cors, ...reply.headers };
  let body: Buffer | string | undefined = reply.body;
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status ?? 200, headers);
  if (reply.stream) reply.stream(res);
  else res.end(body);
}
