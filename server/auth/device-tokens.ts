// Device tokens: after a successful sign-in the app keeps one (per server and username) and
// shows it at the next sign-in. Sign-ins that show a genuine one for that username are counted
// apart from everyone else's (sign-in-throttle.ts), so an attacker's wrong passwords for a name
// never slow down its owner on a computer they signed in on before. Signed, not stored.
import { randomBytes } from 'node:crypto';
import type { TokenSigner } from './signed-tokens.ts';

/** How long a device token is honoured after it was issued. */
export const DEVICE_TOKEN_TTL_MS = 365 * 24 * 3600_000;

const PURPOSE = 'device';

/** Issues and checks device tokens. */
export class DeviceTokens {
  constructor(
    private readonly signer: TokenSigner,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new device token for `username` (any case). */
  issue(username: string): string {
    return this.signer.sign(PURPOSE, { u: username.toLowerCase(), d: randomBytes(12).toString('base64url'), t: this.now() });
  }

  /** The device id of a genuine token issued for `username` within its lifetime; null otherwise. */
  deviceOf(token: string, username: string): string | null {
    const fields = this.signer.verify(PURPOSE, token);
    if (!fields || fields.u !== username.toLowerCase() || typeof fields.d !== 'string' || typeof fields.t !== 'number') return null;
    return fields.t + DEVICE_TOKEN_TTL_MS > this.now() ? fields.d : null;
  }
}
