import { ApiError } from './client.ts';
import { describeError, isTransient } from './describe-error.ts';
import type { Words } from '../i18n.ts';
/**
 * Loading with a Try again: when the server is slow or out of reach the
 * caller's `fail` gets a retry that runs the same load once more. Once a
 * retry works, `cleared` gets that same retry, so the screen takes away its
 * own stale message and nothing else: an error another action showed
 * meanwhile (a pull that failed while this load was still on its way) stays.
 * A load that worked the first time clears nothing.
 */
export function loadWithRetry(work: () => Promise<unknown>, fail: (err: unknown, retry: () => void) => void, cleared: (retry: () => void) => void): void {
  let failed = false;
  const attempt = () => {
    work().then(
      () => {
        if (failed) cleared(attempt);
      },
      (err: unknown) => {
        failed = true;
        fail(err, attempt);
      },
    );
  };
  attempt();
}

/** The status a screen shows once a load's retry worked: its own Try again message goes, any other stays. */
export function withoutRetryOf<S>(retry: () => void, cleared: S): (s: S) => S {
  return (s) => (s && typeof s === 'object' && 'retry' in s && s.retry === retry ? cleared : s);
}

/**
 * One action at a time with a Try again: while one runs, starting another
 * does nothing (a state update is not seen before the next click, so the
 * guard is a ref); `start` shows it began, `finish` runs however it ended,
 * and a failure goes to `fail` with a retry that runs the same action again.
 */
export function oneAtATime(
  running: { current: boolean },
  how: { start: () => void; fail: (err: unknown, retry: () => void) => void; finish?: () => void },
  job: () => Promise<void>,
): () => Promise<void> {
  return async function attempt(): Promise<void> {
    if (running.current) return;
    running.current = true;
    how.start();
    try {
      await job();
    } catch (err) {
      how.fail(err, () => void attempt());
    } finally {
      running.current = false;
      how.finish?.();
    }
  };
}

/**
 * What a screen does with a failed request: a session that ended sends the
 * user back to sign in; anything else becomes the screen's error status in
 * the user's language, with a Try again when the server was slow or out of reach.
 */
export function errorStatus(w: Words, onSessionEnded: () => void, setStatus: (s: { kind: 'error'; message: string; retry?: () => void }) => void) {
  return (err: unknown, retry?: () => void): void => {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
    setStatus({ kind: 'error', message: describeError(w, err), ...(retry && isTransient(err) ? { retry } : {}) });
  };
}

/**
 * Answers that are still wanted: `begin()` starts a request and returns a
 * check that stays true only while no later request has begun. A screen
 * whose month (or week, day, run) the user changes while the answer for the
 * one before is on its way uses it to drop that older answer, which could
 * otherwise arrive last and show the wrong month's rows.
 */
export function newestOnly(): () => () => boolean {
  let latest = 0;
  return () => {
    const ticket = ++latest;
    return () => ticket === latest;
  };
}
