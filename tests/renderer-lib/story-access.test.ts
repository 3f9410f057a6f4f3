// Who may restrict a story, read from its list entry (people named by username) with the rules of
// model/roles.ts, and who is named when restricting would shut the restricting person out.
import { describe, expect, it } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import { localListItem } from '../../renderer/src/lib/article-list.svelte.ts';
import { mayRestrict, peopleWhenRestricting } from '../../renderer/src/lib/story-access.ts';

const user = (username: string, role: ApiUser['role']): ApiUser => ({ id: `u-${username}`, username, displayName: username, role, createdAt: 0 });
const ana = user('ana', 'reporter');
const dana = user('dana', 'desk');
const ed = user('ed', 'editor');
const vic = user('vic', 'viewer');
const story = (extra: Partial<ArticleListItem> = {}): ArticleListItem => ({ ...localListItem('s1', ana, 1), deskId: 'd-pol', ...extra });

describe('story access in the renderer', () => {
  it('lets the author, a desk member of its desk and an editor restrict; not a viewer or a desk member elsewhere', () => {
    expect(mayRestrict(story(), ana, [])).toBe(true);
    expect(mayRestrict(story(), dana, ['d-pol'])).toBe(true);
    expect(mayRestrict(story(), dana, ['d-sport'])).toBe(false);
    expect(mayRestrict(story(), ed, [])).toBe(true);
    expect(mayRestrict(story(), vic, ['d-pol'])).toBe(false);
  });

  it('counts being named by username as seeing the story', () => {
    expect(mayRestrict(story({ restricted: true, people: ['ed'] }), ed, [])).toBe(true);
    expect(mayRestrict(story({ restricted: true, people: [] }), ed, [])).toBe(false);
  });

  it('names the one restricting when the restriction would shut them out, and nobody else', () => {
    expect(peopleWhenRestricting(story({ people: ['ben'] }), ed, [])).toEqual(['ben', 'ed']);
    expect(peopleWhenRestricting(story({ people: ['ben'] }), ana, [])).toEqual(['ben']);
    expect(peopleWhenRestricting(story(), dana, ['d-pol'])).toEqual([]);
  });
});
