// Sends what this device holds and the server does not, without anyone having to think about
// it: stories created offline (announced with the id chosen here), unconfirmed changes of
// stories that are not open (synced by a quiet background session), and images added offline.
// Runs at sign-in, whenever the network returns, and again with backoff while work is left;
// also forgets stories not opened for a long time that hold nothing unsent and, at sign-in and
// when the network returns, drops the copies of stories the server no longer shows this user.
import type { ApiUser } from '../../../model/api-types.ts';
import { headlineText } from '../../../model/article-schema.ts';
import { SerialTask } from '../../../model/serial-task.ts';
import { withTimeout } from '../../../model/with-timeout.ts';
import { ApiError, type Api } from './api.ts';
import { forgetLocally } from './local-docs.ts';
import { dropLostArticles, lostArticlesNotice } from './lost-articles.ts';
import type { LocalIndex } from './local-index.svelte.ts';
import type { PendingPictures } from './pending-pictures.ts';
import { isUnreachable, uploadWaitingPictures } from './picture-uploads.ts';
import { backoffDelay } from './reconnect.ts';
import { ArticleSession } from './article-session.svelte.ts';

/** Stories not opened for this long are forgotten on this device (unless they hold unsent work). */
export const FORGET_AFTER_MS = 30 * 24 * 3600_000;

/** How long a background session may take to get its changes confirmed before it is retried later. */
const BACKGROUND_TIMEOUT_MS = 60_000;

/** What the sync works with: the signed-in user's API, device facts and waiting images. */
export interface OfflineSyncOptions {
  api: Api;
  user: ApiUser;
  index: LocalIndex;
  pictures: PendingPictures;
  /** Is the session still valid? (Called when connecting keeps failing.) */
  checkSession: () => void;
}

/** The background sender of one signed-in user. */
export class OfflineSync {
  /** Something could not be sent yet (shown nowhere by itself; the badges count the changes). */
  pendingWork = $state(false);
  /** The last refusal worth telling the user (e.g. an image the server would not take). */
  problem = $state<string | null>(null);
  /** Copies of stories this user lost access to were dropped: said once, then `lostSeen` clears it. */
  lost = $state<string | null>(null);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
  private readonly open = new Map<string, ArticleSession>();
  /** One run at a time; kicked during one, once more after it (unless stopped meanwhile). */
  private readonly runs = new SerialTask(() => {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.run();
  });
  private retries = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** The kept stories are to be checked with the server at the next run (at the start, and when the network returns). */
  private accessDue = true;

  constructor(private readonly options: OfflineSyncOptions) {}

  /** Starts: runs now and whenever the network returns. Returns the stop function. */
  start(): () => void {
    const onOnline = () => {
      this.accessDue = true;
      this.kick();
    };
    window.addEventListener('online', onOnline);
    this.kick();
    return () => {
      this.stopped = true;
      if (this.timer) clearTimeout(this.timer);
      window.removeEventListener('online', onOnline);
    };
  }

  /** The story page's session for `articleId` is open: sync through it, not a second one. */
  attach(session: ArticleSession): () => void {
    this.open.set(session.articleId, session);
    // A story created offline connects once the server knows it.
    if (!this.options.index.article(session.articleId).createdOffline) session.connect();
    else this.kick();
    return () => {
      if (this.open.get(session.articleId) === session) this.open.delete(session.articleId);
    };
  }

  /** Runs soon (again, if a run is going on now). */
  kick(): void {
    if (!this.stopped) void this.runs.run();
  }

  private async run(): Promise<void> {
    if (!navigator.onLine) return; // the 'online' event runs it
    const { index } = this.options;
    // First, what is cheap and local: a story that cannot be sent now must not hold this up.
    await this.forgetStale();
    if (this.accessDue) await this.dropLost();
    let left = false;
    for (const [id, facts] of Object.entries(index.articles)) {
      if (this.stopped) return;
      const waitingImages = (await this.options.pictures.forArticle(id)).length > 0;
      if (!facts.createdOffline && facts.unsaved === 0 && !waitingImages) continue;
      try {
        left = !(await this.send(id)) || left;
      } catch (error) {
        if (!isUnreachable(error)) this.problem = `Could not send a story kept on this computer: ${(error as Error).message}`;
        left = true;
      }
    }
    this.pendingWork = left;
    // Work left (the server is unreachable although the network is up): retry with jittered backoff.
    if (left && !this.stopped) this.timer = setTimeout(() => this.kick(), backoffDelay(++this.retries) + 1000);
    else if (!left) this.retries = 0;
  }

  // Sends one story's unsent work; resolves true when all of it is on the server.
  private async send(id: string): Promise<boolean> {
    const session = this.open.get(id) ?? this.backgroundSession(id);
    const background = session !== this.open.get(id);
    try {
      await session.loaded;
      if (this.options.index.article(id).createdOffline) {
        await this.announce(id, headlineText(session.doc).toString());
        session.connect();
      }
      const waiting = await uploadWaitingPictures(session.doc, id, this.options.api, this.options.pictures, (name, message) => {
        this.problem = `${name} could not be uploaded: ${message}`;
      });
      if (!background) return waiting === 0;
      const confirmed = await withTimeout(session.tracker.whenSaved().then(() => true), BACKGROUND_TIMEOUT_MS, false);
      return confirmed && waiting === 0;
    } finally {
      if (background) session.destroy();
    }
  }

  // Tells the server about a story created here; the same id again is fine (an earlier answer may have been lost).
  private async announce(id: string, headline: string): Promise<void> {
    try {
      await this.options.api.createArticle({ id, headline });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
    }
    this.options.index.update(id, { createdOffline: false });
  }

  private backgroundSession(id: string): ArticleSession {
    const { api, user, index, checkSession } = this.options;
    // A story created offline connects once announced (see send).
    const connect = !index.article(id).createdOffline;
    const ticket = () => api.collabTicket(id);
    return new ArticleSession({ serverUrl: api.serverUrl, ticket, articleId: id, user, index, connect, checkSession, presence: false });
  }

  /** The user has read the notice about dropped copies. */
  lostSeen(): void {
    this.lost = null;
  }

  // Copies of stories the server answers 404 for (restricted away from this user) go; an open one waits for its page to close.
  private async dropLost(): Promise<void> {
    const { api, index, user, pictures } = this.options;
    const forget = async (id: string) => {
      await forgetLocally(user.id, id);
      for (const picture of await pictures.forArticle(id)) await pictures.remove(picture.pictureId);
    };
    try {
      const { dropped, complete } = await dropLostArticles({ api, index, forget, isOpen: (id) => this.open.has(id) });
      if (dropped > 0) this.lost = lostArticlesNotice(dropped);
      this.accessDue = !complete;
    } catch (error) {
      console.error('checking the stories kept on this computer failed', error);
    }
  }

  // Local copies of stories nobody opened for a long time, and that hold nothing unsent, go.
  private async forgetStale(): Promise<void> {
    const { index, user } = this.options;
    for (const id of index.stale(Date.now() - FORGET_AFTER_MS)) {
      if (this.open.has(id)) continue;
      await forgetLocally(user.id, id);
      index.remove(id);
    }
  }
}
