import { describe, expect, it } from 'vitest';
import { returnSinceSubmit } from './workflow.ts';

describe('a return since the last submission', () => {
  it('is the newest return until something is submitted again; other steps between do not answer it', () => {
    const e = (action: string, n: number) => ({ action, n });
    expect(returnSinceSubmit([e('submit', 1), e('return', 2), e('calculate', 3)])).toEqual(e('return', 2));
    expect(returnSinceSubmit([e('submit', 1), e('return', 2), e('submit', 3)])).toBeNull();
    expect(returnSinceSubmit([e('submit', 1), e('return', 2), e('submit', 3), e('return', 4)])).toEqual(e('return', 4));
    expect(returnSinceSubmit([e('create', 1)])).toBeNull();
  });
});
