// The budget board as a desk editor and a screen reader meet it: the day's stories with slug,
// headline, assignees, state, words against target, deadline and time left (a late one stands
// out in words and colour), who is in it, unsent work here; the stories without a deadline under
// `Unscheduled`; the pickers narrow it; a shared slug is marked on both stories; a change to the
// list shows at once; offline it says whose unsent work it cannot know.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import BudgetBoard from '../../renderer/src/components/BudgetBoard.svelte';
import { listEntry } from './list-entry.ts';
import { control, type Element } from './dom.ts';

afterEach(cleanup);

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 7, 15, 0); // Mon 7 Dec, 16:00 in Berlin
const TOMORROW_NOON = Date.UTC(2026, 11, 8, 11, 0); // Tue 8 Dec, 12:00 in Berlin
const story = listEntry;

const ARTICLES = [
  story('council', { headline: 'Council passes the budget', slug: 'COUNCIL', desk: 'News', deskId: 'news', assignees: ['ana'], deadline: TOMORROW_NOON, wordCount: 420, targetWords: 600 }),
  story('flood', {
    headline: 'River flood warning',
    slug: 'FLOOD',
    desk: 'News',
    deskId: 'news',
    assignees: ['bo'],
    deadline: TOMORROW_NOON + 2 * 60 * MINUTE,
    openBy: [{ id: 'u-bo', username: 'bo', displayName: 'Bo Lee' }],
  }),
  story('flood-2', { headline: 'Flood: the map', slug: 'flood', desk: 'News', deskId: 'news', deadline: TOMORROW_NOON - 60 * MINUTE }),
  story('derby', { headline: 'Derby ends level', slug: 'DERBY', desk: 'Sport', deskId: 'sport', assignees: ['ana'], deadline: TOMORROW_NOON }),
  story('tram', { headline: 'Tram strike called off', slug: 'TRAM', desk: 'News', deskId: 'news', assignees: ['bo'], deadline: NOW - 12 * MINUTE - 5000 }),
  story('feature', { headline: 'A winter feature', slug: 'WINTER', desk: 'News', deskId: 'news' }),
];

function show(props: Partial<{ articles: ArticleListItem[]; offlineSince: number | null; me: string }> = {}) {
  return render(BudgetBoard, {
    articles: ARTICLES,
    me: 'dana',
    unsent: (id: string) => id === 'flood',
    loaded: true,
    error: null,
    offlineSince: null,
    timeZone: 'Europe/Berlin',
    clock: () => NOW,
    ...props,
  });
}

const table = (name: RegExp | string) => screen.getByRole('table', { name });
const rowOf = (slug: string) => screen.getByRole('rowheader', { name: new RegExp(`^${slug}`) }).closest('tr') as Element;
const slugs = (within_: Element) => within(within_).queryAllByRole('rowheader').map((cell) => cell.textContent?.trim().split(/\s+/)[0]);

describe('the budget board', () => {
  it('shows today’s stories first, a late one standing out in words and colour, and those without a deadline under Unscheduled', () => {
    show();
    expect(screen.getByRole('heading', { level: 1, name: 'Budget' })).toBeTruthy();
    expect(slugs(table(/^Today/))).toEqual(['TRAM']);
    const tram = rowOf('TRAM');
    expect(within(tram).getByText('12 min late')).toBeTruthy();
    expect(tram.className).toContain('late');
    expect(screen.getByRole('heading', { name: /^Today.*1 late/ })).toBeTruthy();
    expect(slugs(table(/^Unscheduled/))).toEqual(['WINTER']);
  });

  it('shows tomorrow’s budget with slugs, headlines, assignees, words against target, time left, who is in it and unsent work here', async () => {
    show();
    await fireEvent.click(screen.getByRole('button', { name: 'Tomorrow' }));
    const day = table(/^Tomorrow · Tue/);
    expect(slugs(day)).toEqual(['flood', 'COUNCIL', 'DERBY', 'FLOOD']);
    const council = rowOf('COUNCIL');
    expect(within(council).getByRole('link', { name: 'Council passes the budget' }).getAttribute('href')).toBe('#/stories/council');
    expect(within(council).getByText('ana')).toBeTruthy();
    expect(within(council).getByText('420 / 600')).toBeTruthy();
    expect(within(council).getByText('12:00')).toBeTruthy();
    expect(within(council).getByText('in 20 h')).toBeTruthy();
    expect(within(council).getByText('Draft')).toBeTruthy();
    expect(council.className).not.toContain('late');
    const flood = screen.getByRole('link', { name: 'River flood warning' }).closest('tr') as Element;
    expect(within(flood).getByRole('list', { name: 'Open now by Bo Lee' })).toBeTruthy();
    expect(within(flood).getByText('Unsent here')).toBeTruthy();
    expect(within(council).queryByText('Unsent here')).toBeNull();
    // FLOOD and flood on the News desk the same day: both marked; COUNCIL is not.
    expect(within(flood).getByText('Slug shared')).toBeTruthy();
    expect(within(screen.getByRole('link', { name: 'Flood: the map' }).closest('tr') as Element).getByText('Slug shared')).toBeTruthy();
    expect(within(council).queryByText('Slug shared')).toBeNull();
  });

  it('narrows by desk, assignee, state and My assignments, picks any date, and sorts', async () => {
    show({ me: 'ana' });
    await fireEvent.click(screen.getByRole('button', { name: 'Tomorrow' }));
    await fireEvent.change(screen.getByRole('combobox', { name: 'Desk' }), { target: { value: 'Sport' } });
    expect(slugs(table(/^Tomorrow/))).toEqual(['DERBY']);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Desk' }), { target: { value: 'all' } });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Assignee' }), { target: { value: 'bo' } });
    expect(slugs(table(/^Tomorrow/))).toEqual(['FLOOD']);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Assignee' }), { target: { value: 'all' } });
    await fireEvent.click(screen.getByRole('button', { name: 'My assignments' }));
    expect(screen.getByRole('button', { name: 'My assignments' }).getAttribute('aria-pressed')).toBe('true');
    expect(slugs(table(/^Tomorrow/))).toEqual(['COUNCIL', 'DERBY']);
    await fireEvent.click(screen.getByRole('button', { name: 'My assignments' }));
    await fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'desk' } });
    expect(slugs(table(/^Tomorrow/))).toEqual(['COUNCIL', 'flood', 'FLOOD', 'DERBY']);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'submitted' } });
    expect(screen.queryByRole('table', { name: /^Tomorrow/ })).toBeNull();
    expect(screen.getByText('No story is due this day.')).toBeTruthy();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'all' } });
    await fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-12-10' } });
    expect(control(screen.getByLabelText('Date')).value).toBe('2026-12-10');
    expect(screen.getByRole('heading', { name: /^Thu/ })).toBeTruthy();
  });

  it('takes in a change of the list at once, and offline says the board is the last copy and whose unsent work it cannot know', async () => {
    const { rerender } = show();
    await rerender({ articles: [...ARTICLES, story('fire', { headline: 'Warehouse fire', slug: 'FIRE', desk: 'News', deadline: NOW + 40 * MINUTE })] });
    expect(slugs(table(/^Today/))).toEqual(['TRAM', 'FIRE']);
    expect(within(rowOf('FIRE')).getByText('in 40 min')).toBeTruthy();
    await rerender({ offlineSince: NOW - 5 * MINUTE });
    expect(screen.getByRole('status').textContent).toMatch(/^Offline — the board as it was 5 min ago\. Others’ unsent offline work shows once they reconnect\./);
  });
  it('marks a killed and a held story and counts down to an embargo’s lifting, as the list does', () => {
    const mark = { note: 'Court order', byName: 'Dana', at: NOW };
    show({
      articles: [
        story('lift', { headline: 'Results at six', slug: 'RESULTS', deadline: NOW + 30 * MINUTE, embargoUntil: NOW + (2 * 60 + 10) * MINUTE }),
        story('held', { headline: 'The trial', slug: 'TRIAL', deadline: NOW + 40 * MINUTE, hold: mark }),
        story('dead', { headline: 'Wrong story', slug: 'WRONG', deadline: NOW + 50 * MINUTE, killed: mark, embargoUntil: NOW + MINUTE }),
      ],
    });
    expect(within(rowOf('RESULTS')).getByText('embargo lifts in 2 h 10 min')).toBeTruthy();
    expect(within(rowOf('TRIAL')).getByText('Hold').getAttribute('title')).toBe('Legal hold: Court order. Do not publish.');
    expect(within(rowOf('WRONG')).getByText('Killed')).toBeTruthy();
    // A killed story's embargo no longer counts down.
    expect(within(rowOf('WRONG')).queryByText(/embargo lifts/)).toBeNull();
  });
});
