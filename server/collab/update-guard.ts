// What a room checks each client update against, kept current as the story changes: the owners
// of its client ids, its body's length, its size against the quota, and the suggestion and note
// marks it has or had (so a client may write someone else's mark anew, never make one up). The checking itself is
// update-inspection.ts (and model/update-check.ts); this holds the per-story state it reads.
import * as Y from 'yjs';
import { BodyLength } from '../../model/body-length.ts';
import { collectDocMarks, collectMarks } from '../../model/mark-authors.ts';
import { can } from '../../model/roles.ts';
import type { StoredDocument, User } from '../storage/store.ts';
import type { ClientAuthorLog } from './client-authors.ts';
import { ArticleQuota } from './article-quota.ts';
import { inspectUpdate, type UpdateInspection } from './update-inspection.ts';

/** What every suggestion or note mark's attributes hold, as JSON in an update's bytes. */
const AUTHOR_BYTES = Buffer.from('"author"');

/** Websocket close reasons are limited to 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

/** `reason` cut to fit a websocket close frame (whole characters only). */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason;
  let cut = '';
  for (const ch of reason) {
    if (Buffer.byteLength(cut + ch) > MAX_CLOSE_REASON_BYTES - 3) break;
    cut += ch;
  }
  return `${cut}...`;
}

/** The bytes a stored story takes: its snapshot and the log after it. */
export const storedBytes = (stored: StoredDocument): number =>
  (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0);

/** One open story's checks on client updates. */
export class UpdateGuard {
  private readonly body: BodyLength;
  private readonly quota: ArticleQuota;
  /** The identities of the suggestion and note marks the story has, or had since it was stored in full. */
  private readonly marks = new Set<string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly authors: ClientAuthorLog,
    stored: StoredDocument,
    maxArticleBytes: number,
  ) {
    this.body = new BodyLength(doc);
    this.quota = new ArticleQuota(doc, storedBytes(stored), maxArticleBytes);
    // The snapshot's marks are the document's live ones; the log after it also holds those removed since.
    collectDocMarks(doc, this.marks);
    for (const update of stored.updates) this.collect(update);
    doc.on('update', this.collect);
  }

  // Every update applied (a client's, another instance's, a restore) may bring marks. Most bring
  // none: an update that does not even hold the text `author` is not decoded again.
  private readonly collect = (update: Uint8Array): void => {
    if (!Buffer.from(update.buffer, update.byteOffset, update.byteLength).includes(AUTHOR_BYTES)) return;
    try {
      collectMarks(Y.decodeUpdate(update), this.marks);
    } catch {
      // A stored update Yjs could not read holds no mark the document has.
    }
  };

  /** Inspects an update `user` sent (throws if it is malformed); a user who may not edit may only comment. */
  inspect(update: Uint8Array, user: Pick<User, 'id' | 'username' | 'role'>): UpdateInspection {
    return inspectUpdate(this.doc, update, {
      userId: user.id,
      username: user.username,
      commentsOnly: !can(user.role, 'edit'),
      ownerOf: (client) => this.authors.ownerOf(client),
      bodyLength: this.body.value,
      knownMark: (identity) => this.marks.has(identity),
      quota: (bytes) => this.quota.refusal(bytes),
    });
  }

  /** Stops following the document. */
  destroy(): void {
    this.doc.off('update', this.collect);
    this.body.destroy();
    this.quota.destroy();
  }
}
