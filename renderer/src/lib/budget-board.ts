// The budget board's rules (issue 17): which day a story belongs to (its deadline's day in the
// user's time zone), which stories a desk and day show, in what order, which are late, and which
// share a slug with another story of the same desk and day. Pure, so it is tested without a browser.
import type { ArticleListItem } from '../../../model/api-types.ts';
import { articleState, type ArticleState } from '../../../model/article-state.ts';
import { APPROVED_STATES } from './story-deadline.ts';
import { deadlineInputValue } from './time.ts';

/** What the board shows: one desk (its name, or `all`), one day (`YYYY-MM-DD`), and optional narrowing. */
export interface BoardFilter {
  desk: string;
  day: string;
  /** One assignee's username, or `all`. */
  assignee: string;
  /** One state, or `all` (every state but spiked). */
  status: ArticleState | 'all';
  /** Only the stories assigned to the signed-in user (`My assignments`). */
  mine: boolean;
}

/** How the board's rows are ordered; ties go by slug, then headline. */
export type BoardSort = 'deadline' | 'desk' | 'assignee' | 'status';

/** The board's sort choices, in the order its picker offers them. */
export const BOARD_SORTS: readonly { value: BoardSort; label: string }[] = [
  { value: 'deadline', label: 'Deadline' },
  { value: 'desk', label: 'Desk' },
  { value: 'assignee', label: 'Assignee' },
  { value: 'status', label: 'Status' },
];

/** The board's rows: the day's stories, and those with no deadline (shown under every day). */
export interface BoardGroups {
  scheduled: ArticleListItem[];
  unscheduled: ArticleListItem[];
}

/** The calendar day (`YYYY-MM-DD`) `instant` falls on in `timeZone`. */
export const dayOf = (instant: number, timeZone: string): string => deadlineInputValue(instant, timeZone).slice(0, 10);

/** The day `days` after `day` (`YYYY-MM-DD`; negative goes back): calendar arithmetic, no zone involved. */
export function dayAfter(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** A day as a date: `Wed 9 Dec` (locale `locale`). */
export function dateLabel(day: string, locale?: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(Date.UTC(year, month - 1, date));
}

/** A day relative to `today`: `Today`, `Tomorrow`, `Yesterday`, else its date. */
export function dayLabel(day: string, today: string, locale?: string): string {
  if (day === today) return 'Today';
  if (day === dayAfter(today, 1)) return 'Tomorrow';
  if (day === dayAfter(today, -1)) return 'Yesterday';
  return dateLabel(day, locale);
}


/** Whether `article` is on the board's desk, with the assignee and state asked for (and the user's, for `mine`). */
function matches(article: ArticleListItem, filter: BoardFilter, me: string): boolean {
  const state = articleState(article);
  return (
    (filter.desk === 'all' || article.desk === filter.desk) &&
    (filter.assignee === 'all' || article.assignees.includes(filter.assignee)) &&
    (!filter.mine || article.assignees.includes(me)) &&
    (filter.status === 'all' ? state !== 'spiked' : filter.status === 'approved' ? APPROVED_STATES.includes(state) : state === filter.status)
  );
}

const text = (a: string, b: string) => a.localeCompare(b);
const STATE_ORDER = new Map<ArticleState, number>(['draft', 'sent-back', 'submitted', 'approved-changed', 'approved', 'spiked'].map((s, i) => [s as ArticleState, i]));

// The order of each sort: earliest deadline first (none last), else by desk, first assignee (none last) or state.
const SORTS: Record<BoardSort, (a: ArticleListItem, b: ArticleListItem) => number> = {
  deadline: (a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || 0,
  desk: (a, b) => text(a.desk, b.desk),
  assignee: (a, b) => (a.assignees.length === 0 ? 1 : 0) - (b.assignees.length === 0 ? 1 : 0) || text(a.assignees[0] ?? '', b.assignees[0] ?? ''),
  status: (a, b) => (STATE_ORDER.get(articleState(a)) ?? 0) - (STATE_ORDER.get(articleState(b)) ?? 0),
};

/** Sorts by `sort`, then slug, headline and id (a stable order when all else ties). */
export function sortBoard(articles: ArticleListItem[], sort: BoardSort): ArticleListItem[] {
  return [...articles].sort((a, b) => SORTS[sort](a, b) || text(a.slug, b.slug) || text(a.headline, b.headline) || text(a.id, b.id));
}

/** The board of `filter.day` in `timeZone` for user `me` (a username): the stories due that day, and those with no deadline. */
export function boardGroups(articles: ArticleListItem[], filter: BoardFilter, sort: BoardSort, timeZone: string, me: string): BoardGroups {
  const shown = articles.filter((article) => matches(article, filter, me));
  return {
    scheduled: sortBoard(
      shown.filter((article) => article.deadline !== null && dayOf(article.deadline, timeZone) === filter.day),
      sort,
    ),
    unscheduled: sortBoard(
      shown.filter((article) => article.deadline === null),
      sort,
    ),
  };
}

/** Every assignee named on `articles`, sorted, for the assignee filter. */
export function assigneesOf(articles: ArticleListItem[]): string[] {
  return [...new Set(articles.flatMap((article) => article.assignees))].sort(text);
}

/** What makes two slugs the same budget line: the desk, the deadline's day (or none), the slug regardless of case and spacing. */
type SlugFacts = Pick<ArticleListItem, 'id' | 'slug' | 'deskId' | 'desk' | 'deadline'>;

// The key two stories share when their slugs clash, or null for a story without a slug.
function slugKey(article: Omit<SlugFacts, 'id'>, timeZone: string): string | null {
  const slug = article.slug.trim().toLowerCase().replace(/\s+/g, ' ');
  if (slug === '') return null;
  const desk = article.deskId ?? `name:${article.desk.trim().toLowerCase()}`;
  return JSON.stringify([desk, article.deadline === null ? null : dayOf(article.deadline, timeZone), slug]);
}

/** The other stories whose slug equals `article`'s on the same desk and deadline day (in `timeZone`). */
export function slugTwins<T extends SlugFacts & Pick<ArticleListItem, 'spiked'>>(articles: readonly T[], article: SlugFacts, timeZone: string): T[] {
  const key = slugKey(article, timeZone);
  if (key === null) return [];
  return articles.filter((other) => other.id !== article.id && !other.spiked && slugKey(other, timeZone) === key);
}

/** The ids of the stories among `articles` that share their slug with another one of the same desk and day. */
export function clashingSlugs(articles: readonly ArticleListItem[], timeZone: string): Set<string> {
  const byKey = new Map<string, string[]>();
  for (const article of articles) {
    const key = article.spiked ? null : slugKey(article, timeZone);
    if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), article.id]);
  }
  return new Set([...byKey.values()].filter((ids) => ids.length > 1).flat());
}
