/**
 * A payroll run's row ids (row-ids.ts): valid UUIDv7, each larger than the
 * one before (also within one millisecond, across a clock that goes back,
 * and past the counter's end), and unique between two sources at once
 * even when their counters agree.
 */
import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { orderedIds } from './row-ids.ts';

const increasing = (ids: string[]) => ids.every((id, i) => i === 0 || ids[i - 1]! < id);

describe('payroll row ids', () => {
  it('are version 7 UUIDs, each larger than the last, carrying the time', () => {
    const next = orderedIds({ now: () => Date.UTC(2026, 11, 3, 12) });
    const ids = Array.from({ length: 50_000 }, next);
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(increasing(ids)).toBe(true);
    // All in one millisecond: its 48 bits lead every id.
    expect(new Set(ids.map((id) => id.slice(0, 13))).size).toBe(1);
    expect(parseInt(ids[0]!.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 3, 12));
  });

  it('stay ordered when the clock moves on or goes back', () => {
    const times = [1000, 1000, 2000, 1500, 1500, 900, 3000];
    const next = orderedIds({ now: () => times.shift() ?? 3000 });
    expect(increasing(Array.from({ length: 10 }, next))).toBe(true);
  });

  it('stay ordered past the end of the counter, in the next millisecond', () => {
    const next = orderedIds({ now: () => 5000, firstSeq: 0xfffffffe });
    const ids = Array.from({ length: 4 }, next);
    expect(increasing(ids)).toBe(true);
    expect(ids.map((id) => parseInt(id.replace('-', '').slice(0, 12), 16))).toEqual([5000, 5000, 5001, 5001]);
  });

  it('from two sources at the same moment, counting from the same start, still differ by their random bits', () => {
    const a = orderedIds({ now: () => 7000, firstSeq: 12345 });
    const b = orderedIds({ now: () => 7000, firstSeq: 12345 });
    const all = new Set([...Array.from({ length: 20_000 }, a), ...Array.from({ length: 20_000 }, b)]);
    expect(all.size).toBe(40_000);
  });
});
