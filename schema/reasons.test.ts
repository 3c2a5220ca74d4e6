/** A refusal's list of names: the first few, and how many more there are, so the pane can say "and N others". */
import { describe, expect, it } from 'vitest';
import { listedNames, NAMES_LISTED } from './reasons.ts';

describe('listedNames', () => {
  it('lists the first names and counts the rest', () => {
    const names = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
    expect(NAMES_LISTED).toBe(5);
    expect(listedNames(names)).toEqual({ names: 'P1, P2, P3, P4, P5', others: 7 });
  });

  it('leaves nobody out of a short list', () => {
    expect(listedNames(['P1', 'P2', 'P3', 'P4', 'P5'])).toEqual({ names: 'P1, P2, P3, P4, P5', others: 0 });
    expect(listedNames(['P1'])).toEqual({ names: 'P1', others: 0 });
  });
});
