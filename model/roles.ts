// Roles and what each may do. The server enforces these; the UI uses them to show only
// the controls a user can actually use.

/**
 * Every role, least to most specialised; `viewer` is read-only (comments included); a
 * `commenter` (legal, fact-checkers) reads, and comments on the text without changing it.
 */
export const ROLES = ['viewer', 'commenter', 'reporter', 'desk', 'editor', 'admin'] as const;

/** A user's role in the newsroom. */
export type Role = (typeof ROLES)[number];

/** Things a user may ask for. */
export type Action =
  | 'read'
  | 'comment'
  | 'edit'
  | 'createArticle'
  | 'snapshotRevision'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'restore'
  | 'manageUsers'
  | 'manageDesks'
  | 'setDesk'
  | 'restrict'
  | 'release'
  | 'kill'
  | 'manageDictionary';

const PERMISSIONS: Record<Action, readonly Role[]> = {
  read: ROLES,
  /** Write comment threads and replies, resolve and reopen them (issue 14); the server lets a commenter change nothing else. */
  comment: ['commenter', 'reporter', 'desk', 'editor', 'admin'],
  edit: ['reporter', 'desk', 'editor', 'admin'],
  createArticle: ['reporter', 'desk', 'editor', 'admin'],
  snapshotRevision: ['reporter', 'desk', 'editor', 'admin'],
  submit: ['reporter', 'desk', 'editor'],
  approve: ['editor'],
  reject: ['editor'],
  restore: ['reporter', 'desk', 'editor', 'admin'],
  manageUsers: ['admin'],
  /** Create, rename and archive desks. */
  manageDesks: ['admin'],
  /** Put a story on a desk. */
  setDesk: ['reporter', 'desk', 'editor', 'admin'],
  /** Restrict a story to its desk and named people, or lift that: editors on any story they see; see `canRestrict` for the rest. */
  restrict: ['editor', 'admin'],
  /** Embargo a story, put it under a legal hold, or lift either (model/release-state.ts): release decisions are the desk's and the editors'. */
  release: ['desk', 'editor'],
  /** Kill (withdraw) a story, for good. */
  kill: ['editor'],
  /**
   * Add words to the newsroom dictionary or remove them (model/dictionary.ts): every writer's spell
   * checker then accepts them, so it is the desk's and the editors' call, as the style guide is;
   * anyone else adds a word to their own computer's dictionary.
   */
  manageDictionary: ['desk', 'editor', 'admin'],
};

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a user with `role` may do `action`. */
export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}

/** Who is asking, for the rules on one story: their id, username, role and the ids of their desks. */
export interface Viewer {
  id: string;
  username: string;
  role: Role;
  desks: readonly string[];
}

/** What the rules need to know of a story: who made it, its desk, and whether (and to whom besides the desk) it is restricted. */
export interface ArticleAccess {
  createdBy: string;
  deskId: string | null;
  restricted: boolean;
  /** The usernames of the people who may see it besides its desk's members (a list entry's `people`). */
  people: readonly string[];
}

/**
 * Whether `viewer` may know the story exists: everyone while it is not restricted; once it is,
 * only its desk's members, the people named on it and its author. Nobody else, whatever their
 * role: the server answers them as it answers for a story that does not exist (404).
 */
export function canSee(viewer: Viewer, article: ArticleAccess): boolean {
  if (!article.restricted) return true;
  if (article.createdBy === viewer.id || article.people.includes(viewer.username)) return true;
  return article.deskId !== null && viewer.desks.includes(article.deskId);
}

/**
 * Whether `viewer` may restrict the story or lift its restriction (and name its people): an
 * editor or admin, its author, or a `desk` member of its desk — always one who can see it.
 */
export function canRestrict(viewer: Viewer, article: ArticleAccess): boolean {
  if (!canSee(viewer, article) || !can(viewer.role, 'edit')) return false;
  if (can(viewer.role, 'restrict') || article.createdBy === viewer.id) return true;
  return viewer.role === 'desk' && article.deskId !== null && viewer.desks.includes(article.deskId);
}

/**
 * Whether `viewer` may move the story to another desk (or to none): anyone with `setDesk` while
 * it is not restricted; once it is, only who may restrict it (`canRestrict`), since its desk
 * decides who sees it — a reporter of the desk must not hand a restricted story to another desk.
 */
export function canSetDesk(viewer: Viewer, article: ArticleAccess): boolean {
  if (!canSee(viewer, article) || !can(viewer.role, 'setDesk')) return false;
  return !article.restricted || canRestrict(viewer, article);
}
