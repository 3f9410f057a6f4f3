// The CPU-heavy work of HTTP requests, run in the compute worker threads (compute-worker.ts) so
// that the main thread keeps relaying keystrokes meanwhile: comparing two versions of a story,
// exporting one or reading its content, taking a revision's word count and fingerprint, reading a revision's pictures, working out the
// edits that restore a revision, and the credits
// report. Each task takes plain data (Yjs updates, rows) and gives back plain data, mostly the
// reply body itself, so that the main thread does not serialize large answers either.
import * as Y from 'yjs';
import { applyUpdates } from '../../model/apply-stored.ts';
import { readPictures, type Picture } from '../../model/article-schema.ts';
import { openComments } from '../../model/comment-threads.ts';
import type { ApprovalContent } from '../../model/approval-blockers.ts';
import type { VersionStamp } from '../../model/amendments.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import type { ReleaseMarks } from '../../model/release-state.ts';
import { diffArticles, type DiffLimits } from '../../model/revision-diff.ts';
import type { ArticleDiff, RevisionRef } from '../../model/api-types.ts';
import { readNotes } from '../../model/notes.ts';
import { readableArticle } from '../../model/readable-article.ts';
import { readBody } from '../../model/body-tree.ts';
import { openSuggestionsIn } from '../../model/open-suggestions.ts';
import { exportText } from '../../model/text-export.ts';
import { bodyWordCount } from '../../model/words.ts';
import { contentFingerprint } from '../articles/content-fingerprint.ts';
import { creditReports, groupCredits } from '../credits/credit-groups.ts';
import { restoreContent } from '../revisions/restore-content.ts';
import { creditsCsv } from '../credits/credits-csv.ts';
import type { CreditUse } from '../storage/store.ts';

/** A story's content as Yjs updates (a revision's one state, or a snapshot and the log after it). */
export type ArticleUpdates = Uint8Array[];

/** Asks the main thread a question a task cannot answer by itself (which pictures are stored). */
export type Ask = (question: string[]) => Promise<string[]>;

const docOf = (updates: ArticleUpdates): Y.Doc => {
  const doc = new Y.Doc();
  applyUpdates(doc, updates);
  return doc;
};

/** What `diff` compares: both sides, which client ids are whose, and the names of those users. */
export interface DiffInput {
  before: ArticleUpdates;
  after: ArticleUpdates;
  refs: { from: RevisionRef; to: RevisionRef };
  /** [Yjs client id, user id] pairs of the story. */
  clients: [number, string][];
  /** [user id, display name] of every user in `clients`. */
  names: [string, string][];
  limits: DiffLimits;
}

/** What `export` renders: the content, the format, and what the ninjs item and picture links need. */
export interface ExportInput {
  updates: ArticleUpdates;
  format: 'text' | 'html' | 'ninjs';
  articleId: string;
  /** ISO 8601 time of the exported version. */
  versionCreated: string;
  /** A stored picture's URL is this followed by its hash. */
  pictureUrlPrefix: string;
  /** The exported revision's approved version and what it amends; absent or null for the live draft or a revision never approved. */
  version?: VersionStamp | null;
  /** What the copy says of the story's release (model/release-state.ts). */
  release?: ReleaseMarks;
}

/** What `credits` groups: the credits index and the request's filter and format. */
export interface CreditsInput {
  uses: CreditUse[];
  query: string;
  format: 'json' | 'csv';
}

/** The tasks by name; each gets its input and `ask`, and returns the reply (or what the main thread needs). */
export const COMPUTE_TASKS = {
  /** The ArticleDiff as JSON text, authors named. */
  diff(input: DiffInput): string {
    const userOf = new Map(input.clients);
    const diff = diffArticles(docOf(input.before), docOf(input.after), input.refs, (client) => userOf.get(client) ?? null, input.limits);
    const nameOf = new Map(input.names);
    const ids = [...new Set(diff.fields.flatMap((field) => field.spans.map((span) => span.authorId)))].filter((id): id is string => id !== null);
    const answer: ArticleDiff = { ...diff, authors: ids.map((id) => ({ id, name: nameOf.get(id) ?? 'unknown user' })) };
    return JSON.stringify(answer);
  },

  /** The export's body: plain text, HTML, or the ninjs item as JSON text. */
  async export(input: ExportInput, ask: Ask): Promise<string> {
    const doc = docOf(input.updates);
    const amendment = input.version?.amendment ?? null;
    if (input.format === 'text') return exportText(doc, amendment, input.release);
    // A picture whose image is not stored here gets no link rather than a broken one.
    const stored = new Set(await ask(readPictures(doc).map((picture) => picture.hash)));
    const pictureUrl = (hash: string) => (stored.has(hash) ? input.pictureUrlPrefix + hash : null);
    if (input.format === 'html') return exportHtml(doc, { pictureUrl, amendment }, input.release);
    return JSON.stringify(exportNinjs(doc, { id: input.articleId, pictureUrl, versionCreated: input.versionCreated, version: input.version, release: input.release }));
  },

  /** A revision to store: the merged state, its word count and its content fingerprint. */
  revision(input: { updates: ArticleUpdates }): { state: Uint8Array; wordCount: number; contentHash: string } {
    const doc = docOf(input.updates);
    const article = readableArticle(doc);
    return { state: Y.encodeStateAsUpdate(doc), wordCount: bodyWordCount(article.body), contentHash: contentFingerprint(article) };
  },

  /** A version's readable content (model/readable-story.ts) as JSON text, for the read-only view. */
  readable(input: { updates: ArticleUpdates }): string {
    return JSON.stringify(readableArticle(docOf(input.updates)));
  },

  /**
   * The edits that make the live draft equal a revision (restoreContent on a copy of the draft),
   * written as client `clientId`: a Yjs update for the room to apply, or null when nothing differs.
   */
  restore(input: { live: ArticleUpdates; revision: ArticleUpdates; clientId: number }): Uint8Array | null {
    const live = new Y.Doc();
    live.clientID = input.clientId;
    applyUpdates(live, input.live);
    const before = Y.encodeStateVector(live);
    let changed = false;
    live.on('update', () => (changed = true));
    restoreContent(live, docOf(input.revision));
    return changed ? Y.encodeStateAsUpdate(live, before) : null;
  },

  /** The pictures of a version (an approval checks their credits). */
  pictures(input: { updates: ArticleUpdates }): Picture[] {
    return readPictures(docOf(input.updates));
  },

  /** What approving a version is checked against: its pictures, notes, open suggestions and open comment threads, from one read of it. */
  approvalContent(input: { updates: ArticleUpdates }): ApprovalContent {
    const doc = docOf(input.updates);
    return { pictures: readPictures(doc), notes: readNotes(doc), suggestions: openSuggestionsIn(readBody(doc)), threads: openComments(doc) };
  },

  /** The credits report as JSON text or CSV. */
  credits(input: CreditsInput): string {
    const groups = groupCredits(input.uses, input.query);
    return input.format === 'json' ? JSON.stringify(creditReports(groups)) : creditsCsv(groups);
  },
};

/** The tasks' names. */
export type ComputeTaskName = keyof typeof COMPUTE_TASKS;
/** A task's input. */
export type ComputeInput<T extends ComputeTaskName> = Parameters<(typeof COMPUTE_TASKS)[T]>[0];
/** A task's result. */
export type ComputeOutput<T extends ComputeTaskName> = Awaited<ReturnType<(typeof COMPUTE_TASKS)[T]>>;
