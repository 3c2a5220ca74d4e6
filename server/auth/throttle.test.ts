import { describe, expect, it } from 'vitest';
import { createThrottle } from './throttle.ts';

describe('login throttle', () => {
  it('blocks after the limit within the window, and forgets after it', () => {
    const t = createThrottle(3, 1000);
    t.failed('a', 0);
    t.failed('a', 100);
    expect(t.blockedFor('a', 200)).toBe(0);
    t.failed('a', 200);
    expect(t.blockedFor('a', 300)).toBe(700);
    expect(t.blockedFor('b', 300)).toBe(0);
    expect(t.blockedFor('a', 1001)).toBe(0);
  });
  it('a success clears the count', () => {
    const t = createThrottle(2, 1000);
    t.failed('a', 0);
    t.succeeded('a');
    t.failed('a', 10);
    expect(t.blockedFor('a', 20)).toBe(0);
  });
});
