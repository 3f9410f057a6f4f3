// Roles and what each may do. The server enforces these; the UI uses them to show only
// the controls a user can actually use.

/** Every role, least to most specialised; `viewer` is read-only. */
export const ROLES = ['viewer', 'reporter', 'desk', 'editor', 'admin'] as const;

/** A user's role in the newsroom. */
export type Role = (typeof ROLES)[number];

/** Things a user may ask for. */
export type Action =
  | 'read'
  | 'edit'
  | 'createArticle'
  | 'snapshotRevision'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'restore'
  | 'manageUsers'
  | 'manageDesks'
  | 'setDesk';

const PERMISSIONS: Record<Action, readonly Role[]> = {
  read: ROLES,
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
};

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a user with `role` may do `action`. */
export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
