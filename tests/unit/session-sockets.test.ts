// The registry of open sockets by session: closing one session's or one user's sockets, and the
// re-check that looks each open session up once, however many sockets it has.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../model/roles.ts';
import { ROLE_CHANGED_CLOSE, SESSION_ENDED_CLOSE, SessionSockets, type SocketSession } from '../../server/collab/session-sockets.ts';
import { MemoryLogger } from '../support/test-server.ts';

const session = (tokenHash: string, userId: string, expiresAt = 10_000, role: Role = 'reporter'): SocketSession => ({ tokenHash, userId, username: userId, expiresAt, role });

function registry(now = () => 1000) {
  const sockets = new SessionSockets(new MemoryLogger(), now);
  const closed: string[] = [];
  const open = (s: SocketSession, name: string) => sockets.add(s, (code, reason) => closed.push(`${name}: ${code === SESSION_ENDED_CLOSE ? '' : `${code} `}${reason}`));
  return { sockets, closed, open };
}

describe('SessionSockets', () => {
  it('closes the sockets of one session, or of every session of one user, and no others', () => {
    const { sockets, closed, open } = registry();
    open(session('a1', 'ana'), 'ana-1');
    open(session('a1', 'ana'), 'ana-2');
    open(session('a2', 'ana'), 'ana-3');
    open(session('b1', 'ben'), 'ben-1');
    sockets.end({ tokenHash: 'a1', reason: 'signed out' });
    expect(closed).toEqual(['ana-1: session signed out: sign in again', 'ana-2: session signed out: sign in again']);
    sockets.end({ userId: 'ana', reason: 'password changed' });
    expect(closed.slice(2)).toEqual(['ana-3: session password changed: sign in again']);
    sockets.end({ userId: 'nobody', reason: 'x' });
    expect(closed).toHaveLength(3);
  });

  it('forgets a socket once it is gone', () => {
    const { sockets, closed, open } = registry();
    const remove = open(session('a1', 'ana'), 'ana-1');
    remove();
    sockets.end({ tokenHash: 'a1', reason: 'signed out' });
    expect(closed).toEqual([]);
  });

  it('re-checks with one lookup per session, closes the ended and the expired (without a lookup), and keeps all when the store fails', async () => {
    let now = 1000;
    const { sockets, closed, open } = registry(() => now);
    for (let i = 0; i < 5; i++) open(session('a1', 'ana'), `ana-${i}`);
    for (let i = 0; i < 3; i++) open(session('b1', 'ben'), `ben-${i}`);
    open(session('v1', 'vic', 2000), 'vic-0');
    const looked: string[] = [];
    await sockets.recheck(async (tokenHash) => {
      looked.push(tokenHash);
      return 'reporter';
    });
    expect(looked.sort()).toEqual(['a1', 'b1', 'v1']);
    expect(closed).toEqual([]);

    await sockets.recheck(async () => {
      throw new Error('store unreachable');
    });
    expect(closed).toEqual([]);

    now = 2000;
    looked.length = 0;
    await sockets.recheck(async (tokenHash) => {
      looked.push(tokenHash);
      return tokenHash === 'b1' ? null : 'reporter';
    });
    expect(looked.sort()).toEqual(['a1', 'b1']);
    expect(closed.sort()).toEqual([
      'ben-0: session ended: sign in again',
      'ben-1: session ended: sign in again',
      'ben-2: session ended: sign in again',
      'vic-0: session expired: sign in again',
    ]);
  });

  it('closes the sockets of a session whose role changed with ROLE_CHANGED_CLOSE, and keeps those admitted with the new role', async () => {
    const { sockets, closed, open } = registry();
    open(session('a1', 'ana'), 'ana-old');
    open(session('a1', 'ana', 10_000, 'viewer'), 'ana-new');
    open(session('b1', 'ben'), 'ben');
    await sockets.recheck(async (tokenHash) => (tokenHash === 'a1' ? 'viewer' : 'reporter'));
    expect(closed).toEqual([`ana-old: ${ROLE_CHANGED_CLOSE} role changed to viewer: reconnect`]);
    // Once closed they are gone: the next re-check closes nothing more.
    await sockets.recheck(async (tokenHash) => (tokenHash === 'a1' ? 'viewer' : 'reporter'));
    expect(closed).toHaveLength(1);
    // A role-changed session's sockets still end with the session.
    sockets.end({ userId: 'ana', reason: 'signed out by an admin' });
    expect(closed.slice(1)).toEqual(['ana-new: session signed out by an admin: sign in again']);
  });
});
