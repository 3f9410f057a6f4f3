// One open story's workflow: its status, revisions and latest decision, kept fresh while the
// story is open, and the actions a user takes on it (save, submit, approve, send back, restore, reopen).
import type { AmendmentKind } from '../../../model/amendments.ts';
import type { ArticleListItem, RevisionInfo } from '../../../model/api-types.ts';
import type { Api } from './api.ts';

/** The workflow side of an open story, reactive. */
export class ArticleWorkflow {
  info = $state<ArticleListItem | null>(null);
  revisions = $state<RevisionInfo[]>([]);
  error = $state<string | null>(null);
  /** The revision awaiting an editor, if any. */
  submitted = $derived(this.info?.submittedRevision ?? null);
  /** Counts the entries shown from a change's answer: a refresh that started before one must not bring back what it replaced. */
  private shown = 0;

  constructor(
    private readonly api: Api,
    readonly articleId: string,
  ) {}

  /** Reloads the story's status and revisions. */
  async refresh(): Promise<void> {
    const shownBefore = this.shown;
    try {
      const [info, revisions] = await Promise.all([this.api.getArticle(this.articleId), this.api.listRevisions(this.articleId)]);
      if (this.shown === shownBefore) this.info = info;
      this.revisions = revisions;
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Shows the story's entry as the server just answered it (after a change made here). */
  show(info: ArticleListItem): void {
    if (info.id !== this.articleId) return;
    this.shown++;
    this.info = info;
  }

  /** Refreshes now and every `ms` until stopped; returns the stop function. */
  watch(ms = 5000): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), ms);
    return () => clearInterval(timer);
  }

  /** Saves the current state as a revision and files it for approval; returns its number. */
  async submit(note: string): Promise<number> {
    const revision = await this.api.createRevision(this.articleId, note);
    await this.api.submit(this.articleId, revision.number);
    await this.refresh();
    return revision.number;
  }

  /** Approves revision `rev`; the server refuses (409) while a blocker stands (`allowMissingImages` sets missing images aside). */
  async approve(rev: number, allowMissingImages = false): Promise<void> {
    await this.api.approve(this.articleId, rev, allowMissingImages);
    await this.refresh();
  }

  /** Sends revision `rev` back with a note. */
  async sendBack(rev: number, note: string): Promise<void> {
    await this.api.reject(this.articleId, rev, note);
    await this.refresh();
  }

  /** Reopens the approved story as an update or a correction with a note (editors); the answer shows at once. */
  async reopen(as: AmendmentKind, note: string): Promise<void> {
    this.show((await this.api.reopen(this.articleId, as, note)).article);
    await this.refresh();
  }

  /** Brings revision `rev` back on top of the draft. */
  async restore(rev: number): Promise<void> {
    await this.api.restore(this.articleId, rev);
    await this.refresh();
  }
}
