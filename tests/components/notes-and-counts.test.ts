// Notes and counts in the story (issue 14, requirements 3 and 4): a note in the body is shown
// tinted with who wrote it; the counts say words, characters and reading time, and a field past
// its desk's limit says so in text and colour.
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import type { StoryCounts } from '../../model/story-counts.ts';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import ArticleStats from '../../renderer/src/components/ArticleStats.svelte';
import BodyEditor from '../../renderer/src/components/BodyEditor.svelte';
import FieldLimit from '../../renderer/src/components/FieldLimit.svelte';

afterEach(cleanup);

const tick = () => new Promise((r) => setTimeout(r, 20));

const counts = (bodyWords: number): StoryCounts => ({
  headline: { words: 3, characters: 21 },
  standfirst: { words: 1, characters: 5 },
  body: { words: bodyWords, characters: bodyWords * 6 },
  readingMinutes: Math.max(1, Math.round(bodyWords / 230)),
});

describe('a note in the body', () => {
  it('is shown tinted, naming who wrote it and that it is never published', async () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    bodyFragment(doc).insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, 'Published. ');
    text.insert(11, 'Ask the clerk.', { [BODY_MARKS.note]: { author: 'u1', name: 'Ana Reporter', at: 1 } });
    const { container } = render(BodyEditor, { fragment: bodyFragment(doc), awareness: new Awareness(doc), undoManager: new ArticleUndo(doc), readOnly: false, typing: [], onfocuschange: vi.fn() });
    await tick();
    const note = container.querySelector('.body-editor .note');
    expect(note?.textContent).toBe('Ask the clerk.');
    expect(note?.getAttribute('title')).toBe('Note by Ana Reporter: never published');
    expect(screen.getByRole('button', { name: 'Note' })).toBeTruthy();
  });
});

describe('ArticleStats', () => {
  it('shows every count and the reading time at 230 words a minute', () => {
    render(ArticleStats, { counts: counts(460) });
    const stats = screen.getByRole('region', { name: 'Counts' });
    expect(stats.textContent).toContain('Body: 460 words');
    expect(stats.textContent).toContain('2,760 characters');
    expect(stats.textContent).toContain('2 min read');
    expect(stats.textContent).toContain('Headline: 3 words, 21 characters');
    expect(stats.textContent).toContain('Standfirst: 1 word, 5 characters');
    expect(screen.getByTitle('At 230 words a minute')).toBeTruthy();
  });

  it('says the body is over its desk limit, in text and colour', async () => {
    const { container, rerender } = render(ArticleStats, { counts: counts(500), bodyLimit: { limit: 600, deskName: 'News' } });
    expect(container.querySelector('.body-count')?.textContent).toBe('Body: 500 of 600 words');
    expect(container.querySelector('.body-count.over')).toBeNull();
    await rerender({ counts: counts(650), bodyLimit: { limit: 600, deskName: 'News' } });
    expect(container.querySelector('.body-count.over')?.textContent).toContain("Body: 650 words, 50 over the News desk's 600");
  });
});

describe('FieldLimit', () => {
  it('says a headline is past its desk limit, and nothing without a limit', async () => {
    const { container, rerender } = render(FieldLimit, { label: 'Headline', value: 92, unit: 'characters', applied: { limit: 80, deskName: 'News' } });
    const line = container.querySelector('.field-limit');
    expect(line?.textContent).toContain("Headline: 92 characters, 12 over the News desk's 80");
    expect(line?.classList.contains('over')).toBe(true);
    await rerender({ label: 'Headline', value: 40, unit: 'characters', applied: { limit: 80, deskName: null } });
    expect(container.querySelector('.field-limit')?.textContent).toBe('Headline: 40 of 80 characters');
    await rerender({ label: 'Headline', value: 40, unit: 'characters', applied: null });
    expect(container.querySelector('.field-limit')).toBeNull();
  });
});
