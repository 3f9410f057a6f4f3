// Reading revision numbers and content references from URLs.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../server/http/http-error.ts';
import { parseContentRef, parseRevisionNumber } from '../../server/revisions/revision-refs.ts';

const status = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof HttpError ? error.status : 'not an HttpError';
  }
  return 'no error';
};

describe('parseRevisionNumber', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['999999999', 999999999],
  ])('reads %j as %i', (raw, number) => {
    expect(parseRevisionNumber(raw)).toBe(number);
  });

  it.each(['', '0', '-1', '01', '1.0', '1e3', ' 1', '1 ', '0x1', 'abc', 'live', 'approved', '1000000000', 'Infinity'])('refuses %j with 400', (raw) => {
    expect(status(() => parseRevisionNumber(raw))).toBe(400);
  });
});

describe('parseContentRef', () => {
  it('reads numbers, approved and live', () => {
    expect(parseContentRef('3', 'rev')).toBe(3);
    expect(parseContentRef('approved', 'rev')).toBe('approved');
    expect(parseContentRef('live', 'rev')).toBe('live');
  });

  it.each([null, '', 'Live', 'APPROVED', 'latest', '0', '-2', '2.5', '1,2'])('refuses %j with 400 naming the parameter', (raw) => {
    expect(status(() => parseContentRef(raw, 'from'))).toBe(400);
    expect(() => parseContentRef(raw, 'from')).toThrow(/from/);
  });
});
