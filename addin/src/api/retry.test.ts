import { describe, expect, it } from 'vitest';
import { loadWithRetry, newestOnly, oneAtATime, withoutRetryOf } from './retry.ts';

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

describe('loadWithRetry', () => {
  type Status = { kind: 'idle' } | { kind: 'error'; message: string; retry?: () => void };
  const settle = () => new Promise((r) => setTimeout(r, 0));

  /** A screen: its opening load and a pull share one status line. */
  function screen(loadAnswers: (() => Promise<void>)[]) {
    let status: Status = { kind: 'idle' };
    const set = (next: Status | ((s: Status) => Status)) => (status = typeof next === 'function' ? next(status) : next);
    const fail = (message: string) => (_err: unknown, retry?: () => void) => set({ kind: 'error', message, ...(retry ? { retry } : {}) });
    let calls = 0;
    loadWithRetry(() => loadAnswers[calls++]!(), fail('load failed'), (retry) => set(withoutRetryOf<Status>(retry, { kind: 'idle' })));
    return { status: () => status, pullFailed: () => set({ kind: 'error', message: 'pull failed', retry: () => {} }), retryLoad: () => (status as { retry: () => void }).retry() };
  }

  it('leaves an error a pull showed while the opening load, which then worked, was still on its way', async () => {
    let answer!: () => void;
    const s = screen([() => new Promise<void>((r) => (answer = r))]);
    s.pullFailed();
    answer();
    await settle();
    expect(s.status()).toMatchObject({ kind: 'error', message: 'pull failed' });
  });

  it('takes away its own message once its Try again works, and nothing another action showed meanwhile', async () => {
    const s = screen([() => Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve()]);
    await settle();
    expect(s.status()).toMatchObject({ kind: 'error', message: 'load failed' });
    s.retryLoad();
    await settle();
    expect(s.status()).toEqual({ kind: 'idle' });

    let answer!: () => void;
    const t = screen([() => Promise.reject(new TypeError('Failed to fetch')), () => new Promise<void>((r) => (answer = r))]);
    await settle();
    t.retryLoad();
    t.pullFailed();
    answer();
    await settle();
    expect(t.status()).toMatchObject({ kind: 'error', message: 'pull failed' });
  });
});
