// A file whose beforeAll throws (as an unreachable Postgres would): its tests never run.
import { beforeAll, describe, expect, it } from 'vitest';

describe('needs a database', () => {
  beforeAll(() => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  });
  it('reads a row', () => expect(1).toBe(1));
  it.skip('is skipped on purpose', () => undefined);
});
it('runs beside the block', () => expect(1).toBe(1));
