// The newsroom's people as an admin runs them from the app: the list, adding a person, changing
// their role, desks, name and status, new passwords and setup links, and ending sessions. Every
// change is an audit entry naming who made it; the caller's right to make it is checked by the routes.
import { randomBytes } from 'node:crypto';
import type { NewPersonResponse, PersonChange, PersonInfo } from '../../model/people-types.ts';
import { UserInputError, type Accounts, type Principal } from '../auth/accounts.ts';
import { unusablePassword, type IssuedLink, type SetupLinks } from '../auth/setup-links.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import { DuplicateError, type AccountStore, type AuditLog, type DeskStore, type Person, type User } from '../storage/store.ts';

/** A person as the wire shows them. */
export const personInfo = ({ disabledAt, ...person }: Person): PersonInfo => ({ ...person, disabled: disabledAt !== null });

/** A new temporary password: 16 characters from 96 random bits, shown once. */
const temporaryPassword = () => randomBytes(12).toString('base64url');

// UserInputError (a bad name, role or password) as 400, DuplicateError (a taken name) as 409.
async function asHttp<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserInputError) throw badRequest(error.message);
    if (error instanceof DuplicateError) throw new HttpError(409, error.message);
    throw error;
  }
}

/** How a new password reaches a person: their own (given by the admin), a temporary one shown once, or a setup link under `origin`. */
export type Credential = { password: string } | { temporaryPassword: true } | { setupLinkAt: string };

/** People management over the account and desk store, the audit log, the sessions and (in the app) setup links; `by` null is the command line. */
export class People {
  constructor(
    private readonly store: AccountStore & DeskStore & AuditLog,
    private readonly accounts: Accounts,
    private readonly links: SetupLinks | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Everyone, by username. */
  async list(): Promise<PersonInfo[]> {
    return (await this.store.listPeople()).map(personInfo);
  }

  /** The ids of the desks `userId` is a member of. */
  async desksOf(userId: string): Promise<string[]> {
    return (await this.store.getPerson(userId))?.desks ?? [];
  }

  /** Adds a person with their own password, a temporary one or a setup link (either answered once; until the link is used the account has a password no one knows). */
  async add(input: { username: string; displayName?: string; role: string; desks?: string[] }, credential: Credential, by: User): Promise<NewPersonResponse> {
    if (input.desks) await this.checkDesks(input.desks);
    const password = 'password' in credential ? credential.password : 'temporaryPassword' in credential ? temporaryPassword() : unusablePassword();
    const user = await asHttp(this.accounts.addUser({ ...input, password }, by.id));
    if (input.desks && input.desks.length > 0) await this.change(user.username, { desks: input.desks }, by);
    const person = (await this.store.getPerson(user.id))!;
    if ('setupLinkAt' in credential) return { user: personInfo(person), ...(await this.link(user.username, credential.setupLinkAt, by)) };
    return { user: personInfo(person), ...('temporaryPassword' in credential ? { temporaryPassword: password } : {}) };
  }

  /** Changes a person's role, desks, display name or status; 404 for nobody, 409 for the last active admin. */
  async change(username: string, change: PersonChange, by: User | null): Promise<PersonInfo> {
    const found = await this.store.findUserByUsername(username);
    if (!found) throw notFound(`user ${username}`);
    if (change.desks) await this.checkDesks(change.desks);
    const result = await this.store.changeAccount(found.id, change, this.now(), by ? { userId: by.id } : { userId: null, detail: { via: 'cli' } });
    if (result.kind === 'missing') throw notFound(`user ${username}`);
    if (result.kind === 'last-admin') throw new HttpError(409, `${found.username} is the last active admin: make someone else an admin first`);
    const { before, after } = result;
    if (after.disabledAt !== null && before.disabledAt === null) await this.accounts.endSessionsOf(after.id, 'account disabled', by?.id ?? null);
    return personInfo(after);
  }

  /** Gives a person a new password no one knows and ends their sessions; answers it (temporary, shown once) or a setup link under `setupLinkAt`. */
  async resetPassword(username: string, by: User, setupLinkAt?: string): Promise<{ temporaryPassword: string } | IssuedLink> {
    if (!(await this.store.findUserByUsername(username))) throw notFound(`user ${username}`);
    const password = setupLinkAt === undefined ? temporaryPassword() : unusablePassword();
    await asHttp(this.accounts.resetPassword(username, password, by.id));
    return setupLinkAt === undefined ? { temporaryPassword: password } : this.link(username, setupLinkAt, by);
  }

  // A setup link to `username`'s account as it is now, audited (the link itself is not kept anywhere).
  private async link(username: string, origin: string, by: User): Promise<IssuedLink> {
    if (!this.links) throw new Error('setup links are made by the server, not the command line');
    const issued = await this.links.issue(username, origin);
    await this.store.audit({ at: this.now(), userId: by.id, action: 'user.setup-link', articleId: null, detail: { username, expiresAt: issued.setupExpiresAt } });
    return issued;
  }

  /** Signs `username` out everywhere; the caller signing themself out keeps the session they ask from. */
  async endSessions(username: string, by: Principal): Promise<{ ended: number }> {
    const found = await this.store.findUserByUsername(username);
    if (!found) throw notFound(`user ${username}`);
    const own = found.id === by.user.id;
    return { ended: await this.accounts.endSessionsOf(found.id, own ? 'signed out elsewhere' : 'signed out by an admin', by.user.id, own ? by.tokenHash : undefined) };
  }

  // 400 unless every id names a desk that is not archived.
  private async checkDesks(ids: string[]): Promise<void> {
    const open = new Set((await this.store.listDesks()).filter((desk) => desk.archivedAt === null).map((desk) => desk.id));
    const unknown = ids.find((id) => !open.has(id));
    if (unknown !== undefined) throw badRequest(`there is no open desk ${JSON.stringify(unknown.slice(0, 64))}`);
  }
}
