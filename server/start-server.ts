// The composition root: wires the store, accounts, rooms, HTTP API and websocket endpoint
// into one running server, and takes it down again without losing what clients sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { readPictures } from '../model/article-schema.ts';
import { DEFAULT_DIFF_LIMITS, type DiffLimits } from '../model/revision-diff.ts';
import { can } from '../model/roles.ts';
import { articleRoutes } from './api/article-routes.ts';
import { creditRoutes } from './api/credit-routes.ts';
import { deskRoutes } from './api/desk-routes.ts';
import { dictionaryRoutes } from './api/dictionary-routes.ts';
import { eventRoutes } from './api/event-routes.ts';
import { EventStreams, type EventStreamOptions } from './api/event-streams.ts';
import { seedAssignments } from './api/assignment-events.ts';
import { peopleRoutes } from './api/people-routes.ts';
import { pictureRoutes } from './api/picture-routes.ts';
import { releaseRoutes } from './api/release-routes.ts';
import { revisionRoutes } from './api/revision-routes.ts';
import { sessionRoutes } from './api/session-routes.ts';
import { setupRoutes } from './api/setup-routes.ts';
import { reopenRoutes } from './api/reopen-routes.ts';
import { spikeRoutes } from './api/spike-routes.ts';
import { ticketRoutes } from './api/ticket-routes.ts';
import { ArticleGate } from './articles/article-gate.ts';
import { closeOutsidersOnRestriction } from './articles/restricted-rooms.ts';
import { Releases } from './articles/release.ts';
import { Restrictions } from './articles/restrictions.ts';
import { Articles } from './articles/articles.ts';
import { summarize } from './articles/article-summary.ts';
import { tellingListChanges } from './articles/list-change-store.ts';
import { ListChanges, type ListChangesOptions } from './articles/list-changes.ts';
import { NewsroomPresence } from './articles/newsroom-presence.ts';
import { reindexPictures } from './articles/reindex-pictures.ts';
import { Spikes } from './articles/spikes.ts';
import { Accounts, type AccountOptions } from './auth/accounts.ts';
import { LONE_NEWSROOM } from './collab/fanout.ts';
import { LongLogFolding } from './collab/long-log-folding.ts';
import { CollabTickets } from './auth/collab-tickets.ts';
import { DEFAULT_SIGN_IN_POLICIES, MemoryLedger } from './auth/rate-limiter.ts';
import { RedisLedger } from './auth/redis-ledger.ts';
import { SetupLinks } from './auth/setup-links.ts';
import { TokenSigner } from './auth/signed-tokens.ts';
import { collabAdmission } from './collab/collab-admission.ts';
import type { PeerAddress } from './collab/peer-links.ts';
import { openRedisScaleOut } from './collab/redis-scale-out.ts';
import type { RoomHooks } from './collab/room.ts';
import { Rooms, type RoomsOptions } from './collab/rooms.ts';
import { DEFAULT_RECHECK_MS, SessionSockets } from './collab/session-sockets.ts';
import { attachCollabEndpoint, type CollabEndpointOptions } from './collab/websocket-endpoint.ts';
import { ComputePool, type ComputePoolOptions } from './compute/compute-pool.ts';
import { applyHttpLimits, DEFAULT_HTTP_LIMITS, httpServerOptions, limitRequest, type HttpLimits } from './http/http-limits.ts';
import { AccessPolicy } from './http/access-policy.ts';
import { TrustedProxies } from './http/client-address.ts';
import { requestOrigin } from './http/request-origin.ts';
import { Router, type RouteInfo } from './http/router.ts';
import { staticFiles } from './http/static-files.ts';
import { consoleLogger, type Logger } from './log.ts';
import type { BlobStore } from './pictures/blob-store.ts';
import { FileBlobStore } from './pictures/file-blob-store.ts';
import { pictureUses } from './pictures/picture-uses.ts';
import { Pictures } from './pictures/pictures.ts';
import { deskNameInStory } from './people/desk-name-in-story.ts';
import { Desks } from './people/desks.ts';
import type { DeskLimits } from '../model/desk-limits.ts';
import { People } from './people/people.ts';
import { DEFAULT_QUOTAS, type QuotaOptions } from './quotas/quota-options.ts';
import { Revisions } from './revisions/revisions.ts';
import { WorkflowActions } from './revisions/workflow-actions.ts';
import { SqliteStore } from './storage/sqlite-store.ts';
import type { ArticleStore, DocumentLog, Store } from './storage/store.ts';

/** Everything a server can be started with; only `dataDir` is needed. */
export interface ServerOptions {
  dataDir: string;
  host?: string;
  port?: number;
  /** A ready store; by default the SQLite store in `dataDir`. */
  store?: Store;
  /** Where picture files go; by default files under `dataDir`/pictures. */
  blobs?: BlobStore;
  logger?: Logger;
  accounts?: AccountOptions;
  rooms?: RoomsOptions;
  collab?: CollabEndpointOptions;
  /** The built renderer to serve at `/`; by default dist/renderer in the repository. */
  appDir?: string;
  /** A Redis URL: share open stories live with the other instances on the same store (README, "Running several instances"). */
  redisUrl?: string;
  /** With `redisUrl`: listen here for the other instances' direct links, and link to them (README, "Running several instances"). */
  peer?: PeerAddress;
  /** The story list's event streams (GET /api/events) and how changes are gathered for them. */
  events?: EventStreamOptions & ListChangesOptions;
  /** HTTP timeouts and header limits beyond DEFAULT_HTTP_LIMITS. */
  http?: Partial<HttpLimits>;
  /** The compute workers' bounds beyond DEFAULT_COMPUTE_OPTIONS. */
  compute?: Partial<ComputePoolOptions>;
  /** How far a comparison goes word by word before it turns coarse, beyond DEFAULT_DIFF_LIMITS. */
  diff?: Partial<DiffLimits>;
  /** The newsroom's default limits for desks that set none (the config file's `limits`; model/desk-limits.ts). */
  limits?: DeskLimits;
  /** Per-user quotas beyond DEFAULT_QUOTAS (revision writes, uploads). */
  quotas?: Partial<QuotaOptions>;
  /** Names and origins browsers may reach this server by, and proxies whose X-Forwarded-For is believed (README, "Browsers, proxies and addresses"). */
  access?: { publicUrls?: string[]; allowedOrigins?: string[]; trustedProxies?: string[] };
  /** How often open sockets are looked at again: their sessions (expiry, sign-out on another instance, a disabled account), and who may still see a restricted story; 4 s by default. */
  sessionRecheckMs?: number;
  /** The server's clock for release decisions (whether an embargo still holds, when a hold or kill is made); Date.now by default, moved by tests. */
  now?: () => number;
}

/** A started server. */
export interface RunningServer {
  url: string;
  host: string;
  port: number;
  /** The store as the server uses it: its writes are told to the story list's event streams. */
  store: Store;
  accounts: Accounts;
  rooms: Rooms;
  articles: Articles;
  /** Uploaded pictures (the demo seed stores its sample picture here). */
  pictures: Pictures;
  /** Every HTTP route, as declared (for the role-and-restriction matrix test, which must cover each). */
  routes: RouteInfo[];
  /** Where the other instances link to this one (`peer`), or null without direct links. */
  peerUrl: string | null;
  /** The folding of long logs left by a crash, begun at start in the background (collab/long-log-folding.ts). */
  folding: LongLogFolding;
  /** Stores everything, disconnects everyone and stops; resolves with the stories that could not be stored. */
  close(): Promise<{ unsaved: string[] }>;
}

/** Where `npm run build` puts the renderer. */
export const DEFAULT_APP_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** Room hooks over a store: its document log as it is, and the story list entry with its pictures' index kept from each change. */
export function storeRoomHooks(store: DocumentLog & ArticleStore): RoomHooks {
  return {
    log: store,
    changed: (articleId, doc, editorId) => store.updateArticleSummary(articleId, summarize(doc, editorId), pictureUses(readPictures(doc))),
  };
}

// Last resort when storage refuses a story at shutdown: its full state goes to a file.
async function writeRescueFile(dataDir: string, articleId: string, doc: Y.Doc): Promise<string> {
  const dir = join(dataDir, 'rescue');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${articleId}-${Date.now()}.yjs`);
  await writeFile(file, Y.encodeStateAsUpdate(doc));
  return file;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts the server and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger();
  const listChanges = new ListChanges(logger, options.events);
  const store = tellingListChanges(options.store ?? (await SqliteStore.open(options.dataDir)), listChanges);
  // Sessions, tickets and who may call: the signing key and (with Redis) the sign-in counters are shared by the instances.
  const signer = await TokenSigner.open(store);
  const ledger = options.redisUrl ? await RedisLedger.open(options.redisUrl, logger) : undefined;
  // One ledger for sign-ins and setup links (their keys apart), pruned by the accounts' sweep.
  const attempts = ledger ?? new MemoryLedger();
  const accounts = new Accounts(store, options.accounts, { signer, ledger: attempts, logger });
  const signInPolicies = { ...DEFAULT_SIGN_IN_POLICIES, ...options.accounts?.signIn };
  const setupLinks = new SetupLinks(store, accounts, signer, { ledger: attempts, policy: signInPolicies.address, quietMs: signInPolicies.quietMs }, options.accounts?.now);
  const tickets = new CollabTickets(signer);
  const access = new AccessPolicy({ ...options.access, listenHost: options.host });
  const proxies = new TrustedProxies(options.access?.trustedProxies);
  const sessionSockets = new SessionSockets(logger);
  accounts.onSessionsEnded((ended) => sessionSockets.end(ended));
  sessionSockets.start(options.sessionRecheckMs ?? DEFAULT_RECHECK_MS, (tokenHash) => accounts.sessionRole(tokenHash));
  const direct = options.peer ? { address: options.peer, signer } : undefined;
  const scaleOut = options.redisUrl ? await openRedisScaleOut(options.redisUrl, storeRoomHooks(store), logger, direct) : null;
  // Mentions in comments go to the event streams of every instance (list-changes.ts, event-streams.ts).
  const roomOptions: RoomsOptions = {
    ...options.rooms,
    mentioned: (articleId, by, mentions) =>
      void listChanges.mentioned(articleId, by, mentions).catch((error: unknown) => logger.warn(`telling the people mentioned in story ${articleId} failed: ${(error as Error).message}`)),
  };
  const rooms = new Rooms(scaleOut?.hooks ?? storeRoomHooks(store), logger, roomOptions, scaleOut?.lifecycle);
  const presence = new NewsroomPresence(rooms);
  const articles = new Articles(store, rooms, presence);
  await listChanges.start(articles, presence, rooms, scaleOut?.newsroom ?? LONE_NEWSROOM);
  const eventStreams = new EventStreams(listChanges, logger, options.events);
  const restrictedAtStart = (await store.listRestrictedArticles()).map((record) => articles.view(record));
  eventStreams.knowRestricted(restrictedAtStart);
  await seedAssignments(eventStreams.assignments, store);
  const compute = new ComputePool(logger, options.compute);
  const revisions = new Revisions(store, articles, compute, { ...DEFAULT_DIFF_LIMITS, ...options.diff });
  const quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
  const gate = new ArticleGate(store, articles);
  const stopClosingOutsiders = closeOutsidersOnRestriction({
    changes: listChanges,
    rooms,
    gate,
    logger,
    restricted: restrictedAtStart,
    recheckMs: options.sessionRecheckMs ?? DEFAULT_RECHECK_MS,
  });
  const pictures = new Pictures(store, options.blobs ?? (await FileBlobStore.open(options.dataDir)), (user, picture) => gate.mayShowPicture(user, picture));
  await reindexPictures(store, articles, revisions, logger);

  // Where this server listens, once it does (requests come after that).
  let shownUrl = '';
  const router = new Router(accounts, logger, {
    policy: access,
    clientAddress: (req) => proxies.clientAddress(req),
    article: (principal, id) => gate.article(principal.user, id),
  });
  const people = new People(store, accounts, setupLinks);
  sessionRoutes(router, accounts, people);
  setupRoutes(router, setupLinks);
  ticketRoutes(router, tickets);
  const now = options.now ?? Date.now;
  articleRoutes(router, articles, gate, revisions, pictures, compute, now);
  eventRoutes(router, eventStreams, accounts, gate);
  const workflow = new WorkflowActions(store, revisions, rooms, compute);
  revisionRoutes(router, revisions, workflow, logger, quotas);
  reopenRoutes(router, workflow, logger, quotas);
  spikeRoutes(router, new Spikes(store, articles), logger, quotas);
  pictureRoutes(router, pictures, logger, quotas);
  creditRoutes(router, store, compute);
  // A setup link names the address people use (--public-url), else the one the admin reached this server at.
  const publicUrl = options.access?.publicUrls?.[0];
  peopleRoutes(router, people, accounts, (req) => publicUrl ?? requestOrigin(req) ?? shownUrl, logger);
  deskRoutes(router, new Desks(store, articles, deskNameInStory(rooms), Date.now, options.limits), new Restrictions(store, articles, gate));
  releaseRoutes(router, new Releases(store, articles, now));
  dictionaryRoutes(router, { store, now, changed: () => listChanges.dictionaryChanged() });

  const serveApp = staticFiles(options.appDir ?? DEFAULT_APP_DIR);
  // Timeouts and header limits: every slow or idle client is let go in bounded time.
  const httpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const http = createServer(httpServerOptions(httpLimits), (req, res) => {
    limitRequest(req, httpLimits);
    // A name this server does not answer to (DNS rebinding) reaches neither the API nor the app.
    if (!access.hostAllowed(req.headers.host)) return access.refuseHost(req.headers.host ?? '', res, logger);
    // Everything under /api/ is the API (its own 404s as JSON); anything else is the app.
    if (/^\/api(\/|\?|$)/.test(req.url ?? '')) void router.handle(req, res);
    else void serveApp(req, res).catch((error) => {
      logger.error(`serving ${req.url} failed`, error);
      res.destroy();
    });
  });
  applyHttpLimits(http, httpLimits);
  const collab = attachCollabEndpoint(
    http,
    rooms,
    {
      ...collabAdmission(accounts, tickets, access, sessionSockets, logger),
      articleVisible: async (user, id) => (await gate.visible(user, id)) !== null,
      isReadOnly: (user) => !can(user.role, 'comment'),
    },
    logger,
    options.collab,
  );
  const sweeper = setInterval(() => void accounts.sweep().catch((e) => logger.error('session sweep failed', e)), 3600_000);
  sweeper.unref();

  const host = options.host ?? '127.0.0.1';
  const address = await listen(http, options.port ?? 4455, host);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  shownUrl = `http://${shownHost}:${address.port}`;

  // Once listening: a story someone opens meanwhile is shared with the folding, never loaded twice.
  const folding = new LongLogFolding(store, rooms, logger);
  folding.start();

  let closing: Promise<{ unsaved: string[] }> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweeper);
      await folding.stop();
      sessionSockets.stop();
      http.close();
      eventStreams.closeAll();
      stopClosingOutsiders();
      listChanges.close();
      const { failed } = await rooms.closeAll();
      await scaleOut?.close();
      await compute.close();
      await ledger?.close();
      collab.close();
      http.closeAllConnections();
      const unsaved: string[] = [];
      for (const room of failed) {
        unsaved.push(room.articleId);
        try {
          const file = await writeRescueFile(options.dataDir, room.articleId, room.doc);
          logger.error(`story ${room.articleId} was NOT stored; its full state is in ${file}`);
        } catch (error) {
          logger.error(`story ${room.articleId} was NOT stored and no rescue file could be written`, error);
        }
      }
      await store.close();
      return { unsaved };
    })());

  return { url: shownUrl, host: address.address, port: address.port, store, accounts, rooms, articles, pictures, routes: router.routeList(), peerUrl: scaleOut?.peerUrl ?? null, folding, close };
}
