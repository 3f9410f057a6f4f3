// The desktop's preferences file and the spell checker's languages chosen in it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applySpellCheckerLanguages,
  chooseSpellCheckerLanguages,
  DEFAULT_PREFERENCES,
  parseLanguages,
  parsePreferences,
  preferencesStore,
} from '../../electron/main/preferences.ts';

const dirs: string[] = [];
function store() {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-prefs-'));
  dirs.push(dir);
  const file = join(dir, 'nested', 'preferences.json');
  return { file, dir, store: preferencesStore(fs, file) };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const session = (available: string[]) => ({
  availableSpellCheckerLanguages: available,
  getSpellCheckerLanguages: vi.fn(() => ['en-US']),
  setSpellCheckerLanguages: vi.fn(),
});

describe('parseLanguages / parsePreferences', () => {
  it('accepts a short list of language codes, without repeats', () => {
    expect(parseLanguages(['en-GB', 'de', 'pt-BR', 'de'])).toEqual(['en-GB', 'de', 'pt-BR']);
    expect(parseLanguages([])).toEqual([]);
  });

  it('refuses anything else', () => {
    for (const bad of ['en-GB', [1], ['../x'], ['en_GB'], ['en', 'de', 'fr', 'es', 'it'], null, {}]) expect(parseLanguages(bad), JSON.stringify(bad)).toBeNull();
  });

  it('gives the default for missing or malformed fields', () => {
    expect(parsePreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ spellCheckerLanguages: 'en' })).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ spellCheckerLanguages: ['fr'], other: 1 })).toEqual({ spellCheckerLanguages: ['fr'], updateFeedUrl: null });
  });
});

describe('preferencesStore', () => {
  it('saves and loads; a missing or corrupt file gives the defaults', () => {
    const { file, store: prefs } = store();
    expect(prefs.load()).toEqual(DEFAULT_PREFERENCES);
    prefs.save({ spellCheckerLanguages: ['en-GB'], updateFeedUrl: null });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ spellCheckerLanguages: ['en-GB'], updateFeedUrl: null });
    expect(prefs.load()).toEqual({ spellCheckerLanguages: ['en-GB'], updateFeedUrl: null });
    writeFileSync(file, '{not json');
    expect(prefs.load()).toEqual(DEFAULT_PREFERENCES);
  });
});

describe('spell-checker languages', () => {
  it('applies the chosen languages the session has dictionaries for; none leaves the default', () => {
    const ses = session(['en-GB', 'de']);
    applySpellCheckerLanguages(ses, ['de', 'xx']);
    expect(ses.setSpellCheckerLanguages).toHaveBeenCalledWith(['de']);
    const untouched = session([]);
    applySpellCheckerLanguages(untouched, ['de']);
    applySpellCheckerLanguages(untouched, []);
    expect(untouched.setSpellCheckerLanguages).not.toHaveBeenCalled();
  });

  it('a choice is kept and applied; one without a dictionary is refused and changes nothing', () => {
    const { store: prefs } = store();
    const ses = session(['en-GB', 'de']);
    chooseSpellCheckerLanguages(ses, prefs, ['en-GB', 'de']);
    expect(prefs.load().spellCheckerLanguages).toEqual(['en-GB', 'de']);
    expect(ses.setSpellCheckerLanguages).toHaveBeenCalledWith(['en-GB', 'de']);
    expect(() => chooseSpellCheckerLanguages(ses, prefs, ['fr'])).toThrow(/No spelling dictionary for fr/);
    expect(prefs.load().spellCheckerLanguages).toEqual(['en-GB', 'de']);
    expect(ses.setSpellCheckerLanguages).toHaveBeenCalledTimes(1);
  });
});
