// The room's log of client ids to store: one write at a time, later ids join the next write,
// and ids storage refused are kept for the next try.
import { describe, expect, it } from 'vitest';
import { ClientAuthorLog } from '../../server/collab/client-authors.ts';
import type { ClientAuthor } from '../../server/storage/store.ts';

function gatedWriter() {
  const writes: ClientAuthor[][] = [];
  const gates: (() => void)[] = [];
  let fail = false;
  const write = (authors: ClientAuthor[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push(authors);
      gates.push(() => (fail ? reject(new Error('disk full')) : resolve()));
    });
  return { write, writes, open: () => gates.shift()!(), setFailing: (value: boolean) => (fail = value) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ClientAuthorLog', () => {
  it('writes one batch at a time; ids noted meanwhile go in the next batch', async () => {
    const writer = gatedWriter();
    const log = new ClientAuthorLog(writer.write);
    const first = log.add([1, 2], 'ana');
    log.add([3], 'ben').catch(() => undefined);
    expect(writer.writes).toEqual([
      [
        { clientId: 1, userId: 'ana' },
        { clientId: 2, userId: 'ana' },
      ],
    ]);
    expect(log.isClean).toBe(false);
    writer.open();
    await tick();
    expect(writer.writes[1]).toEqual([{ clientId: 3, userId: 'ben' }]);
    writer.open();
    await first;
    expect(log.isClean).toBe(true);
  });

  it('keeps what storage refused and writes it with the next flush', async () => {
    const writer = gatedWriter();
    const log = new ClientAuthorLog(writer.write);
    writer.setFailing(true);
    const refused = log.add([7], 'ana');
    writer.open();
    await expect(refused).rejects.toThrow('disk full');
    expect(log.isClean).toBe(false);
    writer.setFailing(false);
    const retried = log.add([8], 'ben');
    writer.open();
    await retried;
    expect(writer.writes[1]).toEqual([
      { clientId: 7, userId: 'ana' },
      { clientId: 8, userId: 'ben' },
    ]);
    expect(log.isClean).toBe(true);
  });
});
