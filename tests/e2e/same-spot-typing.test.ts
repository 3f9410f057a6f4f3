// Two reporters in two browsers type two words at one caret position, in the body and in the
// headline: key by key in turn (each key reaching the other screen before the next) and at the
// same time. Each word stays whole on both screens and on the server, the API's comparison names
// the right author for every letter, and the comparison in History shows both authors in a legend
// with insertions underlined and removals struck through.
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleDiff, FieldDiff } from '../../model/api-types.ts';
import { E2E_PASSWORD, screenshot } from '../support/e2e-app.ts';
import { body, headline, paragraphText } from './article-page.ts';
import { it, openFromList, saved } from './fixtures.ts';

/** Puts the caret `offset` characters into body paragraph `n`. */
async function bodyCaret(page: Page, n: number, offset: number) {
  await body(page).locator('p').nth(n).click();
  await body(page)
    .locator('p')
    .nth(n)
    .evaluate((p, offset) => {
      const texts = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let left = offset;
      let node = texts.nextNode() as Text;
      while (left > node.length) {
        left -= node.length;
        node = texts.nextNode() as Text;
      }
      getSelection()!.collapse(node, left);
      // ProseMirror reads the selection now rather than on the browser's next task.
      document.dispatchEvent(new Event('selectionchange'));
    }, offset);
}

/** Puts the caret `offset` characters into the headline. */
const headlineCaret = (page: Page, offset: number) =>
  headline(page).evaluate((field: HTMLTextAreaElement, offset) => {
    field.focus();
    field.setSelectionRange(offset, offset);
  }, offset);

/** Ana types `words[0]` and Ben `words[1]`, one key each in turn; each key is on both screens before the next. */
async function typeInTurn(pages: Page[], words: string[], read: (page: Page) => Promise<string>) {
  for (let i = 0; i < Math.max(...words.map((w) => w.length)); i++) {
    for (const [who, page] of pages.entries()) {
      if (i >= words[who].length) continue;
      await page.keyboard.type(words[who][i]);
      const typed = await read(page);
      for (const other of pages) await expect.poll(() => read(other)).toBe(typed);
    }
  }
}

/** `text` has both words whole and side by side at `before`, in either order. */
const expectWordsWhole = (text: string, before: string, words: string[]) =>
  expect([`${before}${words[0]}${words[1]}`, `${before}${words[1]}${words[0]}`]).toContain(text.slice(0, before.length + words[0].length + words[1].length));

/** The author of each character of the new text of `field`, null where unchanged. */
const authorsOf = (field: FieldDiff) => field.spans.filter((s) => s.kind !== 'removed').flatMap((s) => [...s.text].map(() => (s.kind === 'added' ? s.authorId : null)));

describe('same-spot typing in the browser', () => {
  it('keeps two words typed at one caret whole in the body and the headline, with the right author for every letter', async ({ signIn, server, articleId }) => {
    const token = await server.signIn('ana', E2E_PASSWORD);
    // A revision to compare the typing with.
    expect((await server.api(`/api/articles/${articleId}/revisions`, { method: 'POST', token, json: { note: 'Before' } })).status).toBe(201);
    const ana = await signIn('ana');
    const ben = await signIn('ben');
    const pages = [ana, ben];
    for (const page of pages) await openFromList(page);

    // The body, key by key in turn, at "Cyclists |queued".
    const turn = ['AAA-ana-AAA', 'BBB-ben-BBB'];
    for (const page of pages) await bodyCaret(page, 0, 'Cyclists '.length);
    await typeInTurn(pages, turn, (page) => paragraphText(page, 0));
    // The body at the same time, at "The |bridge now has".
    const together = ['note ', 'nine '];
    for (const page of pages) await bodyCaret(page, 1, 'The '.length);
    await Promise.all(pages.map((page, who) => page.keyboard.type(together[who], { delay: 60 })));

    // The headline, the same two ways.
    for (const page of pages) await headlineCaret(page, 'Harbour '.length);
    await typeInTurn(pages, turn, (page) => headline(page).inputValue());
    const reopens = (await headline(ana).inputValue()).indexOf('reopens');
    for (const page of pages) await headlineCaret(page, reopens);
    await Promise.all(pages.map((page, who) => page.keyboard.type(together[who], { delay: 60 })));

    for (const page of pages) {
      await expect.poll(() => paragraphText(page, 1)).toMatch(/^The (note nine |nine note )bridge now has/);
      await expect.poll(() => headline(page).inputValue()).toMatch(/(note nine |nine note )reopens to cyclists/);
    }
    const screens = await Promise.all(pages.map(async (page) => ({ body: [await paragraphText(page, 0), await paragraphText(page, 1)], headline: await headline(page).inputValue() })));
    expect(screens[1]).toEqual(screens[0]);
    const { body: paragraphs, headline: title } = screens[0];
    expectWordsWhole(paragraphs[0], 'Cyclists ', turn);
    expectWordsWhole(paragraphs[1], 'The ', together);
    expectWordsWhole(title, 'Harbour ', turn);
    expectWordsWhole(title.slice(reopens), '', together);
    for (const page of pages) await saved(page);
    await screenshot(ana, 'same-spot-typing-ana');
    await screenshot(ben, 'same-spot-typing-ben');

    // The server has the same text.
    const exported = await (await server.api(`/api/articles/${articleId}/export?format=text`, { token })).text();
    expect(exported).toContain(`Headline: ${title}`);
    for (const text of paragraphs) expect(exported).toContain(text);

    // Every letter of each word is its typist's in the API's comparison.
    const response = await server.api(`/api/articles/${articleId}/diff?from=1&to=live`, { token });
    const diff = (await response.json()) as ArticleDiff;
    const idOf = (name: RegExp) => diff.authors.find((author) => name.test(author.name))!.id;
    const typist = { ana: idOf(/Ana/), ben: idOf(/Ben/) };
    const check = (key: string, text: string, words: string[]) => {
      const authors = authorsOf(diff.fields.find((f) => f.key === key)!);
      for (const [who, word] of words.entries()) {
        const at = text.indexOf(word);
        expect(authors.slice(at, at + word.length), `${key}: ${word}`).toEqual([...word].map(() => (who === 0 ? typist.ana : typist.ben)));
      }
    };
    check('body:0', paragraphs[0], turn);
    check('body:1', paragraphs[1], together);
    check('headline', title, turn);
    check('headline', title, together);

    // Ben removes a word; the comparison in History names both authors in its legend.
    await headline(ben).evaluate((field: HTMLTextAreaElement) => {
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    });
    await ben.keyboard.press('Control+Backspace');
    await expect.poll(() => headline(ana).inputValue()).not.toContain('repair');
    await ana.getByRole('button', { name: 'History' }).click();
    const history = ana.getByRole('complementary', { name: 'History' });
    await history.getByRole('list', { name: 'Revisions' }).getByRole('listitem').first().getByRole('button', { name: 'Compare with live' }).click();
    const comparison = history.getByRole('region', { name: 'Comparison' });
    const legend = comparison.getByRole('list', { name: 'Legend' });
    // (The demo story's words are Ana's, its seeded author: every run has a known author.)
    await expect.poll(async () => (await legend.getByRole('listitem').allTextContents()).map((t) => t.trim()).sort()).toEqual(['Ana Reyes', 'Ben Okafor', 'Inserted', 'Removed']);
    const swatches = await legend.locator('.swatch').evaluateAll((all) => all.map((s) => getComputedStyle(s).backgroundColor));
    expect(new Set(swatches).size).toBe(2);
    // Insertions are underlined, removals struck through: not told apart by colour alone.
    const firstIns = comparison.locator('.text ins').first();
    expect(await firstIns.evaluate((ins) => getComputedStyle(ins).textDecorationLine)).toBe('underline');
    const removed = comparison.locator('.text del', { hasText: 'repair' });
    expect(await removed.evaluate((del) => getComputedStyle(del).textDecorationLine)).toBe('line-through');
    expect(await removed.getAttribute('title')).toMatch(/^Removed/);
    await comparison.scrollIntoViewIfNeeded();
    await screenshot(ana, 'comparison-two-authors');
  });
});
