// Validation of IPC arguments: whatever arrives from the renderer is untrusted input, so each
// handler states exactly how many arguments it takes, of which type and how large.
import type { ExportChoices } from '../../model/desktop-bridge.ts';
import { DICTIONARY_SIZE_MAX, isDictionaryWord } from '../../model/dictionary.ts';
import { MAX_SPELLING_LANGUAGES, parseLanguages } from './preferences.ts';
import { isStoryId } from './story-links.ts';

/** Thrown, and so returned to the caller as a rejected promise, for arguments a handler does not accept. */
export class InvalidIpcArgumentError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIpcArgumentError';
  }
}

/** Throws unless exactly `count` arguments arrived. */
export function expectArgumentCount(args: readonly unknown[], count: number): void {
  if (args.length !== count) throw new InvalidIpcArgumentError(`expected ${count} argument(s), got ${args.length}`);
}

/** `value` if it is a string of at most `maxLength` UTF-16 units; throws otherwise. */
export function expectString(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string') throw new InvalidIpcArgumentError(`${name} must be a string`);
  if (value.length > maxLength) throw new InvalidIpcArgumentError(`${name} is longer than ${maxLength} characters`);
  return value;
}

/** Like expectString, but null is accepted too. */
export function expectStringOrNull(value: unknown, name: string, maxLength: number): string | null {
  return value === null ? null : expectString(value, name, maxLength);
}

/** `value` if it is null or export choices (an approved revision number or null, at most `maxRevisions` revision numbers); throws otherwise. */
export function expectExportChoices(value: unknown, maxRevisions: number): ExportChoices | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidIpcArgumentError('choices must be an object or null');
  const { approvedRevision, revisions, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new InvalidIpcArgumentError(`choices has unknown fields: ${Object.keys(rest).join(', ')}`);
  const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (approvedRevision !== null && !isNumber(approvedRevision)) throw new InvalidIpcArgumentError('approvedRevision must be a revision number or null');
  if (!Array.isArray(revisions) || revisions.length > maxRevisions || !revisions.every(isNumber)) {
    throw new InvalidIpcArgumentError(`revisions must be at most ${maxRevisions} revision numbers`);
  }
  return { approvedRevision, revisions: [...revisions] };
}

/** `value` if it is a short list of language codes; throws otherwise. */
export function expectLanguages(value: unknown): string[] {
  const languages = parseLanguages(value);
  if (languages === null) throw new InvalidIpcArgumentError(`languages must be at most ${MAX_SPELLING_LANGUAGES} language codes such as en-GB`);
  return languages;
}

/** `value` if it can be a story id; throws otherwise. */
export function expectStoryId(value: unknown): string {
  if (!isStoryId(value)) throw new InvalidIpcArgumentError('storyId must be a story id');
  return value;
}

/** `value` if it is a whole number from 0 up; throws otherwise. */
export function expectCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new InvalidIpcArgumentError('count must be a whole number from 0 up');
  return value;
}

/** `value` if it is the newsroom dictionary's words (at most DICTIONARY_SIZE_MAX, each one word as model/dictionary.ts says); throws otherwise. */
export function expectDictionaryWords(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > DICTIONARY_SIZE_MAX || !value.every(isDictionaryWord)) {
    throw new InvalidIpcArgumentError(`words must be at most ${DICTIONARY_SIZE_MAX} dictionary words (letters, an apostrophe or hyphen inside)`);
  }
  return [...new Set(value)];
}

/** `value` if it is a boolean; throws otherwise. */
export function expectBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidIpcArgumentError(`${name} must be true or false`);
  return value;
}
