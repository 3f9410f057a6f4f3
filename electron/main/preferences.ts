// The desktop's own preferences (spell-checker languages, the update feed), kept in a small JSON file under
// userData. What is read back is validated; an unreadable file gives the defaults.
import { dirname } from 'node:path';
import { isHttpUrl } from './url-checks.ts';

/** What the desktop remembers for its user. */
export interface Preferences {
  /** Spell-checker languages (e.g. `en-GB`); empty: Electron's default (the OS locale). */
  spellCheckerLanguages: string[];
  /** The newsroom's update feed (generic provider), or null: updates off. */
  updateFeedUrl: string | null;
}

/** The first-run preferences. */
export const DEFAULT_PREFERENCES: Preferences = { spellCheckerLanguages: [], updateFeedUrl: null };

/** The most spell-checker languages one may pick (each costs memory and time while typing). */
export const MAX_SPELLING_LANGUAGES = 4;

// A BCP 47-ish code as Chromium's spell checker names them: `en`, `en-GB`, `pt-BR`, `sr-Latn`.
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** `value` as a list of spell-checker language codes, or null when it is not one. */
export function parseLanguages(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_SPELLING_LANGUAGES) return null;
  if (!value.every((code): code is string => typeof code === 'string' && LANGUAGE_CODE.test(code))) return null;
  return [...new Set(value)];
}

/** `value` as preferences; fields that are missing or malformed take their default. */
export function parsePreferences(value: unknown): Preferences {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    spellCheckerLanguages: parseLanguages(record.spellCheckerLanguages) ?? DEFAULT_PREFERENCES.spellCheckerLanguages,
    updateFeedUrl: typeof record.updateFeedUrl === 'string' && isHttpUrl(record.updateFeedUrl) ? record.updateFeedUrl : null,
  };
}

/** The synchronous file calls used here (node:fs satisfies it). */
export type PreferencesFs = Pick<typeof import('node:fs'), 'readFileSync' | 'writeFileSync' | 'renameSync' | 'mkdirSync'>;

/** Loads and saves preferences in `filePath` (small and rare: synchronous, through a temporary file). */
export function preferencesStore(fs: PreferencesFs, filePath: string) {
  return {
    load(): Preferences {
      try {
        return parsePreferences(JSON.parse(fs.readFileSync(filePath, 'utf8')));
      } catch {
        return DEFAULT_PREFERENCES;
      }
    },
    save(preferences: Preferences): void {
      fs.mkdirSync(dirname(filePath), { recursive: true });
      fs.writeFileSync(`${filePath}.tmp`, JSON.stringify(preferences));
      fs.renameSync(`${filePath}.tmp`, filePath);
    },
  };
}

/** The slice of Electron's Session that holds the spell checker's languages. */
export interface SpellCheckerSession {
  readonly availableSpellCheckerLanguages: string[];
  getSpellCheckerLanguages(): string[];
  setSpellCheckerLanguages(languages: string[]): void;
}

/** The languages to hand Electron: the chosen ones it has dictionaries for (on macOS it has none: the OS checks spelling). */
export function applicableLanguages(chosen: readonly string[], available: readonly string[]): string[] {
  return chosen.filter((code) => available.includes(code));
}

/** Sets the session's spell-checker languages to `chosen` where it can; an empty choice leaves Electron's default. */
export function applySpellCheckerLanguages(session: SpellCheckerSession, chosen: readonly string[]): void {
  const languages = applicableLanguages(chosen, session.availableSpellCheckerLanguages);
  if (languages.length > 0) session.setSpellCheckerLanguages(languages);
}

/** Keeps `languages` as the choice and applies it; throws, changing nothing, when the session has no dictionary for one of them. */
export function chooseSpellCheckerLanguages(session: SpellCheckerSession, store: ReturnType<typeof preferencesStore>, languages: string[]): void {
  const missing = languages.filter((code) => !session.availableSpellCheckerLanguages.includes(code));
  if (missing.length > 0) throw new Error(`No spelling dictionary for ${missing.join(', ')}: choose among the languages listed.`);
  store.save({ ...store.load(), spellCheckerLanguages: languages });
  applySpellCheckerLanguages(session, languages);
}
