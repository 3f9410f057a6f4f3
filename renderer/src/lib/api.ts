// The HTTP API client: JSON in and out, bearer token, and errors that say what went wrong. The
// token travels only in the Authorization header, never in a URL: sockets get a short ticket
// and pictures are fetched with the header.
import type {
  ApiErrorBody,
  ArticleDiff,
  ArticleListItem,
  CollabTicket,
  CreditReport,
  RevisionInfo,
  SignInResponse,
  ReopenResponse,
  SpikeResponse,
  ArticleVersion,
  UploadedPicture,
  VersionRef,
} from '../../../model/api-types.ts';
import type { DeskLimits } from '../../../model/desk-limits.ts';
import type { DictionaryAddResponse, DictionaryEntry, DictionaryResponse } from '../../../model/dictionary.ts';
import type { AmendmentKind } from '../../../model/amendments.ts';
import type { ApprovalBlocker } from '../../../model/approval-blockers.ts';
import type {
  DeskInfo,
  DesksResponse,
  NewPersonResponse,
  OwnSessionResponse,
  PeopleResponse,
  PersonChange,
  PersonInfo,
  SetupLinkInfo,
} from '../../../model/people-types.ts';
import type { ReleaseRequest } from '../../../model/release-state.ts';
import type { Role } from '../../../model/roles.ts';
import { parseListEvent, type ListEvent } from '../../../model/list-events.ts';
import { SseParser } from '../../../model/sse-parser.ts';

/** A failed API call: the HTTP status (0 when the server could not be reached) and its message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Export formats the server offers. */
export type ExportFormat = 'text' | 'html' | 'ninjs';

/** Calls the Newsroom server at `serverUrl`; `onUnauthorized` runs when a token is refused. */
export class Api {
  constructor(
    readonly serverUrl: string,
    private readonly token: string | null,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  private async call(method: string, path: string, body?: unknown, raw?: { type: string; data: Uint8Array }, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (raw) headers['content-type'] = raw.type;
    let response: Response;
    try {
      const payload = raw ? raw.data : body === undefined ? undefined : JSON.stringify(body);
      // A Uint8Array is a valid fetch body; Node's and the DOM's typings disagree on how to say so.
      response = await fetch(this.serverUrl + path, { method, headers, body: payload as string | undefined, signal });
    } catch {
      throw new ApiError(0, `cannot reach the server at ${this.serverUrl}`);
    }
    if (response.ok) return response;
    const message = ((await response.json().catch(() => null)) as ApiErrorBody | null)?.error ?? response.statusText;
    if (response.status === 401 && this.token) this.onUnauthorized();
    throw new ApiError(response.status, message);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.call(method, path, body)).json()) as T;
  }

  /** Signs in (with this device's token for the user, if it has one); the answer holds the token to use from now on. */
  signIn(username: string, password: string, device?: string): Promise<SignInResponse> {
    return this.json('POST', '/api/session', { username, password, device });
  }

  /** A fresh ticket (good for a minute) to open story `articleId`'s socket with. */
  async collabTicket(articleId: string): Promise<string> {
    return (await this.json<CollabTicket>('POST', '/api/tickets', { articleId })).ticket;
  }

  /** The signed-in user, when the session ends and their desks (a 401 when it has ended). */
  currentSession(): Promise<OwnSessionResponse> {
    return this.json('GET', '/api/session');
  }

  /** Whose account a setup link sets up (public; 404 for a link unknown, used or expired). */
  setupLink(token: string): Promise<SetupLinkInfo> {
    return this.json('GET', `/api/setup/${encodeURIComponent(token)}`);
  }

  /** Sets the first password with a setup link (public); the answer is a sign-in's. */
  completeSetup(token: string, password: string): Promise<SignInResponse> {
    return this.json('POST', '/api/setup', { token, password });
  }

  /** Changes one's own password; the other sessions end. */
  async changePassword(current: string, next: string): Promise<void> {
    await this.call('POST', '/api/session/password', { current, next });
  }

  // People and desks: admins run them (everyone reads the desks).

  /** Everyone in the newsroom (admins). */
  async people(): Promise<PersonInfo[]> {
    return (await this.json<PeopleResponse>('GET', '/api/users')).users;
  }

  /** Adds a person with a one-time setup link, or (`temporaryPassword`) a temporary password: either is in the answer, once. */
  addPerson(input: { username: string; displayName?: string; role: Role; desks: string[]; temporaryPassword?: boolean }): Promise<NewPersonResponse> {
    return this.json('POST', '/api/users', input);
  }

  /** Changes a person's role, desks, status or display name; the person as they are now. */
  changePerson(username: string, change: PersonChange): Promise<PersonInfo> {
    return this.json('PATCH', `/api/users/${encodeURIComponent(username)}`, change);
  }

  /** A new temporary password for a person (their sessions end), answered once. */
  async resetPassword(username: string): Promise<string> {
    return (await this.json<{ temporaryPassword: string }>('POST', `/api/users/${encodeURIComponent(username)}/password-reset`, {})).temporaryPassword;
  }

  /** Ends a person's sessions (for oneself: the others); how many ended. */
  async endSessions(username: string): Promise<number> {
    return (await this.json<{ ended: number }>('DELETE', `/api/users/${encodeURIComponent(username)}/sessions`)).ended;
  }

  /** The newsroom's desks, archived ones too. */
  async desks(): Promise<DeskInfo[]> {
    return (await this.deskList()).desks;
  }

  /** The newsroom's desks with the default limits for desks that set none. */
  deskList(): Promise<DesksResponse> {
    return this.json<DesksResponse>('GET', '/api/desks');
  }

  /** Adds a desk (admins). */
  addDesk(name: string): Promise<DeskInfo> {
    return this.json('POST', '/api/desks', { name });
  }

  /** Renames, archives or reopens a desk, or sets its limits (admins). */
  changeDesk(id: string, change: { name?: string; archived?: boolean; limits?: DeskLimits }): Promise<DeskInfo> {
    return this.json('PATCH', `/api/desks/${encodeURIComponent(id)}`, change);
  }

  /** Puts a story on a desk (or none) or restricts it to its desk and named people; the story's list entry as it is now. */
  changeArticle(id: string, change: { desk?: string | null; restricted?: boolean; people?: string[] }): Promise<ArticleListItem> {
    return this.json('PATCH', this.articlePath(id), change);
  }

  // The newsroom dictionary: everyone reads it, the desk, editors and admins change it.

  /** Every word of the newsroom dictionary, in code-point order. */
  async dictionary(): Promise<DictionaryEntry[]> {
    return (await this.json<DictionaryResponse>('GET', '/api/dictionary')).words;
  }

  /** Adds a word to the newsroom dictionary (there already: answered as it is). */
  addDictionaryWord(word: string): Promise<DictionaryAddResponse> {
    return this.json('POST', '/api/dictionary', { word });
  }

  /** Takes a word out of the newsroom dictionary. */
  async removeDictionaryWord(word: string): Promise<void> {
    await this.call('DELETE', `/api/dictionary/${encodeURIComponent(word)}`);
  }

  /** Ends this token's session on the server. */
  async signOut(): Promise<void> {
    await this.call('DELETE', '/api/session');
  }

  // The story list: its pages and its live changes.

  /** One page of the story list: the first, or the `next` of the page before (null after the last). */
  async listArticlePage(path = LIST_PATH): Promise<{ articles: ArticleListItem[]; next: string | null }> {
    const response = await this.call('GET', path);
    return { articles: (await response.json()) as ArticleListItem[], next: nextPagePath(response.headers.get('link')) };
  }

  /** The whole story list (or, with `only`, the spiked stories), a page at a time (each page bounded by the server). */
  async listArticles(spiked?: 'only'): Promise<ArticleListItem[]> {
    const articles: ArticleListItem[] = [];
    const seen = new Set<string>();
    for (let path: string | null = spiked ? `${LIST_PATH}?spiked=${spiked}` : LIST_PATH; path !== null; ) {
      const page = await this.listArticlePage(path);
      const fresh = page.articles.filter((article) => !seen.has(article.id));
      for (const article of fresh) seen.add(article.id);
      articles.push(...fresh);
      // A page with nothing new cannot lead anywhere new.
      path = fresh.length > 0 ? page.next : null;
    }
    return articles;
  }

  /**
   * Reads the story list's event stream (fetch, not EventSource: it sends the token as a header)
   * until it ends or `signal` aborts: each event to `onEvent`, and `onData` whenever anything
   * arrives, heartbeats too. Rejects with an ApiError when the stream cannot be opened.
   */
  async listEvents(onEvent: (event: ListEvent) => void, signal: AbortSignal, onData: () => void = () => undefined): Promise<void> {
    const response = await this.call('GET', '/api/events', undefined, undefined, signal);
    if (!response.body) throw new ApiError(0, 'the event stream has no body');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onData();
      for (const { event, data } of parser.push(value)) {
        const parsed = parseListEvent(event, data);
        if (parsed) onEvent(parsed);
      }
    }
  }

  /** One story's list entry. */
  getArticle(id: string): Promise<ArticleListItem> {
    return this.json('GET', `/api/articles/${encodeURIComponent(id)}`);
  }

  /** Creates a story (with a chosen id for one made here, e.g. by an import). */
  createArticle(input: { id?: string; headline?: string } = {}): Promise<ArticleListItem> {
    return this.json('POST', '/api/articles', input);
  }

  /** A story's revisions, oldest first. */
  listRevisions(id: string): Promise<RevisionInfo[]> {
    return this.json('GET', `${this.articlePath(id)}/revisions`);
  }

  /** Saves the server's current state of the story as a new revision. */
  createRevision(id: string, note: string): Promise<RevisionInfo> {
    return this.json('POST', `${this.articlePath(id)}/revisions`, { note });
  }

  /** Files revision `rev` for approval. */
  async submit(id: string, rev: number): Promise<void> {
    await this.call('POST', `${this.articlePath(id)}/revisions/${rev}/submit`, {});
  }

  /** Approves exactly revision `rev` (editors); `allowMissingImages` approves it without the images never attached, explicitly. */
  async approve(id: string, rev: number, allowMissingImages = false): Promise<void> {
    await this.call('POST', `${this.articlePath(id)}/revisions/${rev}/approve`, { allowMissingImages });
  }

  /** What blocks approving revision `rev` (pictures without a credit or an image). */
  approvalBlockers(id: string, rev: number): Promise<ApprovalBlocker[]> {
    return this.json('GET', `${this.articlePath(id)}/revisions/${rev}/blockers`);
  }

  /** Sends revision `rev` back to the author with a note (editors). */
  async reject(id: string, rev: number, note: string): Promise<void> {
    await this.call('POST', `${this.articlePath(id)}/revisions/${rev}/reject`, { note });
  }

  /** Brings revision `rev`'s content back as a new change on top of the draft. */
  async restore(id: string, rev: number): Promise<void> {
    await this.call('POST', `${this.articlePath(id)}/revisions/${rev}/restore`, {});
  }

  /** What changed from `from` to `to` (revision numbers, 'approved' or 'live'). */
  diff(id: string, from: number | 'approved' | 'live', to: number | 'approved' | 'live'): Promise<ArticleDiff> {
    return this.json('GET', `${this.articlePath(id)}/diff?from=${from}&to=${to}`);
  }

  /** One version's readable content (the approved revision, any revision, or the live draft), to read. */
  articleVersion(id: string, version: VersionRef): Promise<ArticleVersion> {
    return this.json('GET', `${this.articlePath(id)}/content?rev=${version}`);
  }

  /** Reopens the approved story as an update or a correction with the editor's note (editors). */
  reopen(id: string, as: AmendmentKind, note: string): Promise<ReopenResponse> {
    return this.json('POST', `${this.articlePath(id)}/reopen`, { as, note });
  }

  /** Spikes the story: out of the list and the queue until restored. */
  spike(id: string): Promise<SpikeResponse> {
    return this.json('POST', `${this.articlePath(id)}/spike`, {});
  }

  /** Restores a spiked story. */
  unspike(id: string): Promise<SpikeResponse> {
    return this.json('POST', `${this.articlePath(id)}/unspike`, {});
  }

  /** Uploads an image; the answer names it by hash and carries any credit embedded in the file. */
  async uploadPicture(data: Uint8Array, type: string): Promise<UploadedPicture> {
    return (await (await this.call('POST', '/api/pictures', undefined, { type, data })).json()) as UploadedPicture;
  }

  /** A picture (or its small preview), fetched with the token in the header; show it through a blob URL. */
  async picture(hash: string, preview = true): Promise<Blob> {
    return (await this.call('GET', `/api/pictures/${encodeURIComponent(hash)}${preview ? '/preview' : ''}`)).blob();
  }

  /** Every credit in use, optionally those containing `query`. */
  credits(query = ''): Promise<CreditReport[]> {
    return this.json('GET', `/api/credits${query ? `?q=${encodeURIComponent(query)}` : ''}`);
  }

  /** The credits report as CSV, for the picture desk's records. */
  async creditsCsv(): Promise<string> {
    return (await this.call('GET', '/api/credits?format=csv')).text();
  }

  private articlePath(id: string): string {
    return `/api/articles/${encodeURIComponent(id)}`;
  }

  /** Version `version` of the story (the live draft by default) exported in `format`, as text; `embargoed` asks for the approved version's embargoed copy. */
  async exportArticle(id: string, format: ExportFormat, version: VersionRef = 'live', embargoed = false): Promise<string> {
    return (await this.call('GET', `/api/articles/${encodeURIComponent(id)}/export?format=${format}&rev=${version}${embargoed ? '&embargoed=1' : ''}`)).text();
  }

  /** Sets the story's embargo and legal hold (desk and editors); the story's entry as it is now. */
  setRelease(id: string, release: ReleaseRequest): Promise<ArticleListItem> {
    return this.json('PUT', `${this.articlePath(id)}/release`, release);
  }

  /** Kills the story for good, saying why (editors); the story's entry as it is now. */
  killArticle(id: string, note: string): Promise<ArticleListItem> {
    return this.json('POST', `${this.articlePath(id)}/kill`, { note });
  }
}

/** The path of the story list's first page. */
const LIST_PATH = '/api/articles';

/** The next page's path from a `Link` header: only a page of the list on the same server is followed. */
export function nextPagePath(link: string | null): string | null {
  const target = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link ?? '')?.[1] ?? null;
  return target !== null && target.startsWith(`${LIST_PATH}?`) ? target : null;
}

/** The websocket base URL for collaboration on a server. */
export const collabUrl = (serverUrl: string) => serverUrl.replace(/^http/, 'ws') + '/collab';

/** Normalises what a user typed as the server address: adds http://, drops trailing slashes. */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
}

/** The server a browser build was loaded from, or the embedded server's address in the desktop app (app://). */
export function defaultServerUrl(location: { protocol: string; origin: string }): string {
  return /^https?:$/.test(location.protocol) ? location.origin : 'http://127.0.0.1:4455';
}
