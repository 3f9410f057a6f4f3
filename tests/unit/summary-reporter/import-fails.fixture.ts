// A file that fails to load: it has no test cases at all.
import { it } from 'vitest';

throw new Error('cannot load this file');
it('is never collected', () => undefined);
