// The newsroom's people as an admin runs them from the app: the list, adding a person, changing
// their role, desks, name and status, new passwords, and ending sessions. Every change is an
// audit entry naming who made it; the caller's right to make it is checked by the routes.
import { randomBytes } from 'node:crypto';
import type { NewPersonResponse, PersonChange, PersonInfo } from '../../model/people-types.ts';
import type { Role } from '../../model/roles.ts';
import { UserInputError, type Accounts, type Principal } from '../auth/accounts.ts';
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

/** People management over the account and desk store, the audit log and the sessions; `by` null is the command line. */
export class People {
  constructor(
    private readonly store: AccountStore & DeskStore & AuditLog,
    private readonly accounts: Accounts,
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

  /** Adds a person; without a password a temporary one is made and answered once. */
  async add(input: { username: string; displayName?: string; role: string; desks?: string[]; password?: string }, by: User): Promise<NewPersonResponse> {
    if (input.desks) await this.checkDesks(input.desks);
    const password = input.password ?? temporaryPassword();
    const user = await asHttp(this.accounts.addUser({ ...input, password }, by.id));
    if (input.desks && input.desks.length > 0) await this.change(user.username, { desks: input.desks }, by);
    const person = (await this.store.getPerson(user.id))!;
    return { user: personInfo(person), ...(input.password === undefined ? { temporaryPassword: password } : {}) };
  }

  /** Changes a person's role, desks, display name or status; 404 for nobody, 409 for the last active admin. */
  async change(username: string, change: PersonChange, by: User | null): Promise<PersonInfo> {
    const found = await this.store.findUserByUsername(username);
    if (!found) throw notFound(`user ${username}`);
    if (change.desks) await this.checkDesks(change.desks);
    const result = await this.store.changeAccount(found.id, change, this.now());
    if (result.kind === 'missing') throw notFound(`user ${username}`);
    if (result.kind === 'last-admin') throw new HttpError(409, `${found.username} is the last active admin: make someone else an admin first`);
    const { before, after } = result;
    const detail = { username: after.username, ...differences(before, after), ...(by ? {} : { via: 'cli' }) };
    await this.store.audit({ at: this.now(), userId: by?.id ?? null, action: 'user.change', articleId: null, detail });
    if (after.disabledAt !== null && before.disabledAt === null) await this.accounts.endSessionsOf(after.id, 'account disabled', by?.id ?? null);
    return personInfo(after);
  }

  /** Gives a person a new temporary password (answered once) and ends their sessions. */
  async resetPassword(username: string, by: User): Promise<{ temporaryPassword: string }> {
    if (!(await this.store.findUserByUsername(username))) throw notFound(`user ${username}`);
    const password = temporaryPassword();
    await asHttp(this.accounts.resetPassword(username, password, by.id));
    return { temporaryPassword: password };
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

type Changed = { role?: [Role, Role]; displayName?: [string, string]; desks?: [string[], string[]]; disabled?: [boolean, boolean] };

// What a change changed, each field as [before, after], for its audit entry.
function differences(before: Person, after: Person): Changed {
  const changed: Changed = {};
  if (before.role !== after.role) changed.role = [before.role, after.role];
  if (before.displayName !== after.displayName) changed.displayName = [before.displayName, after.displayName];
  if (before.desks.join() !== after.desks.join()) changed.desks = [before.desks, after.desks];
  if ((before.disabledAt === null) !== (after.disabledAt === null)) changed.disabled = [before.disabledAt !== null, after.disabledAt !== null];
  return changed;
}
