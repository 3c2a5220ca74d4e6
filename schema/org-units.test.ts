import { describe, expect, it } from 'vitest';
import { kindsBelow, levelOf, pathAndAncestors } from './org-units.ts';

describe('the organisation tree’s levels', () => {
  it('orders company, sales centre, region, area, team', () => {
    expect(['COMPANY', 'SALES_CENTRE', 'REGION', 'AREA', 'TEAM'].map((k) => levelOf(k as never))).toEqual([0, 1, 2, 3, 4]);
  });

  it('offers only the levels below a parent, and a company at the top', () => {
    expect(kindsBelow(null)).toEqual(['COMPANY']);
    expect(kindsBelow('COMPANY')).toEqual(['SALES_CENTRE', 'REGION', 'AREA', 'TEAM']);
    expect(kindsBelow('AREA')).toEqual(['TEAM']);
    expect(kindsBelow('TEAM')).toEqual([]);
  });
});

describe('pathAndAncestors', () => {
  it('lists a path and each unit above it, top first', () => {
    expect(pathAndAncestors('/c/r/a/')).toEqual(['/c/', '/c/r/', '/c/r/a/']);
    expect(pathAndAncestors('/c/')).toEqual(['/c/']);
  });
});
