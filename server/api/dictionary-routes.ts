// The newsroom dictionary (docs/API.md, "The newsroom dictionary"): GET /api/dictionary for anyone
// signed in (every desktop adds the words to its spell checker at sign-in), POST /api/dictionary
// {word} and DELETE /api/dictionary/:word for who may manage it (model/roles.ts
// `manageDictionary`: desk, editors, admins). Each change is audited and told on the event streams.
import { DICTIONARY_SIZE_MAX, dictionaryWordProblem, type DictionaryAddResponse, type DictionaryResponse } from '../../model/dictionary.ts';
import { badRequest, HttpError } from '../http/http-error.ts';
import { onlyFields, readJsonObject, requiredString } from '../http/json-body.ts';
import type { Router } from '../http/router.ts';
import type { DictionaryStore } from '../storage/store.ts';

/** What the routes need: the store's dictionary, the clock, the cap, and who to tell of a change. */
export interface DictionaryRouteDeps {
  store: DictionaryStore;
  now: () => number;
  /** Called after each change (the event streams' `dictionary` event). */
  changed: () => void;
  /** The most words the dictionary takes (DICTIONARY_SIZE_MAX unless a test says otherwise). */
  maxWords?: number;
}

// A word as people type it: outer spaces dropped, composed (NFC) so that `é` typed either way is one word; then checked.
function checkedWord(raw: string): string {
  const word = raw.trim().normalize('NFC');
  const problem = dictionaryWordProblem(word);
  if (problem) throw badRequest(problem);
  return word;
}

/** Adds the dictionary routes. */
export function dictionaryRoutes(router: Router, deps: DictionaryRouteDeps): void {
  const maxWords = deps.maxWords ?? DICTIONARY_SIZE_MAX;

  router.on('GET', '/api/dictionary', async () => ({ json: { words: await deps.store.listDictionary() } satisfies DictionaryResponse }));

  router.on('POST', '/api/dictionary', async ({ req, principal }) => {
    const body = await readJsonObject(req);
    onlyFields(body, ['word']);
    const word = checkedWord(requiredString(body, 'word'));
    const result = await deps.store.addDictionaryWord(word, maxWords, deps.now(), { userId: principal.user.id });
    if (result.kind === 'full') throw new HttpError(409, `the newsroom dictionary is full (${maxWords} words): remove words no longer needed first`);
    if (result.kind === 'added') deps.changed();
    const reply: DictionaryAddResponse = { entry: result.entry, added: result.kind === 'added' };
    return { status: result.kind === 'added' ? 201 : 200, json: reply };
  }, { right: { action: 'manageDictionary', what: 'change the newsroom dictionary' } });

  router.on('DELETE', '/api/dictionary/:word', async ({ params, principal }) => {
    const word = checkedWord(params.word);
    if (!(await deps.store.removeDictionaryWord(word, deps.now(), { userId: principal.user.id }))) throw new HttpError(404, `the word “${word}” is not in the newsroom dictionary`);
    deps.changed();
    return { status: 204 };
  }, { right: { action: 'manageDictionary', what: 'change the newsroom dictionary' } });
}
