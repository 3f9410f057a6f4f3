// The newsroom dictionary on this desktop (issue 18): the words the server lists are added to the
// session's spell checker at sign-in (and whenever the dictionary changes), words taken out of it
// are removed again, and the words this user added to their own computer's dictionary are left
// alone. Which words came from the newsroom is kept in a small JSON file under userData.
import { dirname } from 'node:path';
import { DICTIONARY_SIZE_MAX, isDictionaryWord } from '../../model/dictionary.ts';
import type { PreferencesFs } from './preferences.ts';

/** The slice of Electron's Session that holds the spell checker's own words. */
export interface SpellCheckerWords {
  addWordToSpellCheckerDictionary(word: string): boolean;
  removeWordFromSpellCheckerDictionary(word: string): boolean;
  listWordsInSpellCheckerDictionary(): Promise<string[]>;
}

/** `value` as the newsroom's words remembered on this computer; anything malformed is none. */
export function parseNewsroomWords(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > DICTIONARY_SIZE_MAX) return [];
  return value.filter(isDictionaryWord);
}

/** The newsroom dictionary as this desktop's spell checker has it, and whether its user may add to it. */
export function newsroomDictionary(session: SpellCheckerWords, fs: PreferencesFs, filePath: string) {
  let mayAdd = false;
  // One sync at a time: two close together (sign-in, then a change) must not interleave around the listing.
  let syncing: Promise<void> = Promise.resolve();
  const remembered = (): string[] => {
    try {
      return parseNewsroomWords(JSON.parse(fs.readFileSync(filePath, 'utf8')));
    } catch {
      return [];
    }
  };
  const remember = (words: string[]) => {
    fs.mkdirSync(dirname(filePath), { recursive: true });
    fs.writeFileSync(`${filePath}.tmp`, JSON.stringify(words));
    fs.renameSync(`${filePath}.tmp`, filePath);
  };

  async function sync(words: readonly string[]): Promise<void> {
    const wanted = new Set(words);
    const ours = new Set(remembered());
    const present = new Set(await session.listWordsInSpellCheckerDictionary());
    const kept: string[] = [];
    for (const word of wanted) {
      // The user's own word stays theirs: taking it out of the newsroom's later must not remove it here.
      if (present.has(word) && !ours.has(word)) continue;
      if (present.has(word) || session.addWordToSpellCheckerDictionary(word)) kept.push(word);
    }
    for (const word of ours) if (!wanted.has(word)) session.removeWordFromSpellCheckerDictionary(word);
    remember(kept);
  }

  return {
    /** Whether the context menu offers Add to Newsroom Dictionary (the signed-in user may change it). */
    get mayAdd(): boolean {
      return mayAdd;
    },
    /** The newsroom's words are now `words` (checked words); `canAdd`: whether this user may add to them. */
    use(words: readonly string[], canAdd: boolean): Promise<void> {
      mayAdd = canAdd;
      const run = syncing.then(() => sync(words));
      syncing = run.catch(() => undefined);
      return run;
    },
  };
}
