import { describe, expect, it } from 'vitest';
import { newestOnly, oneAtATime } from './retry.ts';

describe('oneAtATime', () => {
  it('ignores a second start while one runs, reports a failure with a retry of the same action, and always finishes', async () => {
    const running = { current: false };
    const log: string[] = [];
    let retry: (() => void) | null = null;
    let release!: () => void;
    let attempts = 0;
    const action = oneAtATime(
      running,
      { start: () => log.push('start'), fail: (err, again) => (log.push(`fail ${(err as Error).message}`), (retry = again)), finish: () => log.push('finish') },
      async () => {
        attempts++;
        if (attempts === 1) {
          await new Promise<void>((r) => (release = r));
          throw new Error('timeout');
        }
        log.push('done');
      },
    );
    const first = action();
    await action(); // a second click while the first runs: nothing
    expect(attempts).toBe(1);
    release();
    await first;
    expect(log).toEqual(['start', 'fail timeout', 'finish']);
    expect(running.current).toBe(false);
    retry!();
    await new Promise((r) => setTimeout(r, 0));
    expect(attempts).toBe(2);
    expect(log.slice(3)).toEqual(['start', 'done', 'finish']);
  });
});

describe('newestOnly', () => {
  it('keeps only the answer to the latest request, whichever order the answers arrive in', async () => {
    const begin = newestOnly();
    const shown: string[] = [];
    const answer = (month: string, ms: number) => {
      const current = begin();
      return new Promise<void>((r) => setTimeout(r, ms)).then(() => {
        if (current()) shown.push(month);
      });
    };
    // The screen opens on next month, the user types this month before that answer comes back.
    await Promise.all([answer('2026-12', 30), answer('2026-11', 5)]);
    expect(shown).toEqual(['2026-11']);
    await answer('2026-10', 1);
    expect(shown).toEqual(['2026-11', '2026-10']);
  });
});
