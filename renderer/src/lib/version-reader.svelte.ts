// Reading one version of a story, read-only: the approved revision or any revision from the
// server (GET .../content), or the live draft from the open document (kept current as colleagues
// type). Reactive: the view shows `content` for `version`, or why it cannot.
import type * as Y from 'yjs';
import type { RevisionInfo, VersionRef } from '../../../model/api-types.ts';
import { readableArticle, type ReadableArticle } from '../../../model/readable-article.ts';
import type { Api } from './api.ts';

/** How often at most the live draft is read again while colleagues type. */
const LIVE_READ_MS = 300;

/** One version of a story, as it is read. */
export class VersionReader {
  version = $state<VersionRef>('live');
  content = $state.raw<ReadableArticle | null>(null);
  /** The revision shown, with its status and decisions (null for the live draft). */
  revision = $state.raw<RevisionInfo | null>(null);
  /** When the version shown was written. */
  at = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  private stopLive: (() => void) | null = null;
  private asked = 0;

  constructor(
    private readonly api: Api,
    private readonly articleId: string,
    /** The open story's document: the live draft is read from it. */
    private readonly doc: Y.Doc,
  ) {}

  /** Shows `version`: the live draft at once (and as it changes), a revision once the server answers. */
  async show(version: VersionRef): Promise<void> {
    const asked = ++this.asked;
    this.stopLive?.();
    this.stopLive = null;
    this.version = version;
    this.error = null;
    if (version === 'live') {
      this.readLive();
      this.stopLive = this.followLive();
      return;
    }
    this.loading = true;
    this.content = null;
    try {
      const answer = await this.api.articleVersion(this.articleId, version);
      if (asked !== this.asked) return;
      this.content = answer.content;
      this.revision = answer.revision;
      this.at = answer.at;
    } catch (error) {
      if (asked === this.asked) this.error = (error as Error).message;
    } finally {
      if (asked === this.asked) this.loading = false;
    }
  }

  /** Stops following the live draft. */
  destroy(): void {
    this.asked++;
    this.stopLive?.();
    this.stopLive = null;
  }

  private readLive(): void {
    this.content = readableArticle(this.doc);
    this.revision = null;
    this.at = null;
    this.loading = false;
  }

  // Reads the draft again after changes, at most every LIVE_READ_MS (a long story is not re-read per keystroke).
  private followLive(): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = null;
        this.readLive();
      }, LIVE_READ_MS);
    };
    this.doc.on('update', onUpdate);
    return () => {
      if (timer) clearTimeout(timer);
      this.doc.off('update', onUpdate);
    };
  }
}
