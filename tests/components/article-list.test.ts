// The story list ("the budget") as a screen reader user meets it: links, cells, labelled controls.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import ArticleListView from '../../renderer/src/components/ArticleListView.svelte';
import { userColor } from '../../renderer/src/lib/colors.ts';
import { formatDeadline } from '../../renderer/src/lib/time.ts';
import { ALL_ARTICLES, desksOf, type ArticleFilter } from '../../renderer/src/lib/article-filter.ts';
import { control, styleOf, type Element } from './dom.ts';
import { listEntry } from './list-entry.ts';
import type { DesksResponse } from '../../model/people-types.ts';

const MINUTE = 60_000;

/** Story `id` as the list gives it: a fresh draft by Ana, changed just now, then `fields`. */
function article(id: string, fields: Partial<ArticleListItem> = {}): ArticleListItem {
  return listEntry(id, {
    headline: `Story ${id}`,
    slug: id,
    createdAt: Date.now() - 60 * MINUTE,
    createdBy: 'u-ana',
    updatedAt: Date.now(),
    updatedBy: null,
    updatedByName: null,
    ...fields,
  });
}

const harbour = article('st-harbour', {
  headline: 'Harbour bridge reopens after repairs',
  byline: 'By Ana Lima',
  desk: 'News',
  status: 'submitted',
  wordCount: 1234,
  updatedAt: Date.now() - 5 * MINUTE,
  updatedBy: 'u-ben',
  updatedByName: 'Ben Okafor',
  openBy: [
    { id: 'u-ana', username: 'ana', displayName: 'Ana Lima' },
    { id: 'u-zoe', username: 'zoe', displayName: 'Zoë Adams' },
  ],
});
const budget = article('st-budget', { headline: 'Council budget approved', desk: 'Politics', status: 'approved', wordCount: 640, updatedByName: 'Mia Chen' });
const untitled = article('st-untitled', { headline: '   ', status: 'draft', wordCount: 0 });
const articles = [harbour, budget, untitled];

type Props = {
  articles: ArticleListItem[];
  total: number;
  desks: string[];
  filter: ArticleFilter;
  loaded: boolean;
  error: string | null;
  offlineSince: number | null;
  canCreate: boolean;
  canReview: boolean;
  canFile?: boolean;
  hasDesks?: boolean;
  waiting: number;
  onfilter: (filter: ArticleFilter) => void;
  oncreate: () => void;
  onimport: () => void;
  canSpike?: (article: ArticleListItem) => boolean;
  onspike?: (article: ArticleListItem) => Promise<void>;
  onunspike?: (article: ArticleListItem) => Promise<void>;
  limits?: DesksResponse | null;
};

function setup(props: Partial<Props> = {}) {
  const all: Props = {
    articles,
    total: props.articles?.length ?? articles.length,
    desks: desksOf(articles),
    filter: { ...ALL_ARTICLES },
    loaded: true,
    error: null,
    offlineSince: null,
    canCreate: true,
    canReview: false,
    waiting: 0,
    onfilter: vi.fn(),
    oncreate: vi.fn(),
    onimport: vi.fn(),
    ...props,
  };
  const result = render(ArticleListView, all);
  return { ...all, ...result };
}

/** The table row of the story whose link matches `name`. */
const rowOf = (name: string | RegExp): Element => screen.getByRole('link', { name }).closest('tr')!;
/** A row's cells, as text, in column order. */
const cellsOf = (row: Element) => within(row).getAllByRole('cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());

describe('ArticleListView', () => {
  it('is the "Stories" page with a table of stories', () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Stories' })).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Story', 'Status', 'Desk', 'Words', 'Deadline', 'Last change', 'Open now']);
    // One header row and one row per story.
    expect(screen.getAllByRole('row')).toHaveLength(1 + articles.length);
  });

  it('shows each story as a link named by its headline that opens it', () => {
    setup();
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['Harbour bridge reopens after repairs', 'Council budget approved', 'Untitled story']);
    expect(screen.getByRole('link', { name: /Harbour bridge reopens/ }).getAttribute('href')).toBe('#/stories/st-harbour');
    expect(screen.getByRole('link', { name: /Council budget/ }).getAttribute('href')).toBe('#/stories/st-budget');
  });

  it('calls a story with an empty (or blank) headline "Untitled story"', () => {
    setup({ articles: [article('st-empty', { headline: '' }), untitled] });
    const links = screen.getAllByRole('link', { name: 'Untitled story' });
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#/stories/st-empty', '#/stories/st-untitled']);
  });

  it('shows status, desk, byline and word count in the story’s row', () => {
    setup();
    const row = rowOf(/Harbour bridge/);
    const [articleCell, status, desk, words] = cellsOf(row);
    expect(articleCell).toBe('Harbour bridge reopens after repairs By Ana Lima');
    expect(status).toBe('Submitted');
    expect(desk).toBe('News');
    expect(words).toBe((1234).toLocaleString());

    const [, budgetStatus, budgetDesk, budgetWords] = cellsOf(rowOf(/Council budget/));
    expect([budgetStatus, budgetDesk, budgetWords]).toEqual(['Approved', 'Politics', '640']);
  });

  it('shows a dash for a story without a desk, and no byline when there is none', () => {
    setup();
    const [articleCell, status, desk, words] = cellsOf(rowOf('Untitled story'));
    expect(articleCell).toBe('Untitled story');
    expect(status).toBe('Draft');
    expect(desk).toBe('—');
    expect(words).toBe('0');
  });

  it('shows words against the target and the time left to the deadline, moving on by itself; a late story stands out', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const start = Date.UTC(2026, 11, 7, 15, 0);
      vi.setSystemTime(start);
      setup({
        articles: [
          article('st-due', { headline: 'Due story', wordCount: 350, targetWords: 600, deadline: start + 40 * MINUTE }),
          article('st-late', { headline: 'Late story', wordCount: 700, targetWords: 600, deadline: start - 12 * MINUTE }),
          article('st-filed', { headline: 'Filed story', wordCount: 600, targetWords: 600, deadline: start - 12 * MINUTE, status: 'approved', approvedRevision: 1 }),
        ],
      });
      const cells = (name: string) => cellsOf(rowOf(name)).slice(3, 5);
      expect(cells('Due story')).toEqual(['350 / 600', 'in 40 min']);
      expect(cells('Late story')).toEqual(['700 / 600', '12 min late']);
      const lateCell = within(rowOf('Late story')).getByText('12 min late');
      expect(lateCell.classList.contains('late')).toBe(true);
      expect(within(rowOf('Due story')).getByText('in 40 min').classList.contains('late')).toBe(false);
      // An approved story past its deadline is filed, not late: the list and the board agree.
      expect(cells('Filed story')).toEqual(['600 / 600', 'approved']);
      expect(within(rowOf('Filed story')).getByText('approved').classList.contains('late')).toBe(false);
      expect(lateCell.getAttribute('title')).toBe(formatDeadline(start - 12 * MINUTE, Intl.DateTimeFormat().resolvedOptions().timeZone));
      await vi.advanceTimersByTimeAsync(41 * MINUTE);
      expect(cells('Due story')).toEqual(['350 / 600', '1 min late']);
      expect(within(rowOf('Due story')).getByText('1 min late').classList.contains('late')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows words against the desk’s limit when no target is set, and marks a story past the limit', () => {
    const news = { id: 'd-news', name: 'News', archived: false, createdAt: 1, limits: { headlineChars: 80, bodyWords: 600 } };
    setup({
      articles: [
        article('st-within', { headline: 'Within story', wordCount: 350, deskId: 'd-news' }),
        article('st-over', { headline: 'Over story', wordCount: 650, deskId: 'd-news' }),
        article('st-target', { headline: 'Target story', wordCount: 650, targetWords: 700, deskId: 'd-news' }),
        article('st-default', { headline: 'Default story', wordCount: 1_300 }),
      ],
      limits: { desks: [news], defaultLimits: { headlineChars: null, bodyWords: 1_200 } },
    });
    const words = (name: string) => cellsOf(rowOf(name))[3];
    expect(words('Within story')).toBe('350 / 600');
    expect(words('Over story')).toBe('650 / 600 over');
    // The target is what the cell reads against; the mark is the desk's limit's.
    expect(words('Target story')).toBe('650 / 700 over');
    expect(words('Default story')).toBe(`${(1300).toLocaleString()} / ${(1200).toLocaleString()} over`);
    const over = within(rowOf('Over story')).getAllByRole('cell')[3];
    expect(over.classList.contains('over')).toBe(true);
    expect(over.getAttribute('title')).toBe("Words: 650 words, 50 over the News desk's 600");
    expect(within(rowOf('Within story')).getAllByRole('cell')[3].classList.contains('over')).toBe(false);
  });

  it('marks killed and held stories and counts down to an embargo’s lifting, moving on by itself', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const start = Date.UTC(2026, 11, 7, 15, 0);
      vi.setSystemTime(start);
      const mark = { note: 'Court order', byName: 'Dana', at: start };
      setup({
        articles: [
          article('st-embargo', { headline: 'Embargoed story', embargoUntil: start + (2 * 60 + 10) * MINUTE }),
          article('st-held', { headline: 'Held story', hold: mark }),
          article('st-killed', { headline: 'Killed story', hold: mark, killed: { ...mark, note: 'Libel risk' }, embargoUntil: start + MINUTE }),
        ],
      });
      const headline = (name: string) => cellsOf(rowOf(name))[0];
      expect(headline('Embargoed story')).toBe('Embargoed story embargo lifts in 2 h 10 min');
      expect(within(rowOf('Embargoed story')).getByText('embargo lifts in 2 h 10 min').getAttribute('title')).toMatch(/^Embargoed until .*\(.+\)$/);
      expect(headline('Held story')).toBe('Held story Hold');
      expect(within(rowOf('Held story')).getByText('Hold').getAttribute('title')).toBe('Legal hold: Court order. Do not publish.');
      expect(headline('Killed story')).toBe('Killed story Killed');
      expect(within(rowOf('Killed story')).getByText('Killed').getAttribute('title')).toBe('Killed: Libel risk. Do not use.');
      await vi.advanceTimersByTimeAsync(2 * 60 * MINUTE);
      expect(headline('Embargoed story')).toBe('Embargoed story embargo lifts in 10 min');
      await vi.advanceTimersByTimeAsync(11 * MINUTE);
      expect(headline('Embargoed story')).toBe('Embargoed story');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the story last changed and by whom', () => {
    setup();
    expect(cellsOf(rowOf(/Harbour bridge/))[5]).toBe('5 min ago by Ben Okafor');
    expect(cellsOf(rowOf(/Council budget/))[5]).toBe('just now by Mia Chen');
    expect(cellsOf(rowOf('Untitled story'))[5]).toBe('just now');
  });

  it('lists who has a story open now, by name', () => {
    setup();
    const row = rowOf(/Harbour bridge/);
    const open = within(row).getByRole('list', { name: 'Open now by Ana Lima, Zoë Adams' });
    const people = within(open).getAllByRole('listitem');
    expect(people.map((li) => li.getAttribute('title'))).toEqual(['Ana Lima', 'Zoë Adams']);
    // Avatars: initials in each user's own colour.
    expect(people.map((li) => li.textContent)).toEqual(['AL', 'ZA']);
    const swatch = people[0].querySelector('.avatar')!;
    const hex = userColor('u-ana');
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(styleOf(swatch).backgroundColor).toBe(rgb);
    // Nobody in the other stories: no list at all.
    expect(within(rowOf(/Council budget/)).queryByRole('list')).toBeNull();
  });

  it('has a search field labelled "Search stories" that reports the query', async () => {
    const { onfilter } = setup({ filter: { status: 'draft', desk: 'News', query: '', mine: false } });
    const search = screen.getByRole('searchbox', { name: 'Search stories' });
    await fireEvent.input(search, { target: { value: 'harbour bridge' } });
    expect(onfilter).toHaveBeenCalledTimes(1);
    // The rest of the filter is kept.
    expect(onfilter).toHaveBeenLastCalledWith({ status: 'draft', desk: 'News', query: 'harbour bridge', mine: false });
  });

  it('shows the current query in the search field', () => {
    setup({ filter: { ...ALL_ARTICLES, query: 'budget' } });
    expect(control(screen.getByRole('searchbox', { name: 'Search stories' })).value).toBe('budget');
  });

  it('has a Status filter with every state a story can be in that reports the choice', async () => {
    const { onfilter } = setup({ filter: { ...ALL_ARTICLES, query: 'x' } });
    const selectElement = screen.getByRole('combobox', { name: 'Status' });
    const select = control(selectElement);
    expect(within(selectElement).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All',
      'Draft',
      'Sent back',
      'Submitted',
      'Approved',
      'Approved · changed since',
      'Spiked',
    ]);
    expect(select.value).toBe('all');
    await fireEvent.change(select, { target: { value: 'submitted' } });
    expect(onfilter).toHaveBeenLastCalledWith({ status: 'submitted', desk: 'all', query: 'x', mine: false });
  });

  it('has a Desk filter with the desks in use that reports the choice', async () => {
    const { onfilter } = setup({ filter: { ...ALL_ARTICLES, status: 'draft' } });
    const selectElement = screen.getByRole('combobox', { name: 'Desk' });
    const select = control(selectElement);
    expect(within(selectElement).getAllByRole('option').map((o) => o.textContent)).toEqual(['All desks', 'News', 'Politics']);
    await fireEvent.change(select, { target: { value: 'Politics' } });
    expect(onfilter).toHaveBeenLastCalledWith({ status: 'draft', desk: 'Politics', query: '', mine: false });
  });

  it('shows the filter in effect in the selects', () => {
    setup({ filter: { status: 'approved', desk: 'Politics', query: '', mine: false }, articles: [budget], total: 3 });
    expect(control(screen.getByRole('combobox', { name: 'Status' })).value).toBe('approved');
    expect(control(screen.getByRole('combobox', { name: 'Desk' })).value).toBe('Politics');
  });

  it('offers "My desks" only to someone on a desk, pressed while chosen, and reports the choice', async () => {
    setup();
    expect(screen.queryByRole('button', { name: 'My desks' })).toBeNull();
    cleanup();
    const { onfilter } = setup({ hasDesks: true, filter: { ...ALL_ARTICLES, status: 'queue' } });
    const mine = screen.getByRole('button', { name: 'My desks' });
    expect(mine.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(mine);
    expect(onfilter).toHaveBeenLastCalledWith({ ...ALL_ARTICLES, status: 'queue', mine: true });
    cleanup();
    setup({ hasDesks: true, filter: { ...ALL_ARTICLES, mine: true } });
    expect(screen.getByRole('button', { name: 'My desks' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('labels a restricted story "Restricted" beside its headline, and no other', () => {
    setup({ articles: [{ ...budget, restricted: true, people: ['ed'] }, harbour] });
    expect(within(rowOf('Council budget approved')).getByText('Restricted')).toBeTruthy();
    expect(within(rowOf(/Harbour bridge/)).queryByText('Restricted')).toBeNull();
  });

  it('counts the stories shown out of all of them, politely announced', () => {
    setup({ articles: [budget], total: 3 });
    const count = screen.getByText('1 of 3');
    expect(count.getAttribute('aria-live')).toBe('polite');
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });

  it('says there are no stories yet when the newsroom has none', () => {
    setup({ articles: [], total: 0, desks: [] });
    expect(screen.getByText('No stories yet. Start one with “New story”.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('0 of 0')).toBeTruthy();
  });

  it('says nothing matches when the filters hide every story', () => {
    setup({ articles: [], total: 3, filter: { ...ALL_ARTICLES, query: 'volcano' } });
    expect(screen.getByText('No story matches these filters.')).toBeTruthy();
    expect(screen.queryByText(/No stories yet/)).toBeNull();
    expect(screen.getByText('0 of 3')).toBeTruthy();
  });

  it('does not claim the newsroom is empty before the list has loaded', () => {
    setup({ articles: [], total: 0, loaded: false });
    expect(screen.queryByText(/No stories yet/)).toBeNull();
    expect(screen.queryByText(/No story matches/)).toBeNull();
  });

  it('has "New story" and "Import text…" buttons that call oncreate and onimport', async () => {
    const { oncreate, onimport } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'New story' }));
    expect(oncreate).toHaveBeenCalledTimes(1);
    expect(onimport).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Import text…' }));
    expect(onimport).toHaveBeenCalledTimes(1);
    expect(oncreate).toHaveBeenCalledTimes(1);
  });

  it('has no "New story" or "Import text…" for someone who cannot create stories', () => {
    setup({ canCreate: false });
    expect(screen.queryByRole('button', { name: 'New story' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Import text/ })).toBeNull();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('does not point someone who cannot create stories at a "New story" button they do not have', () => {
    setup({ canCreate: false, articles: [], total: 0, desks: [] });
    expect(screen.getByText('No stories yet.')).toBeTruthy();
    expect(screen.queryByText(/New story/)).toBeNull();
  });

  it('shows a load error as an alert', () => {
    setup({ error: 'cannot reach the server at http://127.0.0.1:4455' });
    expect(screen.getByRole('alert').textContent).toBe('Could not load the stories: cannot reach the server at http://127.0.0.1:4455');
    // Stories already loaded stay visible.
    expect(screen.getAllByRole('link')).toHaveLength(3);
  });

  it('does not say "No stories yet" when the list could not be loaded at all', () => {
    setup({ error: 'cannot reach the server at http://127.0.0.1:4455', articles: [], total: 0, desks: [] });
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.queryByText(/No stories yet/)).toBeNull();
  });

  it('has no alert when all is well', () => {
    setup();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('updates when the list changes', async () => {
    const { rerender } = setup({ articles: [budget], total: 1 });
    expect(screen.getAllByRole('link')).toHaveLength(1);
    await rerender({ articles: [harbour, budget], total: 2 });
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual(['Harbour bridge reopens after repairs', 'Council budget approved']);
    expect(screen.getByText('2 of 2')).toBeTruthy();
  });

  it('offers editors a review queue that filters to the queue and says how many wait', async () => {
    const { onfilter } = setup({ canReview: true, waiting: 2 });
    const queue = screen.getByRole('button', { name: /Review queue/ });
    expect(queue.textContent).toContain('2');
    expect(queue.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(queue);
    expect(onfilter).toHaveBeenCalledWith({ ...ALL_ARTICLES, status: 'queue' });
  });

  it('offers those who file stories a review queue too (their stories sent back), and none to those who do neither', () => {
    setup({ canReview: false, canFile: true, waiting: 1 });
    expect(screen.getByRole('button', { name: /Review queue/ }).textContent).toContain('1');
    cleanup();
    setup({ canReview: false });
    expect(screen.queryByRole('button', { name: /Review queue/ })).toBeNull();
  });

  it('says an empty review queue is empty, in its own words', () => {
    setup({ canReview: true, articles: [], total: 3, waiting: 0, filter: { ...ALL_ARTICLES, status: 'queue' } });
    expect(screen.getByText('The review queue is empty: no story is waiting for approval.')).toBeTruthy();
    expect(screen.queryByText(/No story matches/)).toBeNull();
    expect(screen.getByRole('button', { name: /Review queue/ }).getAttribute('aria-pressed')).toBe('true');
    cleanup();
    setup({ canReview: false, canFile: true, articles: [], total: 3, waiting: 0, filter: { ...ALL_ARTICLES, status: 'queue' } });
    expect(screen.getByText('The review queue is empty: none of your stories has been sent back.')).toBeTruthy();
    cleanup();
    setup({ canReview: true, articles: [], total: 3, waiting: 2, filter: { ...ALL_ARTICLES, status: 'queue', query: 'volcano' } });
    expect(screen.getByText('No story in the review queue matches these filters.')).toBeTruthy();
  });

  it('shows a sent-back story as Sent back, with the editor’s note on hover', () => {
    const sentBack = article('st-back', {
      headline: 'Sent back story',
      sentBack: { revision: 2, note: 'Check the figures', byName: 'Ed Marsh', at: Date.now(), authorId: 'u-ana' },
    });
    setup({ articles: [sentBack] });
    const pill = within(rowOf(/Sent back story/)).getByText('Sent back');
    expect(pill.getAttribute('title')).toBe('Sent back by Ed Marsh: “Check the figures”');
  });

  it('shows an approved story changed since as Approved · changed since, with the approved and the current word counts', () => {
    const changed = article('st-changed', { headline: 'Changed story', status: 'approved', approvedRevision: 3, approvedWordCount: 412, wordCount: 455, changedSinceApproval: true });
    setup({ articles: [changed, budget] });
    expect(cellsOf(rowOf(/Changed story/))[1]).toBe('Approved · changed since 412 words approved · 455 now');
    expect(within(rowOf(/Changed story/)).getByText('Approved · changed since').getAttribute('title')).toBe(
      'Revision 3 is approved (412 words); the draft has changed since (455 words now).',
    );
    expect(cellsOf(rowOf(/Council budget/))[1]).toBe('Approved');
  });

  it('spikes a story from its row, says so with an Undo that restores it', async () => {
    const onspike = vi.fn(async () => undefined);
    const onunspike = vi.fn(async () => undefined);
    setup({ canSpike: (s) => s.id !== 'st-budget', onspike, onunspike });
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Story', 'Status', 'Desk', 'Words', 'Deadline', 'Last change', 'Open now', 'Actions']);
    expect(within(rowOf(/Council budget/)).queryByRole('button')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Spike “Harbour bridge reopens after repairs”' }));
    expect(onspike).toHaveBeenCalledWith(harbour);
    const notice = (await screen.findByText(/Spiked “Harbour bridge reopens after repairs”/)).closest('p')!;
    expect(notice.getAttribute('role')).toBe('status');
    await fireEvent.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(onunspike).toHaveBeenCalledWith(harbour);
    await waitFor(() => expect(screen.queryByText(/Spiked “Harbour/)).toBeNull());
  });

  it('offers Restore on a spiked story, and says why when spiking fails', async () => {
    const spiked = article('st-spiked', { headline: 'Spiked story', spiked: true });
    const onunspike = vi.fn(async () => undefined);
    const onspike = vi.fn(async () => Promise.reject(new Error('Only an editor can spike an approved story.')));
    setup({ articles: [spiked, harbour], filter: { ...ALL_ARTICLES, status: 'spiked' }, canSpike: () => true, onspike, onunspike });
    expect(within(rowOf(/Spiked story/)).getByText('Spiked')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Restore “Spiked story”' }));
    expect(onunspike).toHaveBeenCalledWith(spiked);
    await fireEvent.click(screen.getByRole('button', { name: 'Spike “Harbour bridge reopens after repairs”' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not spike the story: Only an editor can spike an approved story.');
  });

  it('says when no story is spiked', () => {
    setup({ articles: [], total: 3, filter: { ...ALL_ARTICLES, status: 'spiked' } });
    expect(screen.getByText('No story is spiked.')).toBeTruthy();
  });
});
