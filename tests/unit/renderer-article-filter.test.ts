// Story list filtering: status, desk and an accent- and case-insensitive headline search.
import { describe, expect, it } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import { ALL_ARTICLES, desksOf, filterArticles, reviewQueue, type ArticleFilter } from '../../renderer/src/lib/article-filter.ts';
import { listEntry } from '../components/list-entry.ts';

/** Story `id` as the list gives it, then `fields`. */
function article(id: string, fields: Partial<ArticleListItem> = {}): ArticleListItem {
  return listEntry(id, { slug: id, createdAt: 0, createdBy: 'u1', updatedAt: 0, updatedBy: null, updatedByName: null, ...fields });
}

const articles = [
  article('a', { headline: 'Harbour bridge reopens after repairs', desk: 'News', status: 'draft' }),
  article('b', { headline: 'Café owners protest new rules', desk: 'Business', status: 'submitted' }),
  article('c', { headline: 'ÉLECTIONS: the results are in', desk: 'Politics', status: 'approved' }),
  article('d', { headline: 'Bridge club wins the cup', desk: 'Sport', status: 'draft', byline: 'By Harbour Reporter' }),
  article('e', { headline: '', desk: '', status: 'submitted' }),
  article('f', { headline: 'Naïve budget plans', desk: 'Business', status: 'draft' }),
];

const ids = (filter: Partial<ArticleFilter>) => filterArticles(articles, { ...ALL_ARTICLES, ...filter }).map((s) => s.id);

describe('filterStories', () => {
  it('shows everything with the default filter, in the given order', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('does not change the filter constant or the input list', () => {
    const before = JSON.stringify(articles);
    filterArticles(articles, { status: 'draft', desk: 'News', query: 'bridge', mine: false });
    expect(JSON.stringify(articles)).toBe(before);
    expect(ALL_ARTICLES).toEqual({ status: 'all', desk: 'all', query: '', mine: false });
  });

  it('filters by status', () => {
    expect(ids({ status: 'draft' })).toEqual(['a', 'd', 'f']);
    expect(ids({ status: 'submitted' })).toEqual(['b', 'e']);
    expect(ids({ status: 'approved' })).toEqual(['c']);
  });

  it('filters by desk, exactly', () => {
    expect(ids({ desk: 'Business' })).toEqual(['b', 'f']);
    expect(ids({ desk: 'business' })).toEqual([]);
    expect(ids({ desk: 'Weather' })).toEqual([]);
  });

  it('combines status, desk and query', () => {
    expect(ids({ status: 'draft', desk: 'Business' })).toEqual(['f']);
    expect(ids({ status: 'submitted', desk: 'Business', query: 'cafe' })).toEqual(['b']);
    expect(ids({ status: 'draft', desk: 'Business', query: 'cafe' })).toEqual([]);
  });

  it('searches headlines regardless of case', () => {
    expect(ids({ query: 'BRIDGE' })).toEqual(['a', 'd']);
    expect(ids({ query: 'harbour' })).toEqual(['a']); // not the byline of d
  });

  it('searches regardless of accents, both ways', () => {
    expect(ids({ query: 'cafe' })).toEqual(['b']);
    expect(ids({ query: 'café' })).toEqual(['b']);
    expect(ids({ query: 'elections' })).toEqual(['c']);
    expect(ids({ query: 'naive' })).toEqual(['f']);
    // A decomposed "é" (e + combining accent) matches too.
    expect(ids({ query: 'cafe\u0301' })).toEqual(['b']);
  });

  it('needs every word of a multi-word query, in any order, as parts of words', () => {
    expect(ids({ query: 'bridge repairs' })).toEqual(['a']);
    expect(ids({ query: 'repairs bridge' })).toEqual(['a']);
    expect(ids({ query: 'brid reop' })).toEqual(['a']);
    expect(ids({ query: 'bridge cup' })).toEqual(['d']);
    expect(ids({ query: 'bridge weather' })).toEqual([]);
  });

  it('ignores surrounding and repeated whitespace; a blank query matches all', () => {
    expect(ids({ query: '   bridge    club  ' })).toEqual(['d']);
    expect(ids({ query: '   ' })).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('does not match an untitled story by any word', () => {
    expect(ids({ query: 'untitled' })).toEqual([]);
  });
});

describe('filterStories: states, spiked stories and the review queue', () => {
  const sentBack = { revision: 1, note: 'Check the figures', byName: 'Ed', at: 1, authorId: 'u-ben' };
  const more = [
    article('draft'),
    article('back', { sentBack }),
    article('waiting', { status: 'submitted' }),
    article('approved', { status: 'approved' }),
    article('changed', { status: 'approved', changedSinceApproval: true }),
    article('spiked', { spiked: true, status: 'submitted' }),
  ];
  const shown = (filter: Partial<ArticleFilter>, viewer?: { id: string; canApprove: boolean }) =>
    filterArticles(more, { ...ALL_ARTICLES, ...filter }, viewer).map((s) => s.id);

  it('leaves spiked stories out of every view but Spiked', () => {
    expect(shown({})).toEqual(['draft', 'back', 'waiting', 'approved', 'changed']);
    expect(shown({ status: 'submitted' })).toEqual(['waiting']);
    expect(shown({ status: 'spiked' })).toEqual(['spiked']);
  });

  it('tells sent-back stories from drafts, and approved from approved-changed (Approved covers both)', () => {
    expect(shown({ status: 'draft' })).toEqual(['draft']);
    expect(shown({ status: 'sent-back' })).toEqual(['back']);
    expect(shown({ status: 'approved' })).toEqual(['approved', 'changed']);
    expect(shown({ status: 'approved-changed' })).toEqual(['changed']);
  });

  it('shows the review queue of whoever looks: awaiting approval for an editor, their sent-back stories for an author', () => {
    expect(shown({ status: 'queue' }, { id: 'u-ed', canApprove: true })).toEqual(['waiting']);
    expect(shown({ status: 'queue' }, { id: 'u-ben', canApprove: false })).toEqual(['back']);
    expect(reviewQueue(more, { id: 'u1', canApprove: true }).map((s) => s.id)).toEqual(['back', 'waiting']);
  });
});

describe('filterStories: My desks', () => {
  const onDesks = [
    article('pol-waiting', { deskId: 'd-pol', status: 'submitted' }),
    article('sport-waiting', { deskId: 'd-sport', status: 'submitted' }),
    article('pol-draft', { deskId: 'd-pol' }),
    article('no-desk', { desk: 'Politics', status: 'submitted' }),
  ];
  const editor = { id: 'u-ed', canApprove: true };
  const shown = (filter: Partial<ArticleFilter>, myDesks: string[]) => filterArticles(onDesks, { ...ALL_ARTICLES, ...filter }, editor, myDesks).map((s) => s.id);

  it('keeps the stories on one of the viewer’s desks, by desk id (not the free-text desk), and so narrows the review queue', () => {
    expect(shown({ mine: true }, ['d-pol'])).toEqual(['pol-waiting', 'pol-draft']);
    expect(shown({ mine: true, status: 'queue' }, ['d-pol', 'd-sport'])).toEqual(['pol-waiting', 'sport-waiting']);
    expect(shown({ mine: true }, [])).toEqual([]);
    expect(shown({ mine: false, status: 'queue' }, [])).toEqual(['pol-waiting', 'sport-waiting', 'no-desk']);
  });
});

describe('desksOf', () => {
  it('lists each desk in use once, sorted, without empty desks', () => {
    expect(desksOf(articles)).toEqual(['Business', 'News', 'Politics', 'Sport']);
  });

  it('is empty for no stories or stories without desks', () => {
    expect(desksOf([])).toEqual([]);
    expect(desksOf([article('x'), article('y')])).toEqual([]);
  });
});
