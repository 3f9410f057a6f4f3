// The JSON shapes of the HTTP API, shared by the server (which produces them) and the
// renderer (which reads them).
import type { Role } from './roles.ts';
import type { Status } from './workflow.ts';

/** A signed-in user as the API shows it. */
export interface ApiUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: number;
}

/** `POST /api/session`'s answer. */
export interface SignInResponse {
  token: string;
  user: ApiUser;
  expiresAt: number;
}

/** Someone who has a story open right now. */
export interface OpenBy {
  id: string;
  username: string;
  displayName: string;
}

/** A story in the list (`GET /api/articles`) and alone (`GET /api/articles/:id`). */
export interface ArticleListItem {
  id: string;
  headline: string;
  byline: string;
  desk: string;
  slug: string;
  wordCount: number;
  status: Status;
  submittedRevision: number | null;
  approvedRevision: number | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string | null;
  updatedByName: string | null;
  openBy: OpenBy[];
}

/** Every error answer: `{error}` with a 4xx or 5xx status. */
export interface ApiErrorBody {
  error: string;
}
