// Who has which story open, across the newsroom: the people in this instance's rooms, and what
// each other instance last said of its own (over the newsroom channel, see list-changes.ts).
// An instance that falls silent (it died) is forgotten after a while.
import type { OpenBy } from '../../model/api-types.ts';
import { capText, LIST_OPEN_BY_MAX, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import type { Rooms } from '../collab/rooms.ts';
import type { User } from '../storage/store.ts';

/** Stories and who has each open: what an instance tells the others. */
export type PresenceMap = Record<string, OpenBy[]>;

/** A user as the story list shows them among those who have a story open (names capped). */
export const openByOf = ({ id, username, displayName }: User | OpenBy): OpenBy => ({
  id,
  username: capText(username, LIST_TEXT_MAX),
  displayName: capText(displayName, LIST_TEXT_MAX),
});

const sameIds = (a: OpenBy[] | undefined, b: OpenBy[] | undefined) => (a ?? []).map((u) => u.id).join() === (b ?? []).map((u) => u.id).join();

/** This instance's presence and the others' last word on theirs. */
export class NewsroomPresence {
  private readonly remote = new Map<string, { heardAt: number; articles: Map<string, OpenBy[]> }>();

  constructor(
    private readonly rooms: Pick<Rooms, 'get' | 'presence'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Who has story `articleId` open on this instance. */
  local(articleId: string): OpenBy[] {
    return (this.rooms.get(articleId)?.users() ?? []).slice(0, LIST_OPEN_BY_MAX).map(openByOf);
  }

  /** Every story someone has open on this instance, with who. */
  localAll(): PresenceMap {
    const all: PresenceMap = {};
    for (const [articleId, users] of this.rooms.presence()) if (users.length > 0) all[articleId] = users.slice(0, LIST_OPEN_BY_MAX).map(openByOf);
    return all;
  }

  /** Everyone who has story `articleId` open on any instance, once each, at most LIST_OPEN_BY_MAX. */
  openBy(articleId: string): OpenBy[] {
    const byId = new Map(this.local(articleId).map((u) => [u.id, u]));
    for (const { articles } of this.remote.values()) {
      for (const user of articles.get(articleId) ?? []) if (!byId.has(user.id)) byId.set(user.id, user);
    }
    return [...byId.values()].slice(0, LIST_OPEN_BY_MAX);
  }

  /**
   * Notes what instance `from` said of its presence: all of it (`full`: stories it leaves out
   * have nobody there) or some stories only. Returns the stories whose people there changed.
   */
  heard(from: string, articles: PresenceMap, full: boolean): string[] {
    const known = this.remote.get(from) ?? { heardAt: 0, articles: new Map<string, OpenBy[]>() };
    known.heardAt = this.now();
    this.remote.set(from, known);
    const changed: string[] = [];
    const set = (articleId: string, users: OpenBy[]) => {
      if (sameIds(known.articles.get(articleId), users)) return;
      changed.push(articleId);
      if (users.length === 0) known.articles.delete(articleId);
      else known.articles.set(articleId, users.slice(0, LIST_OPEN_BY_MAX).map(openByOf));
    };
    if (full) for (const articleId of [...known.articles.keys()]) if (!(articleId in articles)) set(articleId, []);
    for (const [articleId, users] of Object.entries(articles)) set(articleId, users);
    if (known.articles.size === 0 && full) this.remote.delete(from);
    return changed;
  }

  /** Forgets the instances not heard from since `before`; returns the stories they had people in. */
  forgetSilent(before: number): string[] {
    const gone: string[] = [];
    for (const [instance, { heardAt, articles }] of this.remote) {
      if (heardAt >= before) continue;
      this.remote.delete(instance);
      gone.push(...articles.keys());
    }
    return gone;
  }
}
