// Accounts and sessions: sign-in with rate limiting, bearer tokens stored only as hashes,
// expiry, sign-out, and adding users.
import { createHash, randomBytes } from 'node:crypto';
import { isRole, ROLES, type Role } from '../../model/roles.ts';
import type { Store, User } from '../storage/store.ts';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { FailureLimiter } from './rate-limiter.ts';

/** An authenticated caller. */
export interface Principal {
  user: User;
  tokenHash: string;
  expiresAt: number;
}

/** Why a sign-in was refused. */
export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    readonly kind: 'invalid' | 'rate-limited',
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

/** Why a user could not be added. */
export class UserInputError extends Error {
  override name = 'UserInputError';
}

/** Tunables; defaults suit a newsroom (a month-long session, 5 bad tries per name per 15 minutes). */
export interface AccountOptions {
  sessionTtlMs?: number;
  maxFailuresPerUsername?: number;
  maxFailuresPerAddress?: number;
  failureWindowMs?: number;
  now?: () => number;
}

/** The hash under which a token is stored and looked up. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** Throws UserInputError unless `username` and `role` are acceptable for a new user. */
export function validateNewUser<T extends { username: string; role: string }>(input: T): asserts input is T & { role: Role } {
  if (!USERNAME.test(input.username)) {
    throw new UserInputError('a username is 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  if (!isRole(input.role)) throw new UserInputError(`unknown role ${input.role}; use ${ROLES.join(', ')}`);
}

/** Sign-in, token checks, sign-out and user creation over a Store. */
export class Accounts {
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly byUsername: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(
    private readonly store: Store,
    options: AccountOptions = {},
  ) {
    this.ttl = options.sessionTtlMs ?? 30 * 24 * 3600 * 1000;
    this.now = options.now ?? Date.now;
    const window = options.failureWindowMs ?? 15 * 60 * 1000;
    this.byUsername = new FailureLimiter(options.maxFailuresPerUsername ?? 5, window, this.now);
    this.byAddress = new FailureLimiter(options.maxFailuresPerAddress ?? 30, window, this.now);
  }

  /** Checks the password and opens a session; throws SignInError when refused. */
  async signIn(username: string, password: string, address: string): Promise<{ token: string; user: User; expiresAt: number }> {
    const nameKey = username.toLowerCase();
    const wait = Math.max(this.byUsername.retryAfterMs(nameKey), this.byAddress.retryAfterMs(address));
    if (wait > 0) {
      throw new SignInError('rate-limited', `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, wait);
    }
    // Count the attempt before the slow check, so that a burst of parallel guesses is limited too.
    this.byUsername.fail(nameKey);
    this.byAddress.fail(address);
    const found = await this.store.findUserByUsername(username);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok) {
      await this.store.audit({ at: this.now(), userId: found?.id ?? null, action: 'session.refused', articleId: null, detail: { username, address } });
      throw new SignInError('invalid', 'wrong username or password');
    }
    this.byUsername.reset(nameKey);
    this.byAddress.forgive(address);
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = createdAt + this.ttl;
    await this.store.createSession({ tokenHash: hashToken(token), userId: found.id, createdAt, expiresAt });
    const { passwordHash: _secret, ...user } = found;
    await this.store.audit({ at: createdAt, userId: user.id, action: 'session.create', articleId: null, detail: { address } });
    return { token, user, expiresAt };
  }

  /** The principal a bearer token stands for, or null when it is unknown or expired. */
  async authenticate(token: string | null | undefined): Promise<Principal | null> {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const session = await this.store.findSession(tokenHash);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      await this.store.deleteSession(tokenHash);
      return null;
    }
    const user = await this.store.getUser(session.userId);
    return user ? { user, tokenHash, expiresAt: session.expiresAt } : null;
  }

  /** Ends a session. */
  async signOut(principal: Principal): Promise<void> {
    await this.store.deleteSession(principal.tokenHash);
    await this.store.audit({ at: this.now(), userId: principal.user.id, action: 'session.delete', articleId: null, detail: {} });
  }

  /** Creates a user; throws UserInputError for a bad name, role or password, DuplicateError for a taken name. */
  async addUser(input: { username: string; role: Role | string; password: string; displayName?: string }, by: string | null = null): Promise<User> {
    validateNewUser(input);
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new UserInputError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const user = await this.store.addUser({
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    await this.store.audit({ at: this.now(), userId: by, action: 'user.add', articleId: null, detail: { username: user.username, role: user.role } });
    return user;
  }

  /** Drops expired sessions and stale failure counters; call now and then. */
  async sweep(): Promise<void> {
    this.byUsername.prune();
    this.byAddress.prune();
    await this.store.deleteExpiredSessions(this.now());
  }
}
