// model/roles.ts's rules for one story: who may know a restricted story exists, and who may
// restrict it or lift that — every role, in and out of the desk, author, named, or nobody.
import { describe, expect, it } from 'vitest';
import { canRestrict, canSee, canSetDesk, ROLES, type ArticleAccess, type Role, type Viewer } from '../../model/roles.ts';

const story = (fields: Partial<ArticleAccess> = {}): ArticleAccess => ({ createdBy: 'author', deskId: 'd-news', restricted: true, people: ['named'], ...fields });
const viewer = (id: string, role: Role, desks: string[] = []): Viewer => ({ id, username: id, role, desks });

describe('who sees a story', () => {
  it('everyone sees a story that is not restricted', () => {
    for (const role of ROLES) expect(canSee(viewer('x', role), story({ restricted: false }))).toBe(true);
  });

  it('a restricted story: its desk, its author and the people named on it, whatever their role', () => {
    for (const role of ROLES) {
      expect(canSee(viewer('member', role, ['d-news']), story())).toBe(true);
      expect(canSee(viewer('author', role), story())).toBe(true);
      expect(canSee(viewer('named', role), story())).toBe(true);
    }
  });

  it('a restricted story: nobody else, an admin or an editor of another desk included', () => {
    for (const role of ROLES) expect(canSee(viewer('outsider', role, ['d-sport']), story())).toBe(false);
    expect(canSee(viewer('outsider', 'editor', ['d-sport']), story({ deskId: null }))).toBe(false);
  });
});

describe('who restricts a story or lifts it', () => {
  it('editors and admins who see it; nobody who cannot see it', () => {
    expect(canRestrict(viewer('e', 'editor'), story({ restricted: false }))).toBe(true);
    expect(canRestrict(viewer('a', 'admin'), story({ restricted: false }))).toBe(true);
    expect(canRestrict(viewer('e', 'editor', ['d-sport']), story())).toBe(false);
  });

  it('its author, and desk members of its desk with the desk role; not reporters of the desk', () => {
    expect(canRestrict(viewer('author', 'reporter'), story())).toBe(true);
    expect(canRestrict(viewer('m', 'desk', ['d-news']), story())).toBe(true);
    expect(canRestrict(viewer('m', 'reporter', ['d-news']), story())).toBe(false);
    expect(canRestrict(viewer('m', 'desk', ['d-sport']), story({ restricted: false }))).toBe(false);
  });

  it('a viewer never, even as the story’s author or a member of its desk', () => {
    expect(canRestrict(viewer('author', 'viewer', ['d-news']), story())).toBe(false);
  });
});

describe('who moves a story to another desk', () => {
  it('anyone who may file stories while it is open; once restricted, only who may restrict it', () => {
    for (const role of ROLES) expect(canSetDesk(viewer('x', role, ['d-sport']), story({ restricted: false })), role).toBe(role !== 'viewer' && role !== 'commenter');
    expect(canSetDesk(viewer('m', 'reporter', ['d-news']), story())).toBe(false);
    expect(canSetDesk(viewer('named', 'reporter'), story())).toBe(false);
    expect(canSetDesk(viewer('m', 'desk', ['d-news']), story())).toBe(true);
    expect(canSetDesk(viewer('author', 'reporter'), story())).toBe(true);
    expect(canSetDesk(viewer('e', 'editor', ['d-news']), story())).toBe(true);
    expect(canSetDesk(viewer('e', 'editor', ['d-sport']), story())).toBe(false);
    expect(canSetDesk(viewer('m', 'viewer', ['d-news']), story())).toBe(false);
  });
});
