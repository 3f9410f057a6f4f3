// Signed tokens, websocket tickets and device tokens: genuine ones pass, tampered, expired,
// misdirected or other-purpose ones do not.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CollabTickets, TICKET_TTL_MS } from '../../server/auth/collab-tickets.ts';
import { DEVICE_TOKEN_TTL_MS, DeviceTokens } from '../../server/auth/device-tokens.ts';
import { TokenSigner } from '../../server/auth/signed-tokens.ts';

const signer = new TokenSigner(randomBytes(32));

describe('TokenSigner', () => {
  it('gives back the fields of its own tokens for the same purpose only', () => {
    const token = signer.sign('a', { x: 'y', n: 1 });
    expect(signer.verify('a', token)).toEqual({ x: 'y', n: 1 });
    expect(signer.verify('b', token)).toBeNull();
    expect(new TokenSigner(randomBytes(32)).verify('a', token)).toBeNull();
  });

  it('refuses tampered, truncated, padded and oversized tokens', () => {
    const token = signer.sign('a', { x: 'y' });
    const [payload, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ x: 'z' })).toString('base64url');
    for (const bad of [`${other}.${mac}`, `${payload}.${mac.slice(1)}`, `${payload}.`, payload, `${token}.x`, '', `${'a'.repeat(3000)}.${mac}`]) {
      expect(signer.verify('a', bad), bad.slice(0, 40)).toBeNull();
    }
  });
});

describe('CollabTickets', () => {
  it('names the session for its own story until it expires', () => {
    let now = 1_000_000;
    const tickets = new CollabTickets(signer, TICKET_TTL_MS, () => now);
    const { ticket, expiresAt } = tickets.issue('hash-of-session', 'story-1');
    expect(expiresAt).toBe(now + 60_000);
    expect(tickets.sessionOf(ticket, 'story-1')).toBe('hash-of-session');
    expect(tickets.sessionOf(ticket, 'story-2')).toBeNull();
    now += 59_999;
    expect(tickets.sessionOf(ticket, 'story-1')).toBe('hash-of-session');
    now += 1;
    expect(tickets.sessionOf(ticket, 'story-1')).toBeNull();
  });
});

describe('DeviceTokens', () => {
  it('names a device for its own username (any case) for a year', () => {
    let now = 5_000_000;
    const devices = new DeviceTokens(signer, () => now);
    const token = devices.issue('Ed');
    const device = devices.deviceOf(token, 'ed');
    expect(device).toMatch(/^[\w-]{16}$/);
    expect(devices.deviceOf(token, 'ED')).toBe(device);
    expect(devices.deviceOf(token, 'ana')).toBeNull();
    expect(devices.deviceOf(devices.issue('ed'), 'ed')).not.toBe(device);
    // A ticket is no device token.
    expect(devices.deviceOf(new CollabTickets(signer).issue('h', 'ed').ticket, 'ed')).toBeNull();
    now += DEVICE_TOKEN_TTL_MS;
    expect(devices.deviceOf(token, 'ed')).toBeNull();
  });
});
