// A receiver that gets a story's messages by two paths (a direct link and Redis) hands each on
// once: the second copy is dropped, whatever order the paths deliver in, and when it has to
// forget, it forgets towards handing a copy on twice (harmless), never towards dropping a message.
import { describe, expect, it } from 'vitest';
import { SeenNumbers } from '../../server/collab/seen-numbers.ts';

describe('SeenNumbers', () => {
  it('takes each number once, whichever path brings it first', () => {
    const seen = new SeenNumbers();
    // The link starts at 5 (it opened late); Redis brings 1–8 behind it.
    const direct = [5, 6, 7, 8];
    const redis = [1, 2, 3, 4, 5, 6, 7, 8];
    const handedOn: number[] = [];
    for (let i = 0; i < 8; i++) {
      for (const n of [direct[i], redis[i]]) if (n !== undefined && seen.add(n)) handedOn.push(n);
    }
    expect(handedOn.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.add(3)).toBe(false);
    expect(seen.add(9)).toBe(true);
  });

  it('joins runs from both sides and keeps a gap open until it is filled', () => {
    const seen = new SeenNumbers();
    for (const n of [10, 12, 14]) expect(seen.add(n)).toBe(true);
    expect(seen.add(11)).toBe(true);
    expect(seen.add(13)).toBe(true);
    for (const n of [10, 11, 12, 13, 14]) expect(seen.add(n)).toBe(false);
    expect(seen.add(9)).toBe(true);
    expect(seen.add(15)).toBe(true);
  });

  it('past its run limit forgets the lowest runs: their numbers count as new again, and no new number counts as seen', () => {
    const seen = new SeenNumbers();
    // 40 separate runs (every other number), more than it keeps.
    for (let n = 0; n < 80; n += 2) expect(seen.add(n)).toBe(true);
    // The lowest were forgotten: taken again (a copy applied twice changes nothing).
    expect(seen.add(0)).toBe(true);
    // The recent ones are remembered, and every number never seen is new.
    expect(seen.add(78)).toBe(false);
    for (let n = 1; n < 80; n += 2) expect(seen.add(n)).toBe(true);
  });
});
