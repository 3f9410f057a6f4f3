// Small tokens the server signs and later checks: HMAC-SHA256 under a key kept in the store, so
// that a token one instance signed is accepted by every instance on the same store.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountStore } from '../storage/store.ts';

/** The name of the signing key in the store's server secrets. */
const KEY_NAME = 'token-signing-key';

/** Longest token `verify` looks at: anything longer is refused before any work. */
const MAX_TOKEN_CHARS = 2048;

/** Signs and checks `payload.mac` tokens; `purpose` keeps one kind of token from passing for another. */
export class TokenSigner {
  constructor(private readonly key: Buffer) {}

  /** The signer with the store's key (made and stored on first use; every instance reads the same one). */
  static async open(store: AccountStore): Promise<TokenSigner> {
    const secret = await store.serverSecret(KEY_NAME, randomBytes(32).toString('base64url'));
    return new TokenSigner(Buffer.from(secret, 'base64url'));
  }

  private mac(purpose: string, payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\n${payload}`).digest();
  }

  /** A token carrying `fields` (visible to whoever holds it: put no secret in them). */
  sign(purpose: string, fields: Record<string, string | number>): string {
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    return `${payload}.${this.mac(purpose, payload).toString('base64url')}`;
  }

  /** The fields of a genuine token signed for `purpose`, or null for anything else. */
  verify(purpose: string, token: string): Record<string, unknown> | null {
    if (token.length > MAX_TOKEN_CHARS) return null;
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(purpose, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
      return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
}
