// Accounts and sessions: sign-in with growing delays for failures, bearer tokens stored only as
// hashes, expiry, sign-out, ending all of a user's sessions, adding users and new passwords.
import { createHash, randomBytes } from 'node:crypto';
import { isUsername, USERNAME_MAX } from '../../model/people-types.ts';
import { isRole, ROLES, type Role } from '../../model/roles.ts';
import type { Logger } from '../log.ts';
import type { AccountStore, AuditLog, User, UserWithSecret } from '../storage/store.ts';
import { DeviceTokens } from './device-tokens.ts';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { DEFAULT_SIGN_IN_POLICIES, MemoryLedger, type AttemptLedger, type SignInPolicies, type ThrottleKey } from './rate-limiter.ts';
import { TokenSigner } from './signed-tokens.ts';

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
    readonly kind: 'invalid' | 'rate-limited' | 'disabled',
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

/** Why a user could not be added, or a password not set. */
export class UserInputError extends Error {
  override name = 'UserInputError';
}

/** Sessions that ended: one (by its token hash) or all of a user's but `except`; `reason` is shown to their sockets. */
export type EndedSessions = ({ tokenHash: string } | { userId: string; except?: string }) & { reason: string };

/** What a sign-in answers (POST /api/session): the session token, who, until when, and the device's token. */
export interface SignedIn {
  token: string;
  user: User;
  expiresAt: number;
  deviceToken: string;
}

/** Tunables; defaults suit a newsroom (a month-long session; DEFAULT_SIGN_IN_POLICIES). */
export interface AccountOptions {
  sessionTtlMs?: number;
  signIn?: Partial<SignInPolicies>;
  now?: () => number;
}

/** What Accounts works with beyond the store; all optional. */
export interface AccountDeps {
  /** Where failed sign-ins are counted (shared by the instances with Redis); in memory by default. */
  ledger?: AttemptLedger;
  /** Signs device tokens; by default with the store's key, read on first use. */
  signer?: TokenSigner;
  logger?: Logger;
}

/** The hash under which a token is stored and looked up. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The longest username; longer ones cannot exist, and are cut to this in counters and the audit. */
export const MAX_USERNAME_LENGTH = USERNAME_MAX;

/** The longest new password (scrypt's work grows with it). */
export const MAX_PASSWORD_LENGTH = 1024;

/** `value` cut to `max` characters, marked with an ellipsis when it was longer. */
const shorten = (value: string, max = MAX_USERNAME_LENGTH) => (value.length > max ? `${value.slice(0, max)}…` : value);

/** Throws UserInputError unless `username` and `role` are acceptable for a new user. */
export function validateNewUser<T extends { username: string; role: string }>(input: T): asserts input is T & { role: Role } {
  if (!isUsername(input.username)) {
    throw new UserInputError('a username is 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  if (!isRole(input.role)) throw new UserInputError(`unknown role ${input.role}; use ${ROLES.join(', ')}`);
}

/** Throws UserInputError unless `password` is long enough, and not too long, for a new password. */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserInputError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new UserInputError(`a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Sign-in, token checks, sign-out and user management over the account store and the audit log. */
export class Accounts {
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly policies: SignInPolicies;
  private readonly ledger: AttemptLedger;
  private readonly logger: Logger;
  private devices: Promise<DeviceTokens> | null = null;
  private readonly endedListeners = new Set<(ended: EndedSessions) => void>();

  constructor(
    private readonly store: AccountStore & AuditLog,
    options: AccountOptions = {},
    private readonly deps: AccountDeps = {},
  ) {
    this.ttl = options.sessionTtlMs ?? 30 * 24 * 3600 * 1000;
    this.now = options.now ?? Date.now;
    this.policies = { ...DEFAULT_SIGN_IN_POLICIES, ...options.signIn };
    this.ledger = deps.ledger ?? new MemoryLedger();
    this.logger = deps.logger ?? silent;
  }

  private deviceTokens(): Promise<DeviceTokens> {
    this.devices ??= (this.deps.signer ? Promise.resolve(this.deps.signer) : TokenSigner.open(this.store)).then((signer) => new DeviceTokens(signer, this.now));
    return this.devices;
  }

  /**
   * Checks the password and opens a session; throws SignInError when refused. An attempt with a
   * genuine device token for this username is counted under that device only; any other under
   * the username and the address. A key that owes a wait is refused before the password is read.
   */
  async signIn(
    username: string,
    password: string,
    address: string,
    deviceToken?: string,
  ): Promise<SignedIn> {
    const name = username.toLowerCase().slice(0, MAX_USERNAME_LENGTH);
    const devices = await this.deviceTokens();
    const device = deviceToken ? devices.deviceOf(deviceToken, name) : null;
    const keys: ThrottleKey[] = device
      ? [{ key: `device:${device}`, policy: this.policies.device }]
      : [
          { key: `user:${name}`, policy: this.policies.username },
          { key: `addr:${address}`, policy: this.policies.address },
        ];
    const admission = await this.ledger.begin(keys, this.policies.quietMs, this.now());
    if (admission.failures === undefined) {
      const seconds = Math.ceil(admission.waitMs / 1000);
      throw new SignInError('rate-limited', `too many failed sign-ins for this name or from this address; try again in ${seconds} s`, admission.waitMs);
    }
    const found = username.length <= MAX_USERNAME_LENGTH ? await this.store.findUserByUsername(username) : null;
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok) {
      await this.store.audit({ at: this.now(), userId: found?.id ?? null, action: 'session.refused', articleId: null, detail: { username: shorten(username), address } });
      this.logSlowdown(keys, admission.failures, shorten(username), address);
      throw new SignInError('invalid', 'wrong username or password');
    }
    // The owner proved who they are: their name's count starts again; the address keeps the others' failures.
    await this.ledger.succeed(device ? [] : [keys[1].key], [keys[0].key]);
    // Told only to whoever knows the password: a guess learns nothing of the account's state.
    if (found.disabled) {
      await this.store.audit({ at: this.now(), userId: found.id, action: 'session.refused', articleId: null, detail: { username: found.username, address, disabled: true } });
      throw new SignInError('disabled', 'this account is disabled; ask an admin of the newsroom');
    }
    return this.openSession(found, address, device ? deviceToken : undefined);
  }

  /** Opens a session for an account that proved itself (a password, a setup link), audited as a sign-in from `address`; a new device token unless `keptDevice`. */
  async openSession(found: UserWithSecret, address: string, keptDevice?: string): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = createdAt + this.ttl;
    await this.store.createSession({ tokenHash: hashToken(token), userId: found.id, createdAt, expiresAt });
    const { passwordHash: _secret, disabled: _active, ...user } = found;
    await this.store.audit({ at: createdAt, userId: user.id, action: 'session.create', articleId: null, detail: { address } });
    return { token, user, expiresAt, deviceToken: keptDevice ?? (await this.deviceTokens()).issue(found.username.toLowerCase()) };
  }

  // One line when a failure makes a key wait (at most once per wait: the wait refuses the rest unread).
  private logSlowdown(keys: ThrottleKey[], failures: number[], username: string, address: string): void {
    keys.forEach(({ key, policy }, i) => {
      if (failures[i] <= policy.free) return;
      const what = key.startsWith('addr:') ? `address ${address}` : key.startsWith('device:') ? `a device of ${username}` : `username ${username}`;
      this.logger.warn(`sign-in: ${failures[i]} failed attempts in a row for ${what} (from ${address}); its next attempt waits`);
    });
  }

  /** The principal a bearer token stands for, or null when it is unknown or expired. */
  async authenticate(token: string | null | undefined): Promise<Principal | null> {
    return token ? this.authenticateSession(hashToken(token)) : null;
  }

  /** The principal of the session stored under `tokenHash`, or null when it is unknown or expired. */
  async authenticateSession(tokenHash: string): Promise<Principal | null> {
    const session = await this.store.findSession(tokenHash);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      await this.store.deleteSession(tokenHash);
      return null;
    }
    const user = await this.store.getUser(session.userId);
    return user ? { user, tokenHash, expiresAt: session.expiresAt } : null;
  }

  /** The role of the session under `tokenHash` now, or null when it ended or expired (for re-checking open sockets). */
  async sessionRole(tokenHash: string): Promise<Role | null> {
    const session = await this.store.findSession(tokenHash);
    if (session === null || session.expiresAt <= this.now()) return null;
    return (await this.store.getUser(session.userId))?.role ?? null;
  }

  /** Calls `listener` whenever sessions end here (sign-out, a user's sessions ended); returns the unsubscribe. */
  onSessionsEnded(listener: (ended: EndedSessions) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private ended(ended: EndedSessions): void {
    for (const listener of this.endedListeners) listener(ended);
  }

  /** Ends a session. */
  async signOut(principal: Principal): Promise<void> {
    await this.store.deleteSession(principal.tokenHash);
    await this.store.audit({ at: this.now(), userId: principal.user.id, action: 'session.delete', articleId: null, detail: {} });
    this.ended({ tokenHash: principal.tokenHash, reason: 'signed out' });
  }

  /**
   * Ends every session of a user but `except` (a token hash), if given: a changed password, a
   * disabled account, signing out everywhere. Their open sockets on this instance close at once,
   * on other instances (and after a change by the CLI) at their next re-check.
   */
  async endSessionsOf(userId: string, reason: string, by: string | null = null, except?: string): Promise<number> {
    const count = await this.store.deleteUserSessions(userId, except);
    await this.store.audit({ at: this.now(), userId: by, action: 'session.end-all', articleId: null, detail: { user: userId, reason, sessions: count } });
    this.ended({ userId, except, reason });
    return count;
  }

  /**
   * Changes the caller's own password once `current` is proved, and ends their other sessions.
   * Wrong guesses are counted per account like sign-ins (SignInError 'rate-limited' while it must
   * wait, 'invalid' for a wrong current password); UserInputError for a bad new one.
   */
  async changeOwnPassword(principal: Principal, current: string, next: string): Promise<void> {
    checkPassword(next);
    const keys = [{ key: `password:${principal.user.id}`, policy: this.policies.username }];
    const admission = await this.ledger.begin(keys, this.policies.quietMs, this.now());
    if (admission.failures === undefined) {
      throw new SignInError('rate-limited', `too many wrong passwords; try again in ${Math.ceil(admission.waitMs / 1000)} s`, admission.waitMs);
    }
    const found = await this.store.findUserByUsername(principal.user.username);
    if (!found || !(await verifyPassword(current, found.passwordHash))) {
      await this.store.audit({ at: this.now(), userId: principal.user.id, action: 'user.password-refused', articleId: null, detail: {} });
      throw new SignInError('invalid', 'the current password is wrong');
    }
    await this.ledger.succeed([], [keys[0].key]);
    await this.store.setPasswordHash(found.id, await hashPassword(next));
    await this.store.audit({ at: this.now(), userId: found.id, action: 'user.password', articleId: null, detail: { username: found.username, own: true } });
    await this.endSessionsOf(found.id, 'password changed', found.id, principal.tokenHash);
  }

  /** Creates a user; throws UserInputError for a bad name, role or password, DuplicateError for a taken name. */
  async addUser(input: { username: string; role: string; password: string; displayName?: string }, by: string | null = null): Promise<User> {
    validateNewUser(input);
    checkPassword(input.password);
    const user = await this.store.addUser({
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    await this.store.audit({ at: this.now(), userId: by, action: 'user.add', articleId: null, detail: { username: user.username, role: user.role } });
    return user;
  }

  /** Gives a user a new password and ends all their sessions; throws UserInputError for an unknown user or a short password. */
  async resetPassword(username: string, password: string, by: string | null = null): Promise<User> {
    checkPassword(password);
    const found = await this.store.findUserByUsername(username);
    if (!found || !(await this.store.setPasswordHash(found.id, await hashPassword(password)))) throw new UserInputError(`there is no user ${username}`);
    await this.store.audit({ at: this.now(), userId: by, action: 'user.password', articleId: null, detail: { username: found.username } });
    await this.endSessionsOf(found.id, 'password changed', by);
    const { passwordHash: _secret, disabled: _disabled, ...user } = found;
    return user;
  }

  /** Drops expired sessions and forgotten failure counts; call now and then. */
  async sweep(): Promise<void> {
    this.ledger.prune(this.policies.quietMs, this.now());
    await this.store.deleteExpiredSessions(this.now());
  }
}
