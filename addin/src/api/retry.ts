/**
 * Loading with a Try again: when the server is slow or out of reach the
 * caller's `fail` gets a retry that runs the same load once more; `cleared`
 * runs after a successful load so a stale Try again message goes away.
 */
export function loadWithRetry(work: () => Promise<unknown>, fail: (err: unknown, retry: () => void) => void, cleared: () => void): void {
  const attempt = () => {
    work().then(cleared, (err: unknown) => fail(err, attempt));
  };
  attempt();
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
