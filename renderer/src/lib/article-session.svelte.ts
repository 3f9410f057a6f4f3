// One open story: its Y.Doc, kept on this device (IndexedDB) and synced with the server,
// whether changes are saved (there and here), whether its content is on this device at all,
// who else is in it, and the word count. The components read this class's state; the Yjs
// objects stay inside.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { ApiUser } from '../../../model/api-types.ts';
import { SavedTracker, type TrackableProvider } from '../../../model/saved-tracker.ts';
import { withTimeout } from '../../../model/with-timeout.ts';
import { NO_COUNTS, storyCounts, type StoryCounts } from '../../../model/story-counts.ts';
import { collabUrl } from './api.ts';
import { userColor } from './colors.ts';
import { keepLocally, LocalWrites, whenWrittenLocally } from './local-docs.ts';
import type { LocalIndex } from './local-index.svelte.ts';
import { peersFrom, samePeers, type EditorField, type Peer, type PresenceState } from './presence.ts';
import { browserNetwork, Reconnector } from './reconnect.ts';
import { TypingPresence } from './typing-presence.svelte.ts';
import { syncBadge, type SyncFacts } from './sync-badge.ts';

/** What it takes to open a story. */
export interface ArticleSessionOptions {
  serverUrl: string;
  /** A fresh ticket for this story's socket, asked for before each connect: the session token never goes in its URL. */
  ticket: () => Promise<string>;
  articleId: string;
  user: ApiUser;
  /** This device's facts per story: unconfirmed counts survive a reload through it. */
  index: LocalIndex;
  /** Connect once the local copy is loaded (false while the server does not know the story yet). */
  connect: boolean;
  /** Called when connecting keeps failing, to check whether the session is still valid. */
  checkSession: () => void;
  /** Show others this user's presence (false for a background sync of unsent changes). */
  presence?: boolean;
  /** This user may only read the story (a viewer): the badge says so before the server does. */
  viewOnly?: boolean;
  /** Also run on "Retry now" (e.g. the background sender: a story created offline connects only once it is announced). */
  onretry?: () => void;
}

/** The websocket close code of a refused update (policy violation). */
const REFUSED = 1008;

/** How long to wait for the copy on this device before syncing without it. */
const LOCAL_LOAD_TIMEOUT_MS = 5000;

/** A story being edited, reactive. */
export class ArticleSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly tracker: SavedTracker;
  readonly local: IndexeddbPersistence;
  readonly articleId: string;
  /** The signed-in user editing: whose suggestions this session makes. */
  readonly author: { id: string; name: string };
  connection = $state<SyncFacts['connection']>('connecting');
  /** The server said this user may not see the story (4404): nothing more comes or goes. */
  gone = $state(false);
  synced = $state(false);
  unsaved = $state(0);
  /** Nothing this user sends is stored: a viewer (known from the role), or the server answered READ_ONLY. */
  readOnly = $state(false);
  /** The copy on this device has loaded: from now on every change is also kept here. */
  savedLocally = $state(false);
  /** A change is not yet committed to the copy on this device (the badge promises "saved on this computer" only after). */
  writingLocally = $state(false);
  private readonly localWrites = new LocalWrites(
    () => whenWrittenLocally(this.local),
    (writing) => (this.writingLocally = writing),
    (error) => console.error('the copy on this device did not take a change', error),
  );
  /** Looking for the copy on this device is over (found, empty, or given up on). */
  localLoaded = $state(false);
  /** The story's content is here: kept on this device, received from the server, or created here. Until then there is nothing to edit. */
  contentHere = $state(false);
  /** The device has a network (tells "Offline" from "Server unreachable"). */
  online = $state(navigator.onLine);
  /** A reconnect the person asked for ("Retry now") is under way. */
  retrying = $state(false);
  peers = $state<Peer[]>([]);
  /** Who is typing now (null: this session shows no presence). */
  readonly typing: TypingPresence | null = null;
  words = $state(0);
  /** Words and characters of the headline, standfirst and body, and reading time (model/story-counts.ts), as anyone types. */
  counts = $state<StoryCounts>(NO_COUNTS);
  /**
   * Why the server refused this client's changes (websocket close 1008 "update refused: …"), until
   * everything is confirmed again. The app keeps to the caps, so this takes a merge: two people
   * offline each filling a field to its cap, say; shortening the field lets the changes through.
   */
  refused = $state<string | null>(null);
  badge = $derived(
    syncBadge({
      connection: this.connection,
      synced: this.synced,
      unsaved: this.unsaved,
      readOnly: this.readOnly,
      savedLocally: this.savedLocally && !this.writingLocally,
      online: this.online,
    }),
  );
  /** Resolves when the copy on this device has loaded. */
  readonly loaded: Promise<void>;
  private wordTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stops: (() => void)[] = [];
  private readonly reconnector: Reconnector;
  private readonly network = browserNetwork();
  private readonly onretry: (() => void) | undefined;
  private destroyed = false;

  constructor(options: ArticleSessionOptions) {
    this.articleId = options.articleId;
    this.author = { id: options.user.id, name: options.user.displayName };
    this.onretry = options.onretry;
    const viewOnly = options.viewOnly ?? false;
    this.readOnly = viewOnly;
    const { index, user, articleId } = options;
    // A story created on this device has its first content written here: nothing to wait for.
    this.contentHere = index.article(articleId).createdOffline;
    this.provider = new WebsocketProvider(collabUrl(options.serverUrl), articleId, this.doc, {
      // The ticket is set before each connect (see the reconnector's prepare).
      params: {},
      // Every change goes through the server, which is what confirms it saved.
      disableBc: true,
      connect: false,
      // Reconnecting is ours (jittered backoff); the provider only reports a lost connection.
      shouldReconnect: () => false,
    });
    this.tracker = new SavedTracker(this.provider as unknown as TrackableProvider);
    this.local = keepLocally(user.id, articleId, this.doc);
    // What the local copy brings back was counted when it was typed (and is still unconfirmed in the index).
    this.tracker.ignoreOrigin(this.local);
    this.stops.push(
      this.tracker.subscribe((state) => {
        this.unsaved = state.unsaved;
        if (state.unsaved === 0 && this.refused !== null) {
          this.refused = null;
          this.reconnector.recovered();
        }
        this.readOnly = viewOnly || state.readOnly;
        if (this.savedLocally) index.update(articleId, { unsaved: state.unsaved });
      }),
    );
    this.reconnector = new Reconnector(this.provider, {
      check: options.checkSession,
      // The story was restricted away from this user while open: it says so, and the copy here goes at the next sync.
      ongone: () => (this.gone = true),
      // A ticket lasts a minute: every attempt gets a fresh one (and a session that ended shows here as a 401).
      prepare: async () => {
        try {
          this.provider.params = { ticket: await options.ticket() };
        } catch (error) {
          // No ticket, no socket (and so no status event): the server is not answering. An
          // older attempt failing late must not hide a socket a newer one has opened.
          if (!this.provider.wsconnected && !this.provider.wsconnecting) this.connection = 'disconnected';
          this.retrying = false;
          throw error;
        }
      },
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.retrying = false;
      // Once an attempt failed, say "offline" until connected, rather than flicker with each retry.
      if (status === 'connecting' && this.connection === 'disconnected') return;
      this.connection = status;
    });
    this.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
      this.retrying = false;
      if (this.connection !== 'connected') this.connection = 'disconnected';
      if (event?.code === REFUSED) {
        this.refused = event.reason.replace(/^update refused: /, '');
        this.reconnector.refused();
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      this.synced = synced;
      // Even a story the server holds empty is here once synced.
      if (synced) this.contentHere = true;
    });
    this.network.addEventListener('online', this.onNetwork);
    this.network.addEventListener('offline', this.onNetwork);
    if (options.presence ?? true) {
      this.provider.awareness.setLocalState({ user: { id: user.id, name: user.displayName, color: userColor(user.id) }, field: null } satisfies PresenceState);
      this.typing = new TypingPresence(this.provider.awareness, this.doc);
    } else {
      this.provider.awareness.setLocalState(null);
    }
    this.provider.awareness.on('change', this.onAwareness);
    this.onAwareness();
    this.doc.on('update', this.onUpdate);
    index.update(articleId, { lastOpened: Date.now() });
    if (!options.connect || !navigator.onLine) this.connection = 'disconnected';
    // IndexedDB can be unavailable (storage disabled, a broken profile): after a while, sync
    // with the server anyway, without the promise that changes survive a reload.
    this.loaded = withTimeout(this.local.whenSynced.then(() => true), LOCAL_LOAD_TIMEOUT_MS, false).then((kept) => {
      if (this.destroyed) return;
      this.localLoaded = true;
      if (kept) {
        this.savedLocally = true;
        this.tracker.assume(index.article(articleId).unsaved);
      } else {
        console.error(`the copy of story ${articleId} on this device did not load; syncing with the server only`);
      }
      this.countWords();
      if (options.connect) this.connect();
    });
  }

  /** Syncs with the server from now on, once the local copy has loaded (for a story created offline: once the server knows it). */
  connect(): void {
    void this.loaded.then(() => {
      if (!this.destroyed) this.reconnector.start();
    });
  }

  /** Reconnects at once instead of waiting for the next retry (the badge's "Retry now"). */
  retryNow(): void {
    this.retrying = this.reconnector.retryNow();
    this.onretry?.();
  }

  /** The Yjs awareness, for the body editor's cursors. */
  get awareness() {
    return this.provider.awareness;
  }

  /** Tells the others which field this user is typing in (null: none). */
  setField(field: EditorField | null): void {
    if (this.provider.awareness.getLocalState()?.field !== field) this.provider.awareness.setLocalStateField('field', field);
  }

  // Presence changes with every colleague's keystroke (their caret); the page redraws only when who is where changed.
  private readonly onAwareness = (): void => {
    const peers = peersFrom(this.provider.awareness.getStates(), this.doc.clientID);
    if (!samePeers(peers, this.peers)) this.peers = peers;
  };

  // The device's network came or went: the badge tells "Offline" from "Server unreachable" by it.
  private readonly onNetwork = (): void => {
    this.online = this.network.onLine;
  };

  // Any content at all (loaded from this device, received, typed) means the story is here.
  // Counting words walks the whole body: do it once typing pauses, not on every keystroke. After
  // a refusal, the user's own change (shortening a field, say) is worth sending at once.
  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    this.contentHere = true;
    // Every change but what the copy itself brought back is written to it now: "saved on this
    // computer" waits until IndexedDB has committed it (a reload before that could lose it).
    if (this.savedLocally && origin !== this.local) this.localWrites.wrote();
    if (this.refused !== null && origin !== this.provider) this.reconnector.retrySoon();
    if (this.wordTimer) clearTimeout(this.wordTimer);
    this.wordTimer = setTimeout(() => this.countWords(), 300);
  };

  private countWords(): void {
    this.wordTimer = null;
    this.counts = storyCounts(this.doc);
    this.words = this.counts.body.words;
  }

  /** Disconnects and frees the document; everything typed is already kept on this device. */
  destroy(): void {
    this.destroyed = true;
    if (this.wordTimer) clearTimeout(this.wordTimer);
    for (const stop of this.stops) stop();
    this.reconnector.destroy();
    this.network.removeEventListener('online', this.onNetwork);
    this.network.removeEventListener('offline', this.onNetwork);
    this.provider.awareness.off('change', this.onAwareness);
    this.typing?.destroy();
    this.doc.off('update', this.onUpdate);
    this.tracker.destroy();
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }
}
