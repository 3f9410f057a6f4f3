// Named parameters in the shared SQL: compiled to each engine's placeholders, bound by name, and
// renamed apart when one INSERT carries many rows.
import { describe, expect, it } from 'vitest';
import { bindValues, compileNamed, manyRows } from '../../server/storage/sql-session.ts';

describe('named SQL parameters', () => {
  it('become one ? per place for SQLite and one $n per name for Postgres, leaving casts and words alone', () => {
    const sql = 'SELECT :a::jsonb, x:y, :b, :a FROM t WHERE c = :b';
    expect(compileNamed(sql, false)).toEqual({ text: 'SELECT ?::jsonb, x:y, ?, ? FROM t WHERE c = ?', names: ['a', 'b', 'a', 'b'] });
    expect(compileNamed(sql, true)).toEqual({ text: 'SELECT $1::jsonb, x:y, $2, $1 FROM t WHERE c = $2', names: ['a', 'b'] });
  });

  it('bind by name, an absent value as null, and refuse a name with no value at all', () => {
    expect(bindValues(['a', 'b', 'a'], { a: 1, b: undefined, unused: 3 })).toEqual([1, null, 1]);
    expect(() => bindValues(['a', 'typo'], { a: 1 })).toThrow('no value for the SQL parameter :typo');
  });

  it('are renamed apart, row by row, in an INSERT of many rows', () => {
    const insert = { into: 't (a, b)', row: '(:a, :b::bigint)', then: 'ON CONFLICT DO NOTHING' };
    expect(manyRows(insert, [{ a: 1, b: 2 }, { a: 3, b: 4 }])).toEqual({
      sql: 'INSERT INTO t (a, b) VALUES (:a_0, :b_0::bigint), (:a_1, :b_1::bigint) ON CONFLICT DO NOTHING',
      params: { a_0: 1, b_0: 2, a_1: 3, b_1: 4 },
    });
  });
});
