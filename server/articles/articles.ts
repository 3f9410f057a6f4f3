// Stories: creating them (with an optional first headline), reading one, listing them with
// who has each open, and reading a story's current content for exports.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { newStoryDoc } from '../../model/new-story.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { ArticleRecord, Store, User } from '../storage/store.ts';

/** A story as the API shows it: its record plus who has it open now. */
export type ArticleView = ArticleListItem;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the form of a story id (a UUID). */
export const isArticleId = (id: string) => UUID.test(id);

/** Story operations over the store and the open rooms. */
export class Articles {
  constructor(
    private readonly store: Store,
    private readonly rooms: Rooms,
  ) {}

  private view(record: ArticleRecord, presence = this.rooms.presence()): ArticleView {
    const users = presence.get(record.id) ?? [];
    return { ...record, openBy: users.map(({ id, username, displayName }) => ({ id, username, displayName })) };
  }

  /**
   * Creates a story. When the server picks the id, the server writes its first content. When the
   * client picks it (a story made offline), the client's own document carries the content and
   * `headline` only fills the list until it syncs: seeding it too would double the headline.
   * The same id again returns the existing story with `created: false`.
   */
  async create(input: { id?: string; headline?: string }, by: User): Promise<{ created: boolean; article: ArticleView }> {
    const id = input.id ?? randomUUID();
    const headline = (input.headline ?? '').trim();
    const result = await this.store.createArticle({ id, createdBy: by.id, createdAt: Date.now(), headline });
    if (result.created) {
      if (input.id === undefined) {
        const first = newStoryDoc(headline);
        await this.store.appendUpdates(id, [Y.encodeStateAsUpdate(first)]);
        // The first content is the creator's: a comparison names them as its author.
        await this.store.addClientAuthors(id, [{ clientId: first.clientID, userId: by.id }]);
      }
      await this.store.audit({ at: Date.now(), userId: by.id, action: 'article.create', articleId: id, detail: { headline } });
    }
    return { created: result.created, article: this.view(result.article) };
  }

  /** One story, or null. */
  async get(id: string): Promise<ArticleView | null> {
    const record = await this.store.getArticle(id);
    return record ? this.view(record) : null;
  }

  /** Every story, most recently changed first. */
  async list(): Promise<ArticleView[]> {
    const presence = this.rooms.presence();
    return (await this.store.listArticles()).map((record) => this.view(record, presence));
  }

  /** The story's current content as Yjs updates, not decoded here: the live state when open, else the stored snapshot and log. */
  async currentUpdates(id: string): Promise<Uint8Array[]> {
    const open = this.rooms.get(id);
    if (open) return [Y.encodeStateAsUpdate(open.doc)];
    const stored = await this.store.loadDocument(id);
    return stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  }

  /** The story's current document: a copy of the live one when open, else loaded from storage. */
  async currentDoc(id: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const update of await this.currentUpdates(id)) Y.applyUpdate(doc, update);
    return doc;
  }
}
