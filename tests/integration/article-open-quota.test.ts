// The per-user quota of stories loaded per minute charges loads from storage only: sockets that
// join a story already open — or still loading for an earlier socket — are not charged.
import { expect } from 'vitest';
import { openRaw } from '../support/raw-socket.ts';
import { it } from '../support/fixtures.ts';

it('lets one user open a story from many sockets at once on a quota of one load, and refuses the next story', async ({ startServer, defer }) => {
  const server = await startServer({ collab: { articleOpensPerMinute: 1 } });
  const ana = await server.user('ana', 'reporter');
  const first = await server.createArticle(ana.token);
  const second = await server.createArticle(ana.token);

  const url = (id: string) => `${server.wsUrl}/${id}?token=${ana.token}`;
  const together = await Promise.all(Array.from({ length: 8 }, () => openRaw(url(first))));
  for (const opened of together) defer(() => opened.ws?.close());
  expect(together.map((o) => o.status)).toEqual(Array(8).fill(101));

  const another = await openRaw(url(second));
  defer(() => another.ws?.close());
  expect(another.status).toBe(429);
});
