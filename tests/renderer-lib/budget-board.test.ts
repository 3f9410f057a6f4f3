// The budget board's rules (renderer/src/lib/budget-board.ts): a story is on the day its deadline
// falls on in the user's zone (a deadline just after midnight in one zone is the day before in
// another), late is past the deadline and not approved, the filters narrow by desk, assignee,
// state and `My assignments`, the sorts order, and equal slugs on one desk and day are found.
import { describe, expect, it } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import { localListItem } from '../../renderer/src/lib/article-list.svelte.ts';
import { boardGroups, clashingSlugs, dayAfter, dayLabel, dayOf, slugTwins, sortBoard, type BoardFilter } from '../../renderer/src/lib/budget-board.ts';
import { storyDeadline } from '../../renderer/src/lib/story-deadline.ts';

const dana: ApiUser = { id: 'u-dana', username: 'dana', displayName: 'Dana Desk', role: 'desk', createdAt: 0 };
const story = (id: string, facts: Partial<ArticleListItem> = {}): ArticleListItem => ({ ...localListItem(id, dana, 1), headline: id, ...facts });

// 00:30 on 9 Dec in Berlin is 23:30 on 8 Dec in UTC and 18:30 on 8 Dec in New York.
const JUST_AFTER_MIDNIGHT_BERLIN = Date.UTC(2026, 11, 8, 23, 30);
const NOON_8_DEC = Date.UTC(2026, 11, 8, 12, 0);
const ALL: BoardFilter = { desk: 'all', day: '2026-12-08', assignee: 'all', status: 'all', mine: false };
const ids = (articles: ArticleListItem[]) => articles.map((a) => a.id);

describe('the day of a deadline', () => {
  it('is the calendar day in the user’s zone, so a deadline just after midnight in Berlin is the day before in New York', () => {
    expect(dayOf(JUST_AFTER_MIDNIGHT_BERLIN, 'Europe/Berlin')).toBe('2026-12-09');
    expect(dayOf(JUST_AFTER_MIDNIGHT_BERLIN, 'UTC')).toBe('2026-12-08');
    expect(dayOf(JUST_AFTER_MIDNIGHT_BERLIN, 'America/New_York')).toBe('2026-12-08');
    const articles = [story('late-night', { deadline: JUST_AFTER_MIDNIGHT_BERLIN }), story('noon', { deadline: NOON_8_DEC })];
    expect(ids(boardGroups(articles, ALL, 'deadline', 'America/New_York', 'dana').scheduled)).toEqual(['noon', 'late-night']);
    expect(ids(boardGroups(articles, ALL, 'deadline', 'Europe/Berlin', 'dana').scheduled)).toEqual(['noon']);
    expect(ids(boardGroups(articles, { ...ALL, day: '2026-12-09' }, 'deadline', 'Europe/Berlin', 'dana').scheduled)).toEqual(['late-night']);
  });

  it('moves by calendar days across month, year and clock changes, and is named Today, Tomorrow, Yesterday or by date', () => {
    expect(dayAfter('2026-12-31', 1)).toBe('2027-01-01');
    expect(dayAfter('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayAfter('2026-10-24', 1)).toBe('2026-10-25'); // clocks go back in Europe that night
    expect(dayLabel('2026-12-08', '2026-12-08')).toBe('Today');
    expect(dayLabel('2026-12-09', '2026-12-08')).toBe('Tomorrow');
    expect(dayLabel('2026-12-07', '2026-12-08')).toBe('Yesterday');
    expect(dayLabel('2026-12-11', '2026-12-08', 'en-GB')).toBe('Fri 11 Dec');
  });

  it('puts stories without a deadline in their own group, shown under any day', () => {
    const articles = [story('someday'), story('today', { deadline: NOON_8_DEC }), story('next-week', { deadline: NOON_8_DEC + 7 * 86_400_000 })];
    const groups = boardGroups(articles, ALL, 'deadline', 'UTC', 'dana');
    expect(ids(groups.scheduled)).toEqual(['today']);
    expect(ids(groups.unscheduled)).toEqual(['someday']);
  });
});

describe('late on the board', () => {
  it('is past the deadline and not approved; the text says by how much', () => {
    const due = story('a', { deadline: NOON_8_DEC });
    expect(storyDeadline(due, NOON_8_DEC - 40 * 60_000)).toEqual({ text: 'in 40 min', late: false });
    expect(storyDeadline(due, NOON_8_DEC)).toEqual({ text: 'due now', late: false });
    expect(storyDeadline(due, NOON_8_DEC + 12 * 60_000 + 30_000)).toEqual({ text: '12 min late', late: true });
    expect(storyDeadline({ ...due, status: 'approved' }, NOON_8_DEC + 12 * 60_000)).toEqual({ text: 'approved', late: false });
    expect(storyDeadline(story('b'), NOON_8_DEC)).toBeNull();
  });
});

describe('filtering and sorting the board', () => {
  const articles = [
    story('council', { desk: 'News', slug: 'COUNCIL', assignees: ['ana'], deadline: NOON_8_DEC + 3_600_000 }),
    story('derby', { desk: 'Sport', slug: 'DERBY', assignees: ['cy'], deadline: NOON_8_DEC, status: 'submitted', submittedRevision: 1 }),
    story('flood', { desk: 'News', slug: 'FLOOD', assignees: ['ana', 'cy'], deadline: NOON_8_DEC - 3_600_000 }),
    story('spiked', { desk: 'News', assignees: ['ana'], deadline: NOON_8_DEC, spiked: true }),
  ];
  const shown = (filter: Partial<BoardFilter>, me = 'dana') => ids(boardGroups(articles, { ...ALL, ...filter }, 'deadline', 'UTC', me).scheduled);

  it('narrows by desk, assignee, state and My assignments, and never shows spiked stories unless asked', () => {
    expect(shown({})).toEqual(['flood', 'derby', 'council']);
    expect(shown({ desk: 'News' })).toEqual(['flood', 'council']);
    expect(shown({ assignee: 'cy' })).toEqual(['flood', 'derby']);
    expect(shown({ status: 'submitted' })).toEqual(['derby']);
    expect(shown({ mine: true }, 'ana')).toEqual(['flood', 'council']);
    expect(shown({ mine: true }, 'dana')).toEqual([]);
    expect(shown({ status: 'spiked' })).toEqual(['spiked']);
  });

  it('sorts by deadline, desk, first assignee or state, then by slug', () => {
    const live = articles.slice(0, 3);
    expect(ids(sortBoard(live, 'deadline'))).toEqual(['flood', 'derby', 'council']);
    expect(ids(sortBoard(live, 'desk'))).toEqual(['council', 'flood', 'derby']);
    expect(ids(sortBoard([...live, story('nobody', { slug: 'A' })], 'assignee'))).toEqual(['council', 'flood', 'derby', 'nobody']);
    expect(ids(sortBoard(live, 'status'))).toEqual(['council', 'flood', 'derby']);
    expect(ids(sortBoard([story('z'), story('y', { deadline: NOON_8_DEC })], 'deadline'))).toEqual(['y', 'z']);
  });
});

describe('slugs unique per desk and day', () => {
  it('finds stories sharing a slug on the same desk and deadline day, regardless of case, and no others', () => {
    const articles = [
      story('a', { deskId: 'news', desk: 'News', slug: 'FLOOD', deadline: NOON_8_DEC }),
      story('b', { deskId: 'news', desk: 'News', slug: 'flood ', deadline: NOON_8_DEC + 3_600_000 }),
      story('c', { deskId: 'sport', desk: 'Sport', slug: 'FLOOD', deadline: NOON_8_DEC }),
      story('d', { deskId: 'news', desk: 'News', slug: 'FLOOD', deadline: NOON_8_DEC + 86_400_000 }),
      story('e', { deskId: 'news', desk: 'News', slug: 'FLOOD', deadline: NOON_8_DEC, spiked: true }),
      story('f', { deskId: 'news', desk: 'News', slug: '', deadline: NOON_8_DEC }),
      story('g', { deskId: 'news', desk: 'News', slug: '', deadline: NOON_8_DEC }),
    ];
    expect([...clashingSlugs(articles, 'UTC')].sort()).toEqual(['a', 'b']);
    expect(ids(slugTwins(articles, articles[0], 'UTC'))).toEqual(['b']);
    expect(ids(slugTwins(articles, articles[2], 'UTC'))).toEqual([]);
    // The day is the user's: 23:30 UTC on 8 Dec is 9 Dec in Berlin, the day of `d`, no longer that of `a`.
    const lateNight = story('h', { deskId: 'news', desk: 'News', slug: 'FLOOD', deadline: JUST_AFTER_MIDNIGHT_BERLIN });
    expect(ids(slugTwins(articles, lateNight, 'UTC'))).toEqual(['a', 'b']);
    expect(ids(slugTwins(articles, lateNight, 'Europe/Berlin'))).toEqual(['d']);
  });
});
