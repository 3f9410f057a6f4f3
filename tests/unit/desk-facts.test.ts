// The desk's facts on a story (issue 17): the shapes and caps the server's update check holds
// them to, what it lets through (edge values, clearing), and how readDeskFacts reads them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELD_CAPS, MAX_ASSIGNEES, MAX_INSTANT, MAX_TARGET_WORDS } from '../../model/article-limits.ts';
import { META_KEYS, metaMap, readDeskFacts } from '../../model/article-schema.ts';
import { checkUpdateContent } from '../../model/update-check.ts';

/** Why the server would refuse `edit` made by a client on an empty story, or null. */
function refusalOf(edit: (meta: Y.Map<unknown>) => void): string | null {
  const client = new Y.Doc();
  client.transact(() => edit(metaMap(client)));
  return checkUpdateContent(new Y.Doc(), Y.decodeUpdate(Y.encodeStateAsUpdate(client)), 0);
}

const set = (key: string, value: unknown) => (meta: Y.Map<unknown>) => meta.set(key, value);
const usernames = (n: number) => Array.from({ length: n }, (_, i) => `reporter${i}`);

describe('the desk facts a client may write', () => {
  it.each<[string, string, unknown]>([
    ['assignees', META_KEYS.assignees, ['ana', 'bo.lee', 'c_d-1']],
    ['no assignees', META_KEYS.assignees, []],
    [`${MAX_ASSIGNEES} assignees`, META_KEYS.assignees, usernames(MAX_ASSIGNEES)],
    ['a deadline', META_KEYS.deadline, Date.UTC(2026, 11, 7, 16, 30)],
    ['the latest deadline a Date holds', META_KEYS.deadline, MAX_INSTANT],
    ['no deadline (null)', META_KEYS.deadline, null],
    ['a target of one word', META_KEYS.targetWords, 1],
    [`a target of ${MAX_TARGET_WORDS} words`, META_KEYS.targetWords, MAX_TARGET_WORDS],
    ['urgency 1', META_KEYS.urgency, 1],
    ['urgency 9', META_KEYS.urgency, 9],
    ['a planning note at its cap', META_KEYS.planningNote, 'n'.repeat(FIELD_CAPS.planningNote)],
    ['another meta key named like a property of every object', 'constructor', 'plain'],
  ])('%s', (_name, key, value) => {
    expect(refusalOf(set(key, value))).toBeNull();
  });
});

describe('the desk facts the server refuses', () => {
  it.each<[string, string, unknown, RegExp]>([
    ['assignees as one text', META_KEYS.assignees, 'ana', /^assignees must be a list of at most 10 different usernames$/],
    ['a number among the assignees', META_KEYS.assignees, ['ana', 7], /^assignees must be/],
    ['an assignee that is no username', META_KEYS.assignees, ['<script>'], /^assignees must be/],
    ['an assignee over the username cap', META_KEYS.assignees, ['a'.repeat(FIELD_CAPS.assignee + 1)], /^assignees must be/],
    ['the same assignee twice', META_KEYS.assignees, ['ana', 'ana'], /^assignees must be/],
    [`${MAX_ASSIGNEES + 1} assignees`, META_KEYS.assignees, usernames(MAX_ASSIGNEES + 1), /^assignees must be/],
    ['a deadline as a date text', META_KEYS.deadline, '2026-12-07T16:30:00Z', /^meta “deadline” must be an instant in milliseconds since 1970$/],
    ['a deadline with a fraction of a millisecond', META_KEYS.deadline, 1.5, /^meta “deadline” must be/],
    ['a deadline before 1970', META_KEYS.deadline, -1, /^meta “deadline” must be/],
    ['a deadline past what a Date holds', META_KEYS.deadline, MAX_INSTANT + 1, /^meta “deadline” must be/],
    ['a target of no words', META_KEYS.targetWords, 0, /^meta “targetWords” must be a whole number of words from 1 to 100,000$/],
    ['a target over its cap', META_KEYS.targetWords, MAX_TARGET_WORDS + 1, /^meta “targetWords” must be/],
    ['a target as text', META_KEYS.targetWords, '600', /^meta “targetWords” must be/],
    ['urgency 0', META_KEYS.urgency, 0, /^meta “urgency” must be a whole number from 1 to 9$/],
    ['urgency 10', META_KEYS.urgency, 10, /^meta “urgency” must be/],
    ['urgency as a name', META_KEYS.urgency, 'flash', /^meta “urgency” must be/],
    ['a planning note over its cap', META_KEYS.planningNote, 'n'.repeat(FIELD_CAPS.planningNote + 1), /^planningNote over 2,000 characters$/],
    ['a planning note that is not text', META_KEYS.planningNote, { note: 'x' }, /^meta “planningNote” must be text$/],
  ])('%s', (_name, key, value, expected) => {
    expect(refusalOf(set(key, value))).toMatch(expected);
  });

  it('a Yjs array as assignees (the facts are plain values)', () => {
    expect(refusalOf((meta) => meta.set(META_KEYS.assignees, Y.Array.from(['ana'])))).toBe('a value of the wrong kind in meta');
  });
});

describe('readDeskFacts', () => {
  it('reads the facts as written', () => {
    const doc = new Y.Doc();
    const deadline = Date.UTC(2026, 11, 7, 16, 30);
    doc.transact(() => {
      for (const [key, value] of [
        [META_KEYS.assignees, ['ana', 'bo']],
        [META_KEYS.deadline, deadline],
        [META_KEYS.targetWords, 600],
        [META_KEYS.urgency, 3],
        [META_KEYS.planningNote, 'Call the mayor'],
      ] as const) metaMap(doc).set(key, value);
    });
    expect(readDeskFacts(doc)).toEqual({ assignees: ['ana', 'bo'], deadline, targetWords: 600, urgency: 3, planningNote: 'Call the mayor' });
  });

  it('reads a story without facts, and values the check would refuse (a story stored before it), as unset', () => {
    const unset = { assignees: [], deadline: null, targetWords: null, urgency: null, planningNote: '' };
    expect(readDeskFacts(new Y.Doc())).toEqual(unset);
    const doc = new Y.Doc();
    doc.transact(() => {
      metaMap(doc).set(META_KEYS.assignees, 'ana');
      metaMap(doc).set(META_KEYS.deadline, '2026-12-07');
      metaMap(doc).set(META_KEYS.targetWords, 0);
      metaMap(doc).set(META_KEYS.urgency, 12);
      metaMap(doc).set(META_KEYS.planningNote, 7);
    });
    expect(readDeskFacts(doc)).toEqual(unset);
  });

  it('keeps the usernames among the assignees once each, at most 10, and cuts the planning note to its cap', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      metaMap(doc).set(META_KEYS.assignees, ['ana', 5, 'ana', '<b>', ...usernames(12)]);
      metaMap(doc).set(META_KEYS.planningNote, 'n'.repeat(FIELD_CAPS.planningNote + 5));
    });
    const facts = readDeskFacts(doc);
    expect(facts.assignees).toEqual(['ana', ...usernames(MAX_ASSIGNEES - 1)]);
    expect(facts.planningNote).toHaveLength(FIELD_CAPS.planningNote);
  });
});
