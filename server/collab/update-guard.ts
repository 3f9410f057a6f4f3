// What a room checks each client update against, kept current as the story changes: the owners
// of its client ids, its body's length, and its size against the quota. The checking itself is
// update-inspection.ts (and model/update-check.ts); this holds the per-story state it reads.
import type * as Y from 'yjs';
import { BodyLength } from '../../model/body-length.ts';
import { can } from '../../model/roles.ts';
import type { StoredDocument, User } from '../storage/store.ts';
import type { ClientAuthorLog } from './client-authors.ts';
import { ArticleQuota } from './article-quota.ts';
import { inspectUpdate, type UpdateInspection } from './update-inspection.ts';

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

  constructor(
    private readonly doc: Y.Doc,
    private readonly authors: ClientAuthorLog,
    stored: StoredDocument,
    maxArticleBytes: number,
  ) {
    this.body = new BodyLength(doc);
    this.quota = new ArticleQuota(doc, storedBytes(stored), maxArticleBytes);
  }

  /** Inspects an update `user` sent (throws if it is malformed); a user who may not edit may only comment. */
  inspect(update: Uint8Array, user: Pick<User, 'id' | 'username' | 'role'>): UpdateInspection {
    return inspectUpdate(this.doc, update, {
      userId: user.id,
      username: user.username,
      commentsOnly: !can(user.role, 'edit'),
      ownerOf: (client) => this.authors.ownerOf(client),
      bodyLength: this.body.value,
      quota: (bytes) => this.quota.refusal(bytes),
    });
  }

  /** Stops following the document. */
  destroy(): void {
    this.body.destroy();
    this.quota.destroy();
  }
}
