// Stories: creating them (with an optional first headline), reading one, listing them a page at
// a time with who has each open, reading a story's current content for exports, and bringing an
// open story's list entry up to its document when a workflow step needs it current.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { applyUpdates, storedUpdates } from '../../model/apply-stored.ts';
import { capText, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { newArticleDoc } from '../../model/new-article.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { ArticleRecord, ArticleStore, AuditLog, DocumentLog, ListPosition, SpikedFilter, User } from '../storage/store.ts';
import { NewsroomPresence } from './newsroom-presence.ts';
import { TurnQueue } from './turn-queue.ts';


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the form of a story id (a UUID). */
export const isArticleId = (id: string) => UUID.test(id);

/** A page of the story list as JSON (an array of ArticleListItem), and where the next page starts (null on the last). */
export interface ArticlePage {
  json: string;
  next: ListPosition | null;
}

/** Story operations over the store and the open rooms. */
export class Articles {
  /** Pages are made one per turn of the event loop. */
  private readonly pages = new TurnQueue();

  constructor(
    private readonly store: ArticleStore & DocumentLog & AuditLog,
    private readonly rooms: Rooms,
    /** Who has which story open, here and (with several instances) on the others. */
    private readonly presence = new NewsroomPresence(rooms),
  ) {}

  /** A stored story as the API shows it: with who has it open now. */
  view(record: ArticleRecord): ArticleListItem {
    return { ...record, openBy: this.presence.openBy(record.id) };
  }

  /**
   * Creates a story. When the server picks the id, the server writes its first content. When the
   * client picks it (a story made offline), the client's own document carries the content and
   * `headline` only fills the list until it syncs: seeding it too would double the headline.
   * The same id again returns the existing story with `created: false`.
   */
  async create(input: { id?: string; headline?: string }, by: User): Promise<{ created: boolean; article: ArticleListItem }> {
    const id = input.id ?? randomUUID();
    const headline = (input.headline ?? '').trim();
    const result = await this.store.createArticle({ id, createdBy: by.id, createdAt: Date.now(), headline });
    if (result.created) {
      if (input.id === undefined) {
        const first = newArticleDoc(headline);
        await this.store.appendUpdates(id, [Y.encodeStateAsUpdate(first)]);
        // The first content is the creator's: a comparison names them as its author.
        await this.store.addClientAuthors(id, [{ clientId: first.clientID, userId: by.id }]);
      }
      // The audit keeps the headline's start, as the list does (the store caps the list's); the document, whole.
      await this.store.audit({ at: Date.now(), userId: by.id, action: 'article.create', articleId: id, detail: { headline: capText(headline, LIST_TEXT_MAX) } });
    }
    return { created: result.created, article: this.view(result.article) };
  }

  /** One story, or null. */
  async get(id: string): Promise<ArticleListItem | null> {
    const record = await this.store.getArticle(id);
    return record ? this.view(record) : null;
  }

  /**
   * Up to `limit` stories after `after` in the list's order (most recently changed first, ties by
   * id), spiked ones as `spiked` says, those `viewerId` may know exist (all without), as JSON.
   */
  async list(limit: number, after?: ListPosition, spiked?: SpikedFilter, viewerId?: string): Promise<ArticlePage> {
    // One more than asked says whether there is a next page without asking for it.
    const records = await this.store.listArticles({ limit: limit + 1, after, spiked, viewerId });
    const shown = records.slice(0, limit);
    const last = shown[shown.length - 1];
    const next = records.length > limit ? { updatedAt: last.updatedAt, id: last.id } : null;
    return { json: await this.pages.run(() => JSON.stringify(shown.map((record) => this.view(record)))), next };
  }

  /** The story's current content as Yjs updates, not decoded here: the live state when open, else the stored snapshot and log. */
  async currentUpdates(id: string): Promise<Uint8Array[]> {
    const open = this.rooms.get(id);
    if (open) return [Y.encodeStateAsUpdate(open.doc)];
    const stored = await this.store.loadDocument(id);
    return storedUpdates(stored);
  }

  /**
   * Brings the story's list entry up to its open document now: the entry (and its content
   * fingerprint, which tells "changed since approval") otherwise follows a change a second or so
   * later. Taking a revision and answering a workflow step call this, so that an approval compares
   * the revision with the draft as it is, not as it was before the last keystrokes. A failed write
   * is logged and retried by the room; the step goes on with the entry as it is.
   */
  async settleEntry(id: string): Promise<void> {
    await this.rooms.get(id)?.writeSummary().catch(() => undefined);
  }

  /** The story's current document: a copy of the live one when open, else loaded from storage. */
  async currentDoc(id: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    applyUpdates(doc, await this.currentUpdates(id));
    return doc;
  }
}
