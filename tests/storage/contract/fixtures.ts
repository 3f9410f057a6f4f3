// What every contract test builds on: the harness a store runs under, and small records.
import * as Y from 'yjs';
import { headlineText } from '../../../model/article-schema.ts';
import type { ArticleSummary, NewRevision, PictureRecord, PictureUse, Store, User } from '../../../server/storage/store.ts';

/** One store implementation under test. */
export interface StoreHarness {
  /** Opens the store on this test's storage: empty when the test starts, kept across close and open. */
  open(): Promise<Store>;
}

/** Two users and one story, the start of most tests. */
export async function setUp(s: Store): Promise<{ ana: User; eve: User; article: string }> {
  const ana = await s.addUser({ username: 'ana', displayName: 'Ana Reporter', role: 'reporter', passwordHash: 'x' });
  const eve = await s.addUser({ username: 'eve', displayName: 'Eve Editor', role: 'editor', passwordHash: 'x' });
  const { article } = await s.createArticle({ id: 'story-1', createdBy: ana.id, createdAt: 1, headline: 'One' });
  return { ana, eve, article: article.id };
}

/** A Yjs update of a document whose headline is `headline`. */
export function stateWith(headline: string): Uint8Array {
  const doc = new Y.Doc();
  headlineText(doc).insert(0, headline);
  return Y.encodeStateAsUpdate(doc);
}

/** The headline of the document that `updates` make, applied in order. */
export function headlineOf(...updates: (Uint8Array | null)[]): string {
  const doc = new Y.Doc();
  for (const update of updates) if (update) Y.applyUpdate(doc, update);
  return headlineText(doc).toString();
}

/** A stand-in content fingerprint of a story whose only content is `headline`: the same headline, the same fingerprint. */
export const fingerprintOf = (headline: string) => `fingerprint of ${headline}`;

/** A revision of `articleId` by `by` whose headline is `headline`. */
export const revision = (articleId: string, by: User, headline: string, at = Date.now()): NewRevision => ({
  articleId,
  createdAt: at,
  createdBy: by.id,
  note: `note ${headline}`,
  wordCount: headline.split(' ').length,
  contentHash: fingerprintOf(headline),
  state: stateWith(headline),
});

/** An uploaded picture's record. */
export const picture = (hash: string, by: User, fields: Partial<PictureRecord> = {}): PictureRecord => ({
  hash,
  mimeType: 'image/jpeg',
  width: 800,
  height: 600,
  bytes: 12345,
  credit: 'Ann Snapper',
  copyright: '(c) Ann',
  previewHash: 'f'.repeat(64),
  uploadedBy: by.id,
  uploadedAt: 1000,
  ...fields,
});

/** A story-list summary with `headline`. */
export const summary = (headline: string, fields: Partial<ArticleSummary> = {}): ArticleSummary => ({
  headline,
  byline: '',
  desk: '',
  slug: '',
  wordCount: 3,
  assignees: [],
  deadline: null,
  targetWords: null,
  urgency: null,
  pictureCount: 0,
  picturesMissingCredit: 0,
  contentHash: fingerprintOf(headline),
  updatedAt: 2000,
  updatedBy: null,
  ...fields,
});

/** A picture use with `credit`. */
export const use = (pictureId: string, credit: string, fields: Partial<PictureUse> = {}): PictureUse => ({ pictureId, hash: '', caption: '', credit, ...fields });
