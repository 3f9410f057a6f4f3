// Password hashing: right and wrong passwords, fresh salts, and stored hashes that are not
// valid (which must read as "no match", never as an error).
import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../server/auth/passwords.ts';

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses wrong ones', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores scrypt parameters, salt and key, not the password', async () => {
    const stored = await hashPassword('password1');
    expect(stored).not.toContain('password1');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(n)).toBeGreaterThanOrEqual(16384);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });

  it('gives two different hashes for the same password, both verifying', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('treats canonically equal Unicode spellings as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword('cafe\u0301 au lait', stored)).toBe(true);
  });

  it('handles long and non-ASCII passwords', async () => {
    const long = 'ü'.repeat(2000);
    const stored = await hashPassword(long);
    expect(await verifyPassword(long, stored)).toBe(true);
    expect(await verifyPassword('ü'.repeat(1999), stored)).toBe(false);
  });

  it('returns false (and does not throw) for a malformed stored hash', async () => {
    const good = await hashPassword('password1');
    const [, , , , salt, key] = good.split('$');
    const malformed = [
      '',
      'nonsense',
      'password1',
      'scrypt',
      'scrypt$$$$$',
      `scrypt$16384$8$1$${salt}`,
      `scrypt$16384$8$1$$${key}`,
      `bcrypt$16384$8$1$${salt}$${key}`,
      `scrypt$16384$8$1$${salt}$${key.slice(0, 10)}`,
      `scrypt$16384$8$1$${salt}$${key}AAAA`,
    ];
    for (const stored of malformed) {
      await expect(verifyPassword('password1', stored), JSON.stringify(stored)).resolves.toBe(false);
    }
  });

  it('returns false (and does not throw) for a stored hash whose scrypt parameters are invalid', async () => {
    const good = await hashPassword('password1');
    const [, , , , salt, key] = good.split('$');
    const invalidParameters = [
      `scrypt$abc$8$1$${salt}$${key}`,
      `scrypt$16384$x$1$${salt}$${key}`,
      `scrypt$3$8$1$${salt}$${key}`,
      `scrypt$-16384$8$1$${salt}$${key}`,
    ];
    for (const stored of invalidParameters) {
      await expect(verifyPassword('password1', stored), JSON.stringify(stored)).resolves.toBe(false);
    }
  });

  it('has a decoy hash that verifies nothing a user would type', async () => {
    const decoy = await decoyHash();
    expect(decoy).toMatch(/^scrypt\$/);
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPassword('password1', decoy)).toBe(false);
    expect(await verifyPassword('', decoy)).toBe(false);
  });

  it('asks for at least 8 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(8);
  });
});
