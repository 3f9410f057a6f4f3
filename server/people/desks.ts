// The newsroom's desks: listed to everyone, created, renamed and archived by admins, and chosen
// for a story. Every change is an audit entry naming who made it, written by the store in the
// change's own transaction; rights are checked by the routes.
import { limitsProblem, NO_LIMITS, readLimits, type DeskLimits } from '../../model/desk-limits.ts';
import { DESK_NAME_MAX, type DeskInfo } from '../../model/people-types.ts';
import type { ArticleListItem } from '../../model/api-types.ts';
import type { Articles } from '../articles/articles.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import { DuplicateError, type DeskRecord, type DeskStore, type User } from '../storage/store.ts';
import { checkedName } from './names.ts';

/** A desk as the wire shows it. */
export const deskInfo = ({ archivedAt, ...desk }: DeskRecord): DeskInfo => ({ ...desk, archived: archivedAt !== null });

// A taken name as 409.
async function uniquely<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DuplicateError) throw new HttpError(409, error.message);
    throw error;
  }
}

/** Writes desk `name` ('' for none) into story `articleId` itself, on the server's account for `by` (live for everyone in it). */
export type NameDeskInStory = (articleId: string, name: string, by: User) => Promise<void>;

/** Desks over the desk store, the audit log and the stories. */
export class Desks {
  constructor(
    private readonly store: DeskStore,
    private readonly articles: Pick<Articles, 'get'>,
    private readonly nameInStory: NameDeskInStory,
    private readonly now: () => number = Date.now,
    /** The newsroom's default limits (the server's config file), for desks that set none. */
    readonly defaultLimits: DeskLimits = NO_LIMITS,
  ) {}

  /** Every desk, archived ones too, by name. */
  async list(): Promise<DeskInfo[]> {
    return (await this.store.listDesks()).map(deskInfo);
  }

  /** Adds a desk; 400 for a bad name, 409 for a taken one. */
  async add(name: string, by: User): Promise<DeskInfo> {
    const desk = await uniquely(this.store.addDesk({ name: checkedName(name, 'a desk name', DESK_NAME_MAX), createdAt: this.now() }, { userId: by.id }));
    return deskInfo(desk);
  }

  /** Renames, archives or restores a desk, or sets its limits (checked: 400); 404 for none, 409 for a taken name. */
  async change(id: string, change: { name?: string; archived?: boolean; limits?: unknown }, by: User): Promise<DeskInfo> {
    const name = change.name === undefined ? undefined : checkedName(change.name, 'a desk name', DESK_NAME_MAX);
    const problem = change.limits === undefined ? null : limitsProblem(change.limits);
    if (problem) throw badRequest(problem);
    const limits = change.limits === undefined ? undefined : readLimits(change.limits as Partial<DeskLimits>);
    const desk = await uniquely(this.store.changeDesk(id, { name, archived: change.archived, limits }, this.now(), { userId: by.id }));
    if (!desk) throw notFound(`desk ${id.slice(0, 64)}`);
    return deskInfo(desk);
  }

  /**
   * Puts a story on a desk (null: on none) and writes the desk's name into the story (exports and
   * the list read it there); 404 for no story, 400 for no such desk or an archived one. The
   * server writes the name, not the page that chose the desk: a page left at once would lose it.
   */
  async setArticleDesk(articleId: string, deskId: string | null, by: User): Promise<ArticleListItem> {
    const story = await this.articles.get(articleId);
    if (!story) throw notFound(`story ${articleId}`);
    let name = '';
    if (deskId !== null) {
      const desk = (await this.store.listDesks()).find((d) => d.id === deskId);
      if (!desk) throw badRequest(`there is no desk ${JSON.stringify(deskId.slice(0, 64))}`);
      if (desk.archivedAt !== null) throw badRequest(`the desk ${desk.name} is archived`);
      name = desk.name;
    }
    if (!(await this.store.setArticleDesk(articleId, deskId, this.now(), { userId: by.id }))) throw notFound(`story ${articleId}`);
    await this.nameInStory(articleId, name, by);
    return (await this.articles.get(articleId))!;
  }
}
