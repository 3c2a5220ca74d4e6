import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { movement, rank, type Entry } from './ranking.ts';

const amount = (key: string, value: number | null, tiebreak = key): Entry => ({ key, tiebreak, score: value === null ? null : { kind: 'amount', value: BigInt(value) } });
const ratio = (key: string, num: bigint, den: bigint): Entry => ({ key, tiebreak: key, score: { kind: 'ratio', value: { num, den } } });
const view = (entries: Entry[], n = 3) => rank(entries, n).map((r) => `${r.key}:${r.rank ?? '-'}${r.top ? 'T' : ''}${r.bottom ? 'B' : ''}`);

describe('competition ranking', () => {
  it('gives equal scores one rank and skips the next (1, 2, 2, 4)', () => {
    expect(view([amount('a', 10), amount('b', 30), amount('c', 20), amount('d', 20)], 1)).toEqual(['b:1T', 'c:2', 'd:2', 'a:4B']);
  });

  it('orders a tie by the tiebreak key whatever the input order', () => {
    const entries = [amount('x', 5, 'QB002'), amount('y', 5, 'QB001'), amount('z', 5, 'QB003')];
    expect(rank(entries).map((r) => r.key)).toEqual(['y', 'x', 'z']);
    expect(rank([...entries].reverse()).map((r) => r.key)).toEqual(['y', 'x', 'z']);
  });

  it('flags the top and bottom N, with ties at the edge, and puts the unscored last, unranked', () => {
    const entries = [amount('a', 9), amount('b', 8), amount('c', 7), amount('d', 7), amount('e', 5), amount('f', 4), amount('g', 4), amount('h', null)];
    expect(view(entries)).toEqual(['a:1T', 'b:2T', 'c:3T', 'd:3T', 'e:5B', 'f:6B', 'g:6B', 'h:-']);
    expect(view(entries, 1)).toEqual(['a:1T', 'b:2', 'c:3', 'd:3', 'e:5', 'f:6B', 'g:6B', 'h:-']);
  });

  it('flags a small table\'s places once: a top place is not also a bottom one', () => {
    expect(view([amount('a', 4), amount('b', 3), amount('c', 2), amount('d', 1)])).toEqual(['a:1T', 'b:2T', 'c:3T', 'd:4B']);
    expect(view([amount('a', 4), amount('b', 3), amount('c', 3), amount('d', 1), amount('e', 0)])).toEqual(['a:1T', 'b:2T', 'c:2T', 'd:4B', 'e:5B']);
  });

  it('puts nobody among the best on nothing: a small team\'s zero sellers tie below the top and are its bottom places', () => {
    expect(view([amount('a', 100), amount('b', 0), amount('c', 0)])).toEqual(['a:1T', 'b:2B', 'c:2B']);
    // Nobody sold: everybody ties first and nobody is behind anybody, so no place is a bottom one.
    expect(view([ratio('a', 0n, 1n), ratio('b', 0n, 5n)])).toEqual(['a:1', 'b:1']);
    expect(view('abcdef'.split('').map((k) => amount(k, 0)))).toEqual('abcdef'.split('').map((k) => `${k}:1`));
    // One seller in ten: the nine who sold nothing tie at 2, within the top three's ranks, and are all the bottom (ties at the edge included).
    const ten = [amount('c', 500), ...'abdefghij'.split('').map((k) => amount(k, 0))];
    expect(view(ten)).toEqual(['c:1T', ...'abdefghij'.split('').map((k) => `${k}:2B`)]);
    // In a larger table the zeros are the bottom places, as before.
    expect(view([amount('a', 9), amount('b', 8), amount('c', 7), amount('d', 6), amount('e', 0), amount('f', 0)])).toEqual(['a:1T', 'b:2T', 'c:3T', 'd:4B', 'e:5B', 'f:5B']);
  });

  it('flags as bottom every place with fewer than N below it that is not a top place, and never one place both', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), (values, n) => {
        for (const r of rank(values.map((v, i) => amount(`k${String(i).padStart(2, '0')}`, v)), n)) {
          const v = Number((r.score as { value: bigint }).value);
          expect(r.top).toBe(r.rank! <= n && v > 0);
          expect(r.bottom).toBe(values.filter((x) => x < v).length < n && !r.top && values.some((x) => x > v));
        }
      }),
    );
  });

  it('ranks achievements exactly, by cross-multiplying', () => {
    // 1/3 and 2/6 tie; 333/1000 is below them.
    expect(view([ratio('a', 333n, 1000n), ratio('b', 1n, 3n), ratio('c', 2n, 6n)], 1)).toEqual(['b:1T', 'c:1T', 'a:3B']);
  });

  it('always ranks: ranks rise, a tie shares a rank, and the next rank counts everyone above', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), (values) => {
        const ranked = rank(values.map((v, i) => amount(`k${String(i).padStart(2, '0')}`, v)));
        ranked.forEach((r, i) => {
          const above = values.filter((v) => v > Number((r.score as { value: bigint }).value)).length;
          expect(r.rank).toBe(above + 1);
          if (i) expect(r.rank! >= ranked[i - 1]!.rank!).toBe(true);
        });
      }),
    );
  });

  it('says how far an entry moved', () => {
    expect(movement(2, 5)).toBe(3);
    expect(movement(5, 2)).toBe(-3);
    expect(movement(1, undefined)).toBeNull();
    expect(movement(null, 2)).toBeNull();
  });
});
