// The newsroom dictionary in the browser build (issue 18, requirement 1): the desk adds a name in
// Account › Newsroom dictionary and removes one; a reporter sees the words without the controls.
// (The desktop hands the words to its spell checker: tested in Node, tests/unit/electron-*.)
import { describe, expect } from 'vitest';
import { screenshot } from '../support/e2e-app.ts';
import { it } from './fixtures.ts';

describe('the newsroom dictionary', () => {
  it('the desk adds and removes words in Account; a reporter reads them', async ({ signIn }) => {
    const dana = await signIn('dana');
    await dana.getByRole('link', { name: 'Account' }).click();
    const pane = dana.getByRole('region', { name: 'Newsroom dictionary' });
    await pane.getByText('No words yet.').waitFor();
    for (const word of ['Zelenskyy', 'Kraków', 'Odesa']) {
      await pane.getByRole('textbox', { name: 'Word to add' }).fill(word);
      await pane.getByRole('button', { name: 'Add word' }).click();
      await expect.poll(() => pane.getByRole('status').textContent()).toBe(`“${word}” is in the newsroom dictionary.`);
    }
    // Two words at once are refused before anything is sent.
    await pane.getByRole('textbox', { name: 'Word to add' }).fill('New York');
    await pane.getByRole('button', { name: 'Add word' }).click();
    await expect.poll(() => pane.getByRole('alert').textContent()).toMatch(/^Could not add “New York”: a dictionary word is letters only/);
    const words = pane.getByRole('list', { name: 'Words in the newsroom dictionary' }).getByRole('listitem');
    await expect.poll(() => words.allTextContents().then((all) => all.map((w) => w.replace('✕', '').trim()))).toEqual(['Kraków', 'Odesa', 'Zelenskyy']);
    await pane.getByRole('button', { name: 'Remove Odesa' }).click();
    await expect.poll(() => words.count()).toBe(2);
    await screenshot(dana, 'newsroom-dictionary');

    const ana = await signIn('ana');
    await ana.getByRole('link', { name: 'Account' }).click();
    const hers = ana.getByRole('region', { name: 'Newsroom dictionary' });
    await expect.poll(() => hers.getByRole('listitem').allTextContents().then((all) => all.map((w) => w.trim()))).toEqual(['Kraków', 'Zelenskyy']);
    expect(await hers.getByRole('textbox', { name: 'Word to add' }).count()).toBe(0);
    expect(await hers.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
  });
});
