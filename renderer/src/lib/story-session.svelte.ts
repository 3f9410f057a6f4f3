// One open story: its Y.Doc synced with the server, whether changes are saved, who else is
// here, and the word count. The components read this class's state; the Yjs objects stay inside.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { ApiUser } from '../../../model/api-types.ts';
import { SavedTracker, type TrackableProvider } from '../../../model/saved-tracker.ts';
import { articleWordCount } from '../../../model/words.ts';
import { collabUrl } from './api.ts';
import { userColor } from './colors.ts';
import { peersFrom, type EditorField, type Peer, type PresenceState } from './presence.ts';
import { syncBadge, type SyncFacts } from './sync-badge.ts';

/** What it takes to open a story. */
export interface StorySessionOptions {
  serverUrl: string;
  token: string;
  articleId: string;
  user: ApiUser;
}

/** A story being edited, reactive. */
export class StorySession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly tracker: SavedTracker;
  readonly articleId: string;
  connection = $state<SyncFacts['connection']>('connecting');
  synced = $state(false);
  unsaved = $state(0);
  readOnly = $state(false);
  peers = $state<Peer[]>([]);
  words = $state(0);
  badge = $derived(syncBadge({ connection: this.connection, synced: this.synced, unsaved: this.unsaved, readOnly: this.readOnly }));
  private wordTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stopTracking: () => void;

  constructor(options: StorySessionOptions) {
    this.articleId = options.articleId;
    this.provider = new WebsocketProvider(collabUrl(options.serverUrl), options.articleId, this.doc, {
      params: { token: options.token },
      // Every change goes through the server, which is what confirms it saved.
      disableBc: true,
    });
    this.tracker = new SavedTracker(this.provider as unknown as TrackableProvider);
    this.stopTracking = this.tracker.subscribe((state) => {
      this.unsaved = state.unsaved;
      this.readOnly = state.readOnly;
    });
    this.provider.on('status', ({ status }) => (this.connection = status));
    this.provider.on('sync', (synced: boolean) => (this.synced = synced));
    const { user } = options;
    this.provider.awareness.setLocalState({ user: { id: user.id, name: user.displayName, color: userColor(user.id) }, field: null } satisfies PresenceState);
    this.provider.awareness.on('change', this.onAwareness);
    this.onAwareness();
    this.doc.on('update', this.onUpdate);
    this.countWords();
  }

  /** The Yjs awareness, for the body editor's cursors. */
  get awareness() {
    return this.provider.awareness;
  }

  /** Tells the others which field this user is typing in (null: none). */
  setField(field: EditorField | null): void {
    if (this.provider.awareness.getLocalState()?.field !== field) this.provider.awareness.setLocalStateField('field', field);
  }

  private readonly onAwareness = (): void => {
    this.peers = peersFrom(this.provider.awareness.getStates() as Map<number, PresenceState>, this.doc.clientID);
  };

  // Counting words walks the whole body: do it once typing pauses, not on every keystroke.
  private readonly onUpdate = (): void => {
    if (this.wordTimer) clearTimeout(this.wordTimer);
    this.wordTimer = setTimeout(() => this.countWords(), 300);
  };

  private countWords(): void {
    this.wordTimer = null;
    this.words = articleWordCount(this.doc);
  }

  /** Disconnects and frees the document. */
  destroy(): void {
    if (this.wordTimer) clearTimeout(this.wordTimer);
    this.stopTracking();
    this.provider.awareness.off('change', this.onAwareness);
    this.doc.off('update', this.onUpdate);
    this.tracker.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}
