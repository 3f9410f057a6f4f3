// One-time setup links (docs/API.md, "Setup links"; SECURITY.md): what an admin hands a new person,
// or one who forgot their password, to choose a password and be signed in. Nothing is stored for
// a link: its token is signed (signed-tokens.ts, purpose `setup`) and carries the account's id,
// its expiry and a fingerprint of the account's password hash when it was made. Any new password
// (through the link, a reset, a newer link) changes the hash, so a link works once and a newer
// one voids the older. Every look-up is counted per client address like sign-ins; a genuine link
// takes its count back, so only guesses slow down.
import { createHash, randomBytes } from 'node:crypto';
import type { SetupLinkInfo } from '../../model/people-types.ts';
import type { AccountStore, AuditLog, UserWithSecret } from '../storage/store.ts';
import { checkPassword, SignInError, type Accounts, type SignedIn } from './accounts.ts';
import { hashPassword } from './passwords.ts';
import type { AttemptLedger, DelayPolicy } from './rate-limiter.ts';
import type { TokenSigner } from './signed-tokens.ts';

/** How long a setup link works. */
export const SETUP_LINK_TTL_MS = 7 * 24 * 3600_000;

/** What follows the server's origin in a link: the app's setup page, the token after it. */
export const SETUP_PATH = '/#/setup/';

/** A password no one is told, for an account waiting for its setup link (96 random bits more than a temporary one). */
export const unusablePassword = (): string => randomBytes(24).toString('base64url');

// Visible to whoever holds the link: a digest of the (salted, scrypt) hash tells them nothing of the password.
const fingerprint = (passwordHash: string) => createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);

/** A new setup link and when it stops working. */
export interface IssuedLink {
  setupLink: string;
  setupExpiresAt: number;
}

/** Makes, reads and uses setup links. */
export class SetupLinks {
  constructor(
    private readonly store: AccountStore & AuditLog,
    private readonly accounts: Accounts,
    private readonly signer: TokenSigner,
    private readonly attempts: { ledger: AttemptLedger; policy: DelayPolicy; quietMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** A link to `username`'s account as it is now, under `origin` (`https://host`); an Error if there is no such account. */
  async issue(username: string, origin: string): Promise<IssuedLink> {
    const found = await this.store.findUserByUsername(username);
    if (!found) throw new Error(`no account ${username} to make a setup link for`);
    const setupExpiresAt = this.now() + SETUP_LINK_TTL_MS;
    const token = this.signer.sign('setup', { u: found.id, f: fingerprint(found.passwordHash), e: setupExpiresAt });
    return { setupLink: `${origin}${SETUP_PATH}${token}`, setupExpiresAt };
  }

  /** Whose account the link sets up; SignInError 'invalid' for one that is unknown, used, expired or of a disabled account, 'rate-limited' while the address must wait. */
  async info(token: string, address: string): Promise<SetupLinkInfo> {
    const { user, expiresAt } = await this.genuine(token, address);
    if (user.disabled) throw new SignInError('invalid', 'this setup link is unknown, used or expired');
    return { username: user.username, displayName: user.displayName, expiresAt };
  }

  /**
   * Sets the account's password from the link and opens a session, as a sign-in does. SignInError
   * 'invalid' for a link that does not work (also one used meanwhile), 'disabled' for a disabled
   * account, 'rate-limited' while the address must wait; UserInputError for a weak password.
   */
  async use(token: string, password: string, address: string): Promise<SignedIn> {
    const { user } = await this.genuine(token, address);
    if (user.disabled) throw new SignInError('disabled', 'this account is disabled; ask an admin of the newsroom');
    checkPassword(password);
    // Only if the hash is still the one the link was made for: of two uses at once, one wins.
    if (!(await this.store.setPasswordHash(user.id, await hashPassword(password), user.passwordHash))) throw this.unknown();
    await this.store.audit({ at: this.now(), userId: user.id, action: 'user.setup', articleId: null, detail: { username: user.username, address } });
    return this.accounts.openSession(user, address);
  }

  private unknown(): SignInError {
    return new SignInError('invalid', 'this setup link is unknown, used or expired');
  }

  // The account a working link stands for, counted against `address` unless it is genuine.
  private async genuine(token: string, address: string): Promise<{ user: UserWithSecret; expiresAt: number }> {
    const key = `setup:${address}`;
    const { ledger, policy, quietMs } = this.attempts;
    const admission = await ledger.begin([{ key, policy }], quietMs, this.now());
    if (admission.failures === undefined) {
      const seconds = Math.ceil(admission.waitMs / 1000);
      throw new SignInError('rate-limited', `too many unknown setup links from this address; try again in ${seconds} s`, admission.waitMs);
    }
    const fields = this.signer.verify('setup', token);
    const { u: id, f: print, e: expiresAt } = fields ?? {};
    if (typeof id !== 'string' || typeof print !== 'string' || typeof expiresAt !== 'number' || expiresAt <= this.now()) throw this.unknown();
    const named = await this.store.getUser(id);
    const user = named && (await this.store.findUserByUsername(named.username));
    if (!user || user.id !== id || fingerprint(user.passwordHash) !== print) throw this.unknown();
    await ledger.succeed([key], []);
    return { user, expiresAt };
  }
}
