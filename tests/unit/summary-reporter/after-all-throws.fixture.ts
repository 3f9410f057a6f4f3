// A file whose tests pass but whose afterAll throws (a teardown that cannot stop a server).
import { afterAll, expect, it } from 'vitest';

afterAll(() => {
  throw new Error('the server did not stop');
});
it('passes', () => expect(1).toBe(1));
