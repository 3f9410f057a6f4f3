// The slug in a story (issue 17): typed into the slug field it lands in the story's meta; when
// another story of the same desk and deadline day has it (the story list says), the field warns
// "Slug also used by “Headline”" — the document cannot refuse the value, so the warning is what
// is honest. A viewer reads the slug and the other facts and changes none.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleListItem } from '../../model/api-types.ts';
import { META_KEYS, metaMap } from '../../model/article-schema.ts';
import DeskFacts from '../../renderer/src/components/DeskFacts.svelte';
import { listEntry } from './list-entry.ts';
import { BUDGET_LIST } from '../../renderer/src/lib/budget-context.ts';
import { control } from './dom.ts';

afterEach(cleanup);

const NOON = Date.UTC(2026, 11, 8, 11, 0); // 12:00 in Berlin
const entry = (id: string, facts: Partial<ArticleListItem>): ArticleListItem => listEntry(id, { desk: 'News', deskId: 'news', ...facts });
const LIST = [
  entry('mine', { headline: 'River flood warning' }),
  entry('other', { headline: 'Flood: the map', slug: 'FLOOD', deadline: NOON + 3_600_000 }),
  entry('sport', { headline: 'Flood postpones the derby', slug: 'FLOOD', deadline: NOON, desk: 'Sport', deskId: 'sport' }),
];

function show(readOnly = false) {
  const doc = new Y.Doc();
  const meta = metaMap(doc);
  meta.set(META_KEYS.deadline, NOON);
  render(DeskFacts, { props: { meta, readOnly, articleId: 'mine', timeZone: 'Europe/Berlin', clock: () => NOON }, context: new Map([[BUDGET_LIST, () => LIST]]) });
  return { meta, slug: control(screen.getByLabelText('Slug')) };
}

describe('the slug of a story', () => {
  it('is written into the meta and warns when another story of its desk and day has it', async () => {
    const { meta, slug } = show();
    expect(screen.queryByText(/Slug also used/)).toBeNull();
    slug.value = 'flood';
    await fireEvent.input(slug as never);
    expect(meta.get(META_KEYS.slug)).toBe('flood');
    // The News desk's “Flood: the map”, due the same day; not the Sport desk's.
    expect(screen.getByRole('status').textContent?.trim()).toBe('Slug also used by “Flood: the map”');
    // Moved to the next day, the slug is its own again.
    meta.set(META_KEYS.deadline, NOON + 86_400_000);
    await Promise.resolve();
    expect(screen.queryByText(/Slug also used/)).toBeNull();
  });

  it('a colleague’s slug shows at once, and a viewer reads the facts without changing them', async () => {
    const { meta, slug } = show(true);
    meta.set(META_KEYS.slug, 'FLOOD');
    meta.set(META_KEYS.assignees, ['ana']);
    meta.set(META_KEYS.planningNote, 'Call the mayor');
    await Promise.resolve();
    expect(slug.value).toBe('FLOOD');
    expect(control(screen.getByLabelText('Assignees')).value).toBe('ana');
    expect(control(screen.getByLabelText('Planning note')).value).toBe('Call the mayor');
    for (const name of ['Slug', 'Assignees', 'Deadline', 'Target words', 'Planning note']) expect(control(screen.getByLabelText(name)).readOnly, name).toBe(true);
    expect(control(screen.getByLabelText('Priority')).disabled).toBe(true);
    expect(screen.getByText('Slug also used by “Flood: the map”')).toBeTruthy();
  });
});
