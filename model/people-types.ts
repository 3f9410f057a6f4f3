// The wire types of people and desks (HTTP /api/users, /api/desks, docs/API.md), their caps, and
// the checks of their names: shared by the server, which enforces them, and the People view.
import type { Role } from './roles.ts';
import type { DeskLimits } from './desk-limits.ts';

/** The longest username. */
export const USERNAME_MAX = 64;
/** The longest display name (characters, after trimming). */
export const DISPLAY_NAME_MAX = 100;
/** The longest desk name (characters, after trimming); longer free-text desk names were cut to this when they became desks. */
export const DESK_NAME_MAX = 100;
/** The most desks one person can be a member of. */
export const DESKS_PER_PERSON_MAX = 50;

const USERNAME = new RegExp(`^[a-z0-9][a-z0-9._-]{0,${USERNAME_MAX - 1}}$`, 'i');

/** Whether `value` can be a username: 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const isUsername = (value: string): boolean => USERNAME.test(value);

/** A person as the People view lists them. */
export interface PersonInfo {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The ids of their desks. */
  desks: string[];
  disabled: boolean;
  /** When they last signed in, or null if never. */
  lastSignInAt: number | null;
  createdAt: number;
}

/** A desk of the newsroom. */
export interface DeskInfo {
  id: string;
  name: string;
  /** Archived desks take no new stories or members; stories that name one keep it. */
  archived: boolean;
  createdAt: number;
  /** Its own limits (model/desk-limits.ts): headline characters and body words, each null where it sets none. */
  limits: DeskLimits;
}

/** GET /api/users. */
export interface PeopleResponse {
  users: PersonInfo[];
}

/**
 * POST /api/users → 201. Without `password` in the request: a one-time setup link (default), or,
 * with `"temporaryPassword": true`, a temporary password, either shown here once.
 */
export interface NewPersonResponse {
  user: PersonInfo;
  setupLink?: string;
  /** When the setup link stops working (ms since the epoch). */
  setupExpiresAt?: number;
  temporaryPassword?: string;
}

/** GET /api/setup/:token (public): whose account a setup link sets up. 404 for a link that is unknown, used or expired. */
export interface SetupLinkInfo {
  username: string;
  displayName: string;
  expiresAt: number;
}

/** PATCH /api/users/:username's body: the fields to change. */
export interface PersonChange {
  role?: Role;
  desks?: string[];
  disabled?: boolean;
  displayName?: string;
}

/** GET /api/session: who the token stands for, until when, and the ids of their desks (for "My desks"). */
export interface OwnSessionResponse {
  user: { id: string; username: string; displayName: string; role: Role; createdAt: number };
  expiresAt: number;
  desks: string[];
}

/** GET /api/desks. */
export interface DesksResponse {
  desks: DeskInfo[];
  /** The newsroom's default limits (the server's config file), for stories on no desk or a desk that sets none. */
  defaultLimits: DeskLimits;
}
